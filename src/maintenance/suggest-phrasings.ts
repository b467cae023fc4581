import { createHash } from 'node:crypto';
import type { FeedbackRecord, LogRecord, Platform, QuestionRecord } from '../question-log/question-log.js';
import { latestRatings } from '../question-log/summarise-gaps.js';
import { createTextProcessor } from '../text/create-text-processor.js';
import type { KnowledgeBase } from '../types.js';
import { groupBy, questionGroupKey, spanOf, wordingsOf } from './question-groups.js';

/** What the question log says for one proposed phrasing. */
export interface PhrasingEvidence {
  /**
   * Confirmations that count towards the threshold: each distinct asker once
   * when askers are hashed, and each unattributed confirmation once.
   */
  confirmations: number;
  /** Times a person chose the entry from the suggestions or clarification offered after this question. */
  chosen: number;
  /** Times a 👍 was given to an answer from the entry at medium or low confidence. */
  thumbsUp: number;
  /** Times the question (in any of its wordings) was typed, confirmed or not. */
  asked: number;
  /** Distinct askers among those, or `null` when asker hashing was off. */
  askers: number | null;
  /** ISO times it was first and last asked. */
  first: string;
  last: string;
  platforms: Platform[];
  /** Every wording grouped under it, most asked first. */
  wordings: string[];
}

/** A question people asked that they confirmed an entry answers: a candidate phrasing for it. */
export interface PhrasingSuggestion {
  /** A short id, the same on every run while the question and entry stay the same: give it to `--accept`. */
  id: string;
  entryId: string;
  /** The wording to add to the entry's `questions:`, as people typed it (the most asked). */
  phrasing: string;
  evidence: PhrasingEvidence;
  /** Other entries people chose for the same question, and how often. */
  alsoChosen: { entryId: string; confirmations: number }[];
}

/**
 * Why a candidate is not proposed: `below-threshold` (too few
 * confirmations), `no-in-scope-words` (none of its words appears anywhere in
 * the knowledge), `phrasing-of-another-entry` (the search already reads it as
 * another entry's phrasing), `unknown-entry` (the entry no longer exists),
 * `outvoted` (more people chose another entry for it) or `disputed` (as many
 * chose another).
 */
export type HoldBackReason = 'below-threshold' | 'no-in-scope-words' | 'phrasing-of-another-entry' | 'unknown-entry' | 'outvoted' | 'disputed';

/** A candidate held back, with the reason. */
export interface HeldBackPhrasing extends Omit<PhrasingSuggestion, 'alsoChosen'> {
  reason: HoldBackReason;
  /** The other entry, for `phrasing-of-another-entry`, `outvoted` and `disputed`. */
  otherEntryId?: string;
}

/**
 * Answers rated 👎 (each answer's latest rating), grouped by entry and
 * question: for a person to look at. For an answer reached by clicking a
 * suggestion, the question is the one typed before the click.
 */
export interface MisunderstoodAnswer {
  entryId: string | null;
  /** The wording most recently asked, or `null` when the log no longer holds the question. */
  question: string | null;
  wordings: string[];
  /** Answers rated 👎. */
  count: number;
  first: string;
  last: string;
  platforms: Platform[];
}

/** What {@link suggestPhrasings} found. */
export interface SuggestionReport {
  /** Proposed phrasings, most confirmed first. */
  suggestions: PhrasingSuggestion[];
  heldBack: HeldBackPhrasing[];
  misunderstood: MisunderstoodAnswer[];
  /** The minimum number of confirmations used. */
  minConfirmations: number;
}

/** Options for {@link suggestPhrasings}. */
export interface SuggestOptions {
  /**
   * Confirmations a phrasing needs before it is proposed.
   * @default 2
   */
  minConfirmations: number;
  /** Only records at or after this time count. Default: all. */
  since?: Date;
}

/** The defaults of {@link SuggestOptions}. */
export const defaultSuggestOptions: Readonly<SuggestOptions> = Object.freeze({ minConfirmations: 2 });

/** One question confirmed, by a choice or a 👍, as asking for an entry. */
interface Confirmation {
  origin: QuestionRecord;
  entryId: string;
  how: 'chosen' | 'thumbsUp';
}

/**
 * The confirmations in a log. A question counts for an entry when the person,
 * offered suggestions or a clarification because the bot declined or was
 * unsure, chose that entry (a question record whose `followedFrom` points at
 * the reply) and did not then rate its answer 👎; or when they rated 👍 an
 * answer the bot gave at medium or low confidence. A related question clicked
 * under a confident answer shows what people read next, not what they meant,
 * so it does not count.
 */
function findConfirmations(records: readonly LogRecord[], ratings: Map<string, FeedbackRecord>): Confirmation[] {
  const questions = new Map<string, QuestionRecord>();
  for (const record of records) if (record.type === 'question') questions.set(record.answerId, record);
  const confirmations: Confirmation[] = [];
  for (const record of questions.values()) {
    if (!record.followedFrom || record.status !== 'answered' || !record.entryId) continue;
    const origin = questions.get(record.followedFrom);
    if (!origin || (origin.status !== 'clarify' && origin.status !== 'no_match')) continue;
    if (ratings.get(record.answerId)?.rating === 'down') continue;
    confirmations.push({ origin, entryId: record.entryId, how: 'chosen' });
  }
  for (const rating of ratings.values()) {
    const answer = questions.get(rating.answerId);
    if (rating.rating !== 'up' || !answer || answer.status !== 'answered' || !answer.entryId || answer.confidence === 'high' || answer.confidence === null) continue;
    confirmations.push({ origin: answer, entryId: answer.entryId, how: 'thumbsUp' });
  }
  return confirmations;
}

/** Each distinct asker once, and each unattributed record once. */
const countPeople = (records: readonly { asker?: string }[]): number => {
  const askers = new Set(records.flatMap((record) => (record.asker ? [record.asker] : [])));
  return askers.size + records.filter((record) => !record.asker).length;
};

/** A stable short id for an entry and a question group. */
const suggestionId = (entryId: string, key: string): string => createHash('sha256').update(`${entryId}\n${key}`).digest('hex').slice(0, 8);

/**
 * Turns what people asked, and then confirmed, into proposed new phrasings
 * for entries, with the evidence for each; lists 👎-rated answers separately
 * as misunderstood (never proposed). Questions are grouped when the search
 * reads them as the same words (case, punctuation, small words, word endings
 * and synonyms do not count). Never changes anything.
 */
export function suggestPhrasings(records: readonly LogRecord[], knowledge: KnowledgeBase, options: Partial<SuggestOptions> = {}): SuggestionReport {
  const { minConfirmations, since } = { ...defaultSuggestOptions, ...options };
  const from = since?.getTime() ?? -Infinity;
  const recent = records.filter((record) => Date.parse(record.time) >= from);
  const text = createTextProcessor(knowledge.synonyms);
  const keyOf = (question: string) => questionGroupKey(text, question);
  const ratings = latestRatings(recent);

  const vocabulary = new Set(
    knowledge.entries.flatMap((entry) => [entry.title, ...entry.questions, ...entry.tags, ...(entry.aliases ?? []), entry.body].flatMap((part) => text.termsOf(part))),
  );
  const phrasingOwner = new Map<string, string>();
  for (const entry of knowledge.entries) for (const question of entry.questions) phrasingOwner.set(keyOf(question), entry.id);
  const entryIds = new Set(knowledge.entries.map((entry) => entry.id));

  // Everything typed (not clicked), by group: the evidence of how often a question was asked.
  const typed = groupBy(
    recent.filter((record): record is QuestionRecord => record.type === 'question' && record.via !== 'button' && !record.followedFrom),
    (record) => keyOf(record.question),
  );
  const groups = new Map(
    [...groupBy(findConfirmations(recent, ratings), (confirmation) => keyOf(confirmation.origin.question))].map(([key, confirmations]) => [
      key,
      groupBy(confirmations, (item) => item.entryId),
    ]),
  );

  const suggestions: PhrasingSuggestion[] = [];
  const heldBack: HeldBackPhrasing[] = [];
  for (const [key, byEntry] of groups) {
    const ranked = [...byEntry.entries()]
      .map(([entryId, confirmations]) => ({ entryId, confirmations, people: countPeople(confirmations.map((item) => item.origin)) }))
      .sort((a, b) => b.people - a.people || (a.entryId < b.entryId ? -1 : 1));
    for (const candidate of ranked) {
      // The entry most people chose for this question, other than this one, if as many or more chose it.
      const rival = ranked.find((other) => other !== candidate && other.people >= candidate.people);
      const asked = typed.get(key) ?? candidate.confirmations.map((item) => item.origin);
      const hashed = asked.filter((record) => record.asker);
      const evidence: PhrasingEvidence = {
        confirmations: candidate.people,
        chosen: candidate.confirmations.filter((item) => item.how === 'chosen').length,
        thumbsUp: candidate.confirmations.filter((item) => item.how === 'thumbsUp').length,
        asked: asked.length,
        askers: hashed.length > 0 ? new Set(hashed.map((record) => record.asker)).size : null,
        ...spanOf(asked),
        wordings: wordingsOf(asked),
      };
      const item = { id: suggestionId(candidate.entryId, key), entryId: candidate.entryId, phrasing: evidence.wordings[0] ?? '', evidence };
      const owner = phrasingOwner.get(key);
      if (owner === candidate.entryId) continue; // already one of its phrasings
      if (key === '' || !key.split(' ').some((term) => vocabulary.has(term))) heldBack.push({ ...item, reason: 'no-in-scope-words' });
      else if (!entryIds.has(candidate.entryId)) heldBack.push({ ...item, reason: 'unknown-entry' });
      else if (owner !== undefined) heldBack.push({ ...item, reason: 'phrasing-of-another-entry', otherEntryId: owner });
      else if (rival && rival.people === candidate.people) heldBack.push({ ...item, reason: 'disputed', otherEntryId: rival.entryId });
      else if (rival) heldBack.push({ ...item, reason: 'outvoted', otherEntryId: rival.entryId });
      else if (candidate.people < minConfirmations) heldBack.push({ ...item, reason: 'below-threshold' });
      else suggestions.push({ ...item, alsoChosen: ranked.filter((other) => other !== candidate).map((other) => ({ entryId: other.entryId, confirmations: other.people })) });
    }
  }

  const byStrength = (a: { evidence: PhrasingEvidence }, b: { evidence: PhrasingEvidence }) =>
    b.evidence.confirmations - a.evidence.confirmations || (a.evidence.last < b.evidence.last ? 1 : a.evidence.last > b.evidence.last ? -1 : 0);
  return {
    suggestions: suggestions.sort(byStrength),
    heldBack: heldBack.sort(byStrength),
    misunderstood: findMisunderstood(recent, ratings, keyOf),
    minConfirmations,
  };
}

/** 👎-rated answers grouped by entry and question group, most frequent first. */
function findMisunderstood(records: readonly LogRecord[], ratings: Map<string, FeedbackRecord>, keyOf: (question: string) => string): MisunderstoodAnswer[] {
  const questions = new Map<string, QuestionRecord>();
  for (const record of records) if (record.type === 'question') questions.set(record.answerId, record);
  const groups = new Map<string, { entryId: string | null; asked: QuestionRecord[]; ratings: FeedbackRecord[] }>();
  for (const rating of ratings.values()) {
    if (rating.rating !== 'down') continue;
    const rated = questions.get(rating.answerId);
    // For an answer reached by a click, what the person typed before it says more than the button's text.
    const answer = (rated?.followedFrom ? questions.get(rated.followedFrom) : undefined) ?? rated;
    const group = `${rating.entryId ?? ''}\n${answer ? keyOf(answer.question) : `?${rating.answerId}`}`;
    const item = groups.get(group) ?? { entryId: rating.entryId, asked: [], ratings: [] };
    if (answer) item.asked.push(answer);
    item.ratings.push(rating);
    groups.set(group, item);
  }
  return [...groups.values()]
    .map(({ entryId, asked, ratings: downs }) => {
      const wordings = wordingsOf(asked);
      return { entryId, question: wordings[0] ?? null, wordings, count: downs.length, ...spanOf(downs) };
    })
    .sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
}

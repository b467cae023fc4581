import { normaliseQuestionKey } from '../text/question-key.js';
import type { FeedbackRecord, LogRecord } from './question-log.js';

/** Questions, asked one or more times in different wordings, that the bot declined, asked about, or was unsure of. */
export interface QuestionGap {
  /** The normalised text the group shares. */
  key: string;
  /** The wording most recently asked. */
  question: string;
  /** How often it was asked (declined, clarified and low confidence). */
  count: number;
  declined: number;
  /** Times the bot asked which of a few questions was meant: the person got no answer without a second step. */
  clarified: number;
  lowConfidence: number;
  /** The entries given with low confidence, if any. */
  entryIds: string[];
  /** ISO time it was last asked. */
  lastSeen: string;
}

/** An entry whose answers were rated 👎. */
export interface DownvotedEntry {
  entryId: string | null;
  /** Answers rated 👎 (each answer's latest rating counts once). */
  down: number;
  /** Answers rated 👍, for comparison. */
  up: number;
  /** The questions those 👎 answers were given for, when the log still holds them. */
  questions: string[];
  /** ISO time of the latest 👎. */
  lastSeen: string;
}

/** What needs a maintainer's attention, most frequent first. */
export interface GapReport {
  questions: QuestionGap[];
  downvoted: DownvotedEntry[];
  /** Question records considered (after `since`). */
  asked: number;
}

/** Options for {@link summariseGaps}. */
export interface GapOptions {
  /** Only records at or after this time count. Default: all. */
  since?: Date;
}

/** Each answer's latest rating, by answer id: people change their minds, and the latest one counts. */
export function latestRatings(records: readonly LogRecord[]): Map<string, FeedbackRecord> {
  const latest = new Map<string, FeedbackRecord>();
  for (const record of records) {
    if (record.type !== 'feedback') continue;
    const earlier = latest.get(record.answerId);
    if (!earlier || record.time >= earlier.time) latest.set(record.answerId, record);
  }
  return latest;
}

const byCountThenRecent = (a: { lastSeen: string }, b: { lastSeen: string }, countA: number, countB: number): number =>
  countB - countA || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0);

/**
 * Groups declined, clarified and low-confidence questions by their normalised text and
 * collects 👎-rated answers by entry, most frequent first.
 */
export function summariseGaps(records: readonly LogRecord[], options: GapOptions = {}): GapReport {
  const since = options.since?.getTime() ?? -Infinity;
  const recent = records.filter((record) => Date.parse(record.time) >= since);
  const questionOf = new Map<string, string>();
  for (const record of records) if (record.type === 'question') questionOf.set(record.answerId, record.question);

  const groups = new Map<string, QuestionGap>();
  let asked = 0;
  for (const record of recent) {
    if (record.type !== 'question') continue;
    asked++;
    const declined = record.status === 'no_match';
    const clarified = record.status === 'clarify';
    const low = record.status === 'answered' && record.confidence === 'low';
    if (!declined && !clarified && !low) continue;
    const key = normaliseQuestionKey(record.question);
    const group = groups.get(key) ?? { key, question: record.question, count: 0, declined: 0, clarified: 0, lowConfidence: 0, entryIds: [], lastSeen: record.time };
    group.count++;
    if (declined) group.declined++;
    if (clarified) group.clarified++;
    if (low) {
      group.lowConfidence++;
      if (record.entryId && !group.entryIds.includes(record.entryId)) group.entryIds.push(record.entryId);
    }
    if (record.time >= group.lastSeen) {
      group.lastSeen = record.time;
      group.question = record.question;
    }
    groups.set(key, group);
  }

  const entries = new Map<string, DownvotedEntry>();
  for (const rating of latestRatings(recent).values()) {
    const key = rating.entryId ?? '';
    const entry = entries.get(key) ?? { entryId: rating.entryId, down: 0, up: 0, questions: [], lastSeen: '' };
    if (rating.rating === 'up') entry.up++;
    else {
      entry.down++;
      const question = questionOf.get(rating.answerId);
      if (question && !entry.questions.includes(question)) entry.questions.push(question);
      if (rating.time > entry.lastSeen) entry.lastSeen = rating.time;
    }
    entries.set(key, entry);
  }

  return {
    questions: [...groups.values()].sort((a, b) => byCountThenRecent(a, b, a.count, b.count)),
    downvoted: [...entries.values()].filter((entry) => entry.down > 0).sort((a, b) => byCountThenRecent(a, b, a.down, b.down)),
    asked,
  };
}

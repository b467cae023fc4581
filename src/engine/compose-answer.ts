import type {
  Answer,
  AnsweredAnswer,
  AnswerGap,
  AnswerPart,
  AnswerSource,
  ClarifyAnswer,
  Confidence,
  Entry,
  EntryLink,
  InvalidAnswer,
  KnowledgeBase,
  NoMatchAnswer,
  SmallTalkAnswer,
} from '../types.js';
import type { Decision } from './decide-answer.js';

/** What a person reads when the bot declines. */
export const declineText =
  "I don't have information on that. I can only answer from a small set of documents about the Right to Provide, the Right to Request and public service mutuals (2009 to 2012). Here are some things I can answer:";

/** What a person reads when the bot asks which question was meant. */
export const clarifyText = "I'm not sure I understood. Did you mean one of these?";

/**
 * What an honest partial answer says first, by the kind of detail the
 * question asked for and the entry does not give.
 */
const gapSentences: Readonly<Record<string, string>> = {
  date: "My sources don't give the exact date.",
  amount: "My sources don't give a figure for that.",
  count: "My sources don't give that number.",
  name: "My sources don't give the name.",
  place: "My sources don't say where.",
  reason: "My sources don't say why.",
};

/** The sentence an honest partial answer opens with, for a kind of detail. */
export const gapOf = (kind: string): AnswerGap => ({ kind, text: gapSentences[kind] ?? "My sources don't give that detail." });

/** Turns decisions into the plain `Answer` every adapter renders. */
export interface AnswerComposer {
  /**
   * The answer for a decision; `also` is the entry of a second question in the
   * message, offered first among the related ones; `previous` the entry of the
   * conversation's last answer, when the question was read against it.
   */
  decided(question: string, decision: Decision, limits: ComposeLimits, also?: string | null, previous?: string | null): Answer;
  invalid(question: string, message: string, limits: ComposeLimits): InvalidAnswer;
  smallTalk(question: string, reply: string, limits: ComposeLimits): SmallTalkAnswer;
  /** Good first questions: the popular ones from `small-talk.yaml`, then the entries the knowledge base links to most. */
  starters(limit: number): EntryLink[];
  /** Links to the entries with these ids, skipping unknown ones and repeats. */
  linksTo(ids: readonly string[]): EntryLink[];
}

/** The model's probability and the reason for a decision, as the answer reports them. */
interface DecidedHow {
  probability?: number | null;
  reason?: string;
}

/** How an answer with one entry was decided: also the kind of detail it lacks, and whether to lead with yes or no. */
interface AnsweredHow extends DecidedHow {
  gap?: string | null;
  lead?: boolean;
}

/** How many links an answer may carry. */
export interface ComposeLimits {
  maxRelated: number;
  maxSuggestions: number;
}

const linkTo = (entry: Entry): EntryLink => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? entry.title });

/** A source as a sentence: its title, who wrote it, who published it and when. */
export const describeSource = (source: AnswerSource): string =>
  `"${source.title}"${source.author === 'not named' ? '' : ` by ${source.author}`}, ${source.publisher}, ${source.date}`;

/** A score as answers show it: two decimals. */
export const round = (value: number): number => Math.round(value * 100) / 100;

/** A probability as answers show it: two decimals, or `null`. */
const roundProbability = (value: number | null | undefined): number | null => (value === undefined || value === null ? null : round(value));

/** Creates the answer composer for one knowledge base. */
export function createAnswerComposer(knowledge: KnowledgeBase): AnswerComposer {
  const entryById = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const sourceById = new Map(knowledge.sources.map((source) => [source.id, source]));

  const linksTo = (ids: readonly string[]): EntryLink[] =>
    [...new Set(ids)].flatMap((id) => {
      const entry = entryById.get(id);
      return entry ? [linkTo(entry)] : [];
    });

  // The popular questions a maintainer chose come first; then the entries that
  // many others point to, which are the natural places to start.
  const inLinks = new Map<string, number>();
  for (const entry of knowledge.entries) for (const id of entry.related) inLinks.set(id, (inLinks.get(id) ?? 0) + 1);
  const byLinks = [...knowledge.entries].sort((a, b) => (inLinks.get(b.id) ?? 0) - (inLinks.get(a.id) ?? 0)).map((entry) => entry.id);
  const starterLinks = linksTo([...(knowledge.smallTalk?.starters ?? []), ...byLinks]);
  const starters = (limit: number): EntryLink[] => starterLinks.slice(0, Math.max(0, limit));

  const sourcesOf = (entry: Entry): AnswerSource[] =>
    entry.sources.flatMap((id) => {
      const source = sourceById.get(id);
      return source ? [{ id, title: source.title, author: source.author, publisher: source.publisher, date: source.date }] : [];
    });

  /** An answer that gives no entry, with every key of the contract in its place. */
  function noEntry<Status extends Exclude<Answer['status'], 'answered'>, Score extends number | null, Probability extends number | null>(
    question: string,
    status: Status,
    answer: string,
    score: Score,
    suggestions: EntryLink[],
    reason: string,
    probability: Probability,
  ) {
    return {
      question,
      status,
      answer,
      entryId: null,
      title: null,
      asOf: null,
      reviewed: null,
      score,
      confidence: null,
      sources: [] as [],
      related: [] as [],
      suggestions,
      reason,
      probability,
      kind: null,
      gap: null,
      lead: null,
      parts: [] as [],
    };
  }

  const clarify = (question: string, ids: readonly string[], score: number, limits: ComposeLimits, how: DecidedHow = {}): ClarifyAnswer =>
    noEntry(question, 'clarify', clarifyText, round(score), linksTo(ids).slice(0, Math.min(3, limits.maxSuggestions)), how.reason ?? 'clarify', how.probability ?? null);

  /** A decline: the answer with status `no_match`, offering the closest entries and then the starters. */
  const decline = (question: string, closeIds: readonly string[], score: number | null, limits: ComposeLimits, how: DecidedHow = {}): NoMatchAnswer =>
    noEntry(
      question,
      'no_match',
      declineText,
      score === null ? null : round(score),
      linksTo([...closeIds, ...starters(limits.maxSuggestions).map((link) => link.id)]).slice(0, limits.maxSuggestions),
      how.reason ?? 'no_match',
      how.probability ?? null,
    );

  function answered(
    question: string,
    id: string,
    score: number,
    confidence: Confidence,
    limits: ComposeLimits,
    also: string | null = null,
    how: AnsweredHow = {},
  ): AnsweredAnswer | NoMatchAnswer {
    const entry = entryById.get(id);
    if (!entry) return decline(question, [], score, limits, { reason: `decline: no entry "${id}"` });
    // The other half of a two-part question comes first, so that it is one click away.
    const related = linksTo([...(also && also !== id ? [also] : []), ...entry.related.filter((other) => other !== id)]).slice(0, limits.maxRelated);
    const gap = how.gap ? gapOf(how.gap) : null;
    // A yes/no lead answers the entry's first question; saying what is missing comes before anything else.
    const lead = !gap && how.lead && entry.lead ? entry.lead : null;
    const text = gap ? `${gap.text} What they say about ${entry.title}, as of ${entry.asOf}: ${entry.body}` : `As of ${entry.asOf}: ${entry.body}`;
    return {
      question,
      status: 'answered',
      answer: lead ? `${lead}. ${text}` : text,
      entryId: entry.id,
      title: entry.title,
      asOf: entry.asOf,
      reviewed: entry.reviewed ?? null,
      score: round(score),
      confidence,
      sources: sourcesOf(entry),
      related,
      suggestions: [],
      reason: how.reason ?? 'answer',
      probability: roundProbability(how.probability),
      kind: 'entry',
      gap,
      lead,
      parts: [],
    };
  }

  function listSources(question: string, id: string, score: number, confidence: Confidence, limits: ComposeLimits, how: DecidedHow = {}): AnsweredAnswer | NoMatchAnswer {
    const plain = answered(question, id, score, confidence, limits, null, how);
    const entry = entryById.get(id);
    if (!entry || plain.status !== 'answered') return plain;
    const count = plain.sources.length;
    const listed = plain.sources.map((source) => `- ${describeSource(source)}`).join('\n');
    return {
      ...plain,
      kind: 'sources',
      answer: `What I have on "${entry.title}" comes from ${count === 1 ? 'one document' : `${count} documents`}:\n${listed}\n\nWhat ${count === 1 ? 'it says' : 'they say'}, as of ${entry.asOf}: ${entry.body}`,
    };
  }

  function compared(
    question: string,
    ids: readonly [string, string],
    score: number,
    confidence: Confidence,
    limits: ComposeLimits,
    how: DecidedHow = {},
  ): AnsweredAnswer | NoMatchAnswer {
    const entries = ids.flatMap((id) => entryById.get(id) ?? []);
    if (entries.length < 2) return answered(question, ids[0], score, confidence, limits, null, how);
    const parts: AnswerPart[] = entries.map((entry) => ({
      entryId: entry.id,
      title: entry.title,
      asOf: entry.asOf,
      answer: `As of ${entry.asOf}: ${entry.body}`,
      sources: sourcesOf(entry),
      reviewed: entry.reviewed ?? null,
    }));
    const sources = [...new Map(parts.flatMap((part) => part.sources).map((source) => [source.id, source])).values()];
    const related = linksTo(entries.flatMap((entry) => entry.related).filter((id) => !ids.includes(id))).slice(0, limits.maxRelated);
    const [first, second] = entries as [Entry, Entry];
    return {
      question,
      status: 'answered',
      answer: parts.map((part) => `${part.title}. ${part.answer}`).join('\n\n'),
      entryId: first.id,
      title: `${first.title} · ${second.title}`,
      asOf: first.asOf === second.asOf ? first.asOf : `${first.asOf}; ${second.asOf}`,
      reviewed: null,
      score: round(score),
      confidence,
      sources,
      related,
      suggestions: [],
      reason: how.reason ?? 'compare',
      probability: roundProbability(how.probability),
      kind: 'comparison',
      gap: null,
      lead: null,
      parts,
    };
  }

  function composeDecision(question: string, decision: Decision, limits: ComposeLimits, also: string | null): AnsweredAnswer | ClarifyAnswer | NoMatchAnswer {
    const { probability, reason } = decision;
    switch (decision.outcome) {
      case 'answer':
        return decision.about === 'sources'
          ? listSources(question, decision.id, decision.score, decision.confidence, limits, { probability, reason })
          : answered(question, decision.id, decision.score, decision.confidence, limits, also, { probability, reason, gap: decision.gap, lead: decision.lead });
      case 'compare':
        return compared(question, decision.ids, decision.score, decision.confidence, limits, { probability, reason });
      case 'clarify':
        return clarify(question, decision.ids, decision.score, limits, { probability, reason });
      case 'decline':
        return decline(question, decision.closeIds.slice(0, limits.maxSuggestions), decision.score, limits, { probability, reason });
    }
  }

  function decided(question: string, decision: Decision, limits: ComposeLimits, also: string | null = null, previous: string | null = null): Answer {
    const answer = composeDecision(question, decision, limits, also);
    if (previous === null) return answer;
    // A follow-up read against the entry just given, and answered by it again, gets a short reply rather than
    // the same text twice. A question that stands on its own gets the whole answer, even from the same entry.
    const followUp = decision.outcome === 'answer' && decision.followUp === true;
    const entry = followUp && answer.status === 'answered' && answer.kind === 'entry' && answer.entryId === previous ? entryById.get(previous) : undefined;
    if (!entry || answer.status !== 'answered') return { ...answer, previous };
    const again = `the answer above, on "${entry.title}", is all my sources say about it (as of ${entry.asOf}).`;
    return {
      ...answer,
      previous,
      repeated: true,
      answer: answer.gap ? `${answer.gap.text} Besides that, ${again}` : `${answer.lead ? `${answer.lead}. ` : ''}That is covered by what I said before: ${again}`,
    };
  }

  return {
    decided,
    invalid: (question, message, limits) => noEntry(question, 'invalid', message, null, starters(limits.maxSuggestions), 'invalid: the input cannot be searched', null),
    smallTalk: (question, reply, limits) => noEntry(question, 'small_talk', reply, null, starters(limits.maxSuggestions), 'small talk', null),
    starters,
    linksTo,
  };
}

/**
 * What the next question of a conversation is read against after an answer:
 * the entry it answered with, as `previous`; a clarification or a decline
 * leaves `previous` where it was, so the person can rephrase. The one rule
 * ("only an answer moves the conversation") every way in follows: the shared
 * way in for the console, `--conversation`, Slack and Discord, and Slack's App Home.
 */
export function previousAfter(answer: Answer, previous: string | null): string | null {
  return answer.status === 'answered' ? answer.entryId : previous;
}

import type { Answer, AnswerSource, Confidence, Entry, EntryLink, KnowledgeBase } from '../types.js';

/** What a person reads when the bot declines. */
export const declineText =
  "I don't have information on that. I can only answer from a small set of documents about the Right to Provide, the Right to Request and public service mutuals (2009 to 2012). Here are some things I can answer:";

/** What a person reads when the bot asks which question was meant. */
export const clarifyText = "I'm not sure I understood. Did you mean one of these?";

/** Turns decisions into the plain `Answer` every adapter renders. */
export interface AnswerComposer {
  answered(question: string, id: string, score: number, confidence: Confidence, limits: ComposeLimits, also?: string | null): Answer;
  clarify(question: string, ids: readonly string[], score: number | null, limits: ComposeLimits): Answer;
  declined(question: string, closeIds: readonly string[], score: number | null, limits: ComposeLimits): Answer;
  invalid(question: string, message: string, limits: ComposeLimits): Answer;
  smallTalk(question: string, reply: string, limits: ComposeLimits): Answer;
  /** Good first questions: the popular ones from `small-talk.yaml`, then the entries the knowledge base links to most. */
  starters(limit: number): EntryLink[];
  /** Links to the entries with these ids, skipping unknown ones and repeats. */
  linksTo(ids: readonly string[]): EntryLink[];
}

/** How many links an answer may carry. */
export interface ComposeLimits {
  maxRelated: number;
  maxSuggestions: number;
}

const linkTo = (entry: Entry): EntryLink => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? entry.title });

/** A score as answers show it: two decimals. */
export const round = (value: number): number => Math.round(value * 100) / 100;

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

  const notAnswered = (question: string, status: Answer['status'], answer: string, score: number | null, suggestions: EntryLink[]): Answer => ({
    question,
    status,
    answer,
    entryId: null,
    title: null,
    asOf: null,
    reviewed: null,
    score: score === null ? null : round(score),
    confidence: null,
    sources: [],
    related: [],
    suggestions,
  });

  return {
    answered(question, id, score, confidence, limits, also = null) {
      const entry = entryById.get(id);
      if (!entry) return notAnswered(question, 'no_match', declineText, score, starters(limits.maxSuggestions));
      // The other half of a two-part question comes first, so that it is one click away.
      const related = linksTo([...(also && also !== id ? [also] : []), ...entry.related.filter((other) => other !== id)]).slice(0, limits.maxRelated);
      return {
        question,
        status: 'answered',
        answer: `As of ${entry.asOf}: ${entry.body}`,
        entryId: entry.id,
        title: entry.title,
        asOf: entry.asOf,
        reviewed: entry.reviewed ?? null,
        score: round(score),
        confidence,
        sources: sourcesOf(entry),
        related,
        suggestions: [],
      };
    },
    clarify: (question, ids, score, limits) => notAnswered(question, 'clarify', clarifyText, score, linksTo(ids).slice(0, Math.min(3, limits.maxSuggestions))),
    declined: (question, closeIds, score, limits) =>
      notAnswered(question, 'no_match', declineText, score, linksTo([...closeIds, ...starters(limits.maxSuggestions).map((link) => link.id)]).slice(0, limits.maxSuggestions)),
    invalid: (question, message, limits) => notAnswered(question, 'invalid', message, null, starters(limits.maxSuggestions)),
    smallTalk: (question, reply, limits) => notAnswered(question, 'small_talk', reply, null, starters(limits.maxSuggestions)),
    starters,
    linksTo,
  };
}

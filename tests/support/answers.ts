import type { AnsweredAnswer, ClarifyAnswer, EntryLink, InvalidAnswer, NoMatchAnswer, SmallTalkAnswer } from '../../src/index.js';

/**
 * Answers built by hand for adapter tests, one builder per status, so each
 * carries exactly its status's fields (as the engine's do) and a test sets
 * only what it is about.
 */
export function answeredAnswer(overrides: Partial<AnsweredAnswer> = {}): AnsweredAnswer {
  return {
    question: 'What is it?',
    status: 'answered',
    answer: 'As of 2011: it is a thing.',
    entryId: 'the-entry',
    title: 'The entry',
    asOf: '2011',
    reviewed: null,
    score: 20,
    confidence: 'high',
    sources: [{ id: 'a-source', title: 'A source', author: 'not named', publisher: 'A Publisher', date: '2011' }],
    related: [],
    suggestions: [],
    reason: 'answer: made up for the test',
    probability: 0.9,
    kind: 'entry',
    gap: null,
    lead: null,
    parts: [],
    ...overrides,
  };
}

/** An answer without an entry, its keys in the contract's order, as the engine fills them. */
function noEntry<Status extends string, Score extends number | null, Probability extends number | null>(
  status: Status,
  fields: { question: string; answer: string; score: Score; suggestions: EntryLink[]; reason: string; probability: Probability },
) {
  const { question, answer, score, suggestions, reason, probability } = fields;
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

/** A clarification: "did you mean one of these?". */
export function clarifyAnswer(overrides: Partial<ClarifyAnswer> = {}): ClarifyAnswer {
  const {
    question = 'q',
    answer = "I'm not sure I understood. Did you mean one of these?",
    score = 2.5,
    suggestions = [],
    reason = 'clarify: made up for the test',
    probability = null,
    ...rest
  } = overrides;
  return { ...noEntry('clarify', { question, answer, score, suggestions, reason, probability }), ...rest };
}

/** A decline: "I don't have information on that". */
export function noMatchAnswer(overrides: Partial<NoMatchAnswer> = {}): NoMatchAnswer {
  const {
    question = 'q',
    answer = "I don't have information on that.",
    score = null,
    suggestions = [],
    reason = 'decline: made up for the test',
    probability = null,
    ...rest
  } = overrides;
  return { ...noEntry('no_match', { question, answer, score, suggestions, reason, probability }), ...rest };
}

/** A reply to small talk. */
export function smallTalkAnswer(overrides: Partial<SmallTalkAnswer> = {}): SmallTalkAnswer {
  const { question = 'hello', answer = 'Hello! Ask me about the Right to Provide.', suggestions = [], ...rest } = overrides;
  return { ...noEntry('small_talk', { question, answer, score: null, suggestions, reason: 'small talk', probability: null }), ...rest };
}

/** What is wrong with input that cannot be searched. */
export function invalidAnswer(overrides: Partial<InvalidAnswer> = {}): InvalidAnswer {
  const { question = '', answer = 'Please type a question.', suggestions = [], ...rest } = overrides;
  return { ...noEntry('invalid', { question, answer, score: null, suggestions, reason: 'invalid: the input cannot be searched', probability: null }), ...rest };
}

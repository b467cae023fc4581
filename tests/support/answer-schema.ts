import { z } from 'zod';
import { defaultAskOptions, type Answer, type AskOptions } from '../../src/index.js';

/**
 * The `Answer` contract as a zod schema, so tests, the CLI batch check and the
 * benchmark can all say what "well-formed" means in one place. Strict: an
 * extra or missing field is a change of contract and should fail loudly.
 */
const text = z.string().min(1);

/** An `EntryLink`: something else the bot can answer. */
export const entryLinkSchema = z.strictObject({ id: text, title: text, question: text });

/** A source as cited in an answer. */
export const answerSourceSchema = z.strictObject({ id: text, title: text, author: text, publisher: text, date: text });

/** One entry of an answer that covers several (a comparison). */
export const answerPartSchema = z.strictObject({
  entryId: text,
  title: text,
  asOf: text,
  answer: text,
  sources: z.array(answerSourceSchema).min(1),
  reviewed: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});

/** The limits an answer is checked against; the engine's own defaults unless a test asked with others. */
export type AnswerLimits = Pick<AskOptions, 'maxQuestionLength' | 'maxRelated' | 'maxSuggestions'>;

/** Builds the schema of an `Answer` produced under the given limits. */
export function createAnswerSchema(limits: AnswerLimits = defaultAskOptions) {
  const common = {
    question: z.string().max(limits.maxQuestionLength),
    // Every status carries text a person can read: the answer or a polite message.
    answer: text,
    // Why the engine did what it did, and (when it was read against a conversation) the entry it was read against.
    reason: text,
    probability: z.number().min(0).max(1).nullable(),
    previous: text.nullable().optional(),
  };
  const answered = z
    .strictObject({
      ...common,
      status: z.literal('answered'),
      entryId: text,
      title: text,
      asOf: text,
      score: z.number().nonnegative(),
      confidence: z.enum(['high', 'medium', 'low']),
      sources: z.array(answerSourceSchema).min(1),
      related: z.array(entryLinkSchema).max(limits.maxRelated),
      suggestions: z.array(entryLinkSchema).length(0),
      // When the entry was last checked against its sources; optional until the engine fills it.
      reviewed: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable()
        .optional(),
      kind: z.enum(['entry', 'comparison', 'sources']),
      gap: z.strictObject({ kind: text, text: text }).nullable(),
      lead: text.nullable(),
      parts: z.array(answerPartSchema),
      repeated: z.boolean().optional(),
    })
    // Every answer says when its facts date from: a comparison in each part, any other in its text.
    .refine(
      (answer) =>
        answer.kind === 'comparison'
          ? answer.parts.length >= 2 && answer.parts.every((part) => part.answer.startsWith(`As of ${part.asOf}: `))
          : answer.parts.length === 0 && answer.answer.toLowerCase().includes(`as of ${answer.asOf.toLowerCase()}`),
      {
        message: 'an answer must say "As of <asOf>" (a comparison: each of its two or more parts must start with it)',
      },
    )
    // Saying what the sources do not give comes first; a yes/no lead comes first otherwise.
    .refine((answer) => (answer.gap ? answer.answer.startsWith(answer.gap.text) : answer.lead ? answer.answer.startsWith(`${answer.lead}. `) : true), {
      message: 'an answer must open with its gap, or else its lead',
    });
  const declined = {
    ...common,
    entryId: z.null(),
    title: z.null(),
    asOf: z.null(),
    confidence: z.null(),
    sources: z.array(answerSourceSchema).length(0),
    related: z.array(entryLinkSchema).length(0),
    suggestions: z.array(entryLinkSchema).max(limits.maxSuggestions),
    reviewed: z.null().optional(),
    kind: z.null(),
    gap: z.null(),
    lead: z.null(),
    parts: z.array(answerPartSchema).length(0),
  };
  const noMatch = z.strictObject({ ...declined, status: z.literal('no_match'), score: z.number().nonnegative().nullable() });
  // Asking which question was meant: at most three candidates, and at least one.
  const clarify = z.strictObject({
    ...declined,
    status: z.literal('clarify'),
    score: z.number().nonnegative(),
    suggestions: z.array(entryLinkSchema).min(1).max(Math.min(3, limits.maxSuggestions)),
  });
  // Small talk is never searched, so it has no score.
  const smallTalk = z.strictObject({ ...declined, status: z.literal('small_talk'), score: z.null() });
  // An invalid question is never searched, so it has no score.
  const invalid = z.strictObject({ ...declined, status: z.literal('invalid'), score: z.null() });
  return z.union([answered, clarify, noMatch, smallTalk, invalid]);
}

/** The schema of an `Answer` under the default ask options. */
export const answerSchema = createAnswerSchema();

/**
 * Checks a value against the contract and returns it typed; throws a readable
 * error naming every broken field (and the value) when it is not well-formed.
 */
export function expectWellFormedAnswer(value: unknown, limits?: AnswerLimits): Answer {
  const parsed = (limits ? createAnswerSchema(limits) : answerSchema).safeParse(value);
  if (!parsed.success) {
    throw new Error(`not a well-formed Answer: ${z.prettifyError(parsed.error)}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
  }
  return parsed.data as Answer;
}

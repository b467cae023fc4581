import * as z from 'zod';
import { parseSourceDate } from './source-dates.js';

// Every message reads after the field's quoted name: `"title" must not be empty`.
const describeMissing = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is missing' : `must be ${what}`;

const text = z
  .union([z.string(), z.number()], { error: describeMissing('text') })
  .transform((value) => String(value).trim())
  .refine((value) => value.length > 0, { message: 'must not be empty' });

const textList = (what: string, min: number) =>
  z
    .array(text, { error: describeMissing(`a list of ${what}`) })
    .min(min, { message: min === 1 ? `must list at least one ${what.replace(/s$/, '')}` : `must list at least ${min} ${what}` });

const kebabId = z
  .string({ error: describeMissing('text') })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lowercase words joined by hyphens, like "right-to-request"' });

// Words that say a value names a team or a role rather than a person.
const teamOrRoleWords = new Set(
  ('team teams group unit office desk board committee panel network service services programme project maintainers editors editor ' +
    'lead leads manager managers officer officers director head coordinator co-ordinator adviser advisers advisor analyst analysts ' +
    'secretariat department directorate division hub forum council trust partnership support staff owners owner admin admins ' +
    'communications comms policy research legal finance hr knowledge content governance operations ops engineering product ' +
    'people workforce strategy development helpdesk').split(' '),
);
const honorific = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|cllr)\.?$/i;
// "Jane", "O'Neil", "Mary-Ann", "J.": capitalised like a name, not an acronym like "HR".
const nameWord = /^(\p{Lu}\p{Ll}*(?:['’-]\p{Lu}?\p{Ll}+)*|\p{Lu}\.)$/u;

/** Why a value cannot be an entry's `owner`, or `null` when it reads as a team or role. */
export function ownerProblem(owner: string): string | null {
  const advice = 'name a team or role that outlasts any one person, e.g. "Policy team" or "Knowledge maintainers"';
  if (/@|^\S+\.\S+$/.test(owner)) return `must not be an email or web address (got "${owner}"): ${advice}`;
  const words = owner.split(/\s+/);
  const lower = words.map((word) => word.toLowerCase().replace(/[^\p{L}-]/gu, ''));
  if (honorific.test(words[0] ?? '') || (words.length >= 2 && words.length <= 4 && words.every((word) => nameWord.test(word)) && !lower.some((word) => teamOrRoleWords.has(word)))) {
    return `must be a team or role, not a person (got "${owner}", which looks like a personal name): ${advice}`;
  }
  return null;
}

const owner = text.superRefine((value, context) => {
  const problem = ownerProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** A calendar date written YYYY-MM-DD, the way people can read and git can diff. */
export const isoDate = z
  .union([z.string(), z.number(), z.date()], { error: describeMissing('a date written YYYY-MM-DD, e.g. 2026-01-31') })
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'must be a date written YYYY-MM-DD, e.g. 2026-01-31',
  });

const periodUnits: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

/**
 * A review period: a number of days, or words like "90 days", "6 months",
 * "1 year" (a month counts as 30 days and a year as 365). Read as days.
 */
export const reviewPeriod = z
  .union([z.number(), z.string()], { error: describeMissing('a period like "365 days", "6 months" or "1 year"') })
  .transform((value, context) => {
    const match = typeof value === 'number' ? [String(value), String(value), 'days'] : /^\s*(\d+)\s*(day|week|month|year)s?\s*$/i.exec(value);
    const days = match ? Number(match[1]) * (periodUnits[match[2]!.toLowerCase().replace(/s$/, '')] ?? Number.NaN) : Number.NaN;
    if (!Number.isInteger(days) || days < 1) {
      context.addIssue({ code: 'custom', message: 'must be a period like "365 days", "6 months" or "1 year"' });
      return z.NEVER;
    }
    return days;
  });

const entryFields = ['id', 'title', 'questions', 'tags', 'sources', 'as_of', 'as_of_reason', 'related', 'derived_figures', 'aliases', 'lead', 'owner', 'reviewed', 'review_every'];

/** The front matter of a knowledge entry file. */
export const entryFrontMatterSchema = z.strictObject(
  {
    id: kebabId,
    title: text,
    questions: textList('phrasings', 3),
    tags: textList('tags', 1),
    sources: textList('source ids', 1),
    // Worked out from the sources' dates when absent; an entry overrides it only with a reason.
    as_of: text.optional(),
    as_of_reason: text.optional(),
    related: z.array(text, { error: describeMissing('a list of entry ids (use [] for none)') }),
    derived_figures: z.record(z.string(), text, { error: 'must map each figure to the reason it is worked out, like { "2012": "February next year, in an article of November 2011" }' }).optional(),
    aliases: z.array(text, { error: 'must be a list of names, like [the audit office boss, head of the NAO]' }).optional(),
    // The short answer to the entry's first question, which asks yes or no: "Yes", "No", or a few words.
    lead: text.refine((value) => value.split(/\s+/).length <= 8 && !/[.:;]$/.test(value), { message: 'must be a short answer of at most 8 words with no closing punctuation, like "Yes", "No" or "Not yet"' }).optional(),
    owner: owner.optional(),
    reviewed: isoDate.optional(),
    review_every: reviewPeriod.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a known field (known: ${entryFields.join(', ')})` : 'must be a set of fields') },
).refine((entry) => entry.as_of_reason === undefined || entry.as_of !== undefined, {
  path: ['as_of_reason'],
  message: 'explains an "as_of" the entry does not have: add the "as_of" it explains, or remove the reason',
});

/** A source's date: an exact date, or `{ estimate, basis }` (see source-dates.ts). */
const sourceDate = z.unknown().transform((value, context) => {
  const dating = parseSourceDate(value);
  if (typeof dating === 'string') {
    context.addIssue({ code: 'custom', message: dating });
    return z.NEVER;
  }
  return dating;
});

/** A short run of the capture's own words: enough to find a place in it, too few to copy it. */
const marker = text.refine((value) => value.split(/\s+/).length < 8, { message: 'must be fewer than 8 words: a marker finds a place in the file, it does not copy it' });

/** `review.yaml`: knowledge-wide review settings. */
export const reviewFileSchema = z.strictObject(
  { review_every: reviewPeriod },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a known field (known: review_every)' : 'must be a set of fields, like review_every: 365 days') },
);

/** One source in `sources.yaml`. */
export const sourceSchema = z.strictObject({
  id: kebabId,
  title: text,
  author: text,
  publisher: text,
  date: sourceDate,
  file: text,
  part: z
    .strictObject({ from: marker, until: marker.optional() }, { error: 'must be { from: "first words of the part", until: "first words after it" }' })
    .optional(),
});

export const sourcesFileSchema = z.array(sourceSchema, { error: 'must be a list of sources' }).min(1, { message: 'must list at least one source' });

/** `synonyms.yaml`: a list of groups, each a list of two or more words or phrases. */
export const synonymsFileSchema = z.array(
  z.array(text, { error: 'must be a list like [co-operative, co-op, coop]' }).min(2, { message: 'must hold at least two words or phrases' }),
  { error: 'must be a list of groups' },
);

/** `copy-exceptions.yaml`: runs of words entries may share with a source, each with its reason. */
const copyException = z.strictObject(
  { text, reason: text },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a known field (known: text, reason)' : 'must be { text: "the words", reason: "why they cannot be put otherwise" }') },
);
export const copyExceptionsFileSchema = z.array(copyException, { error: 'must be a list of exceptions' });

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;

/**
 * `small-talk.yaml`: popular first questions, replies to greetings, thanks and
 * "what can you do?", and the greeting that opens a conversation the person
 * started without a message (Slack's assistant pane).
 */
export const smallTalkFileSchema = z.strictObject(
  {
    greeting: text.optional(),
    starters: z.array(text, { error: describeMissing('a list of entry ids, most popular first') }).min(1, { message: 'must list at least one entry id' }),
    replies: z
      .array(
        z.strictObject(
          {
            says: textList('messages', 1),
            reply: text,
          },
          { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a known field (known: says, reply)' : 'must be a set of fields: says, reply') },
        ),
        { error: describeMissing('a list of { says, reply } items') },
      )
      .min(1, { message: 'must list at least one reply' }),
    // Words that may come with small talk without making it a question: "ok bye", "thanks so much mate".
    ignore: z.array(text, { error: 'must be a list of words, like [ok, so, much, mate]' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a known field (known: greeting, starters, replies, ignore)' : 'must be a set of fields: greeting, starters, replies, ignore') },
);

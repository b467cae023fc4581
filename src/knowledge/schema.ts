import { z } from 'zod';
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

const entryFields = ['id', 'title', 'questions', 'tags', 'sources', 'as_of', 'as_of_reason', 'related', 'derived_figures', 'aliases'];

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

/** `small-talk.yaml`: popular first questions, and replies to greetings, thanks and "what can you do?". */
export const smallTalkFileSchema = z.strictObject(
  {
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
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a known field (known: starters, replies)' : 'must be a set of fields: starters, replies') },
);

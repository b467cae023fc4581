import { z } from 'zod';

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

/** The front matter of a knowledge entry file. */
export const entryFrontMatterSchema = z.strictObject(
  {
    id: kebabId,
    title: text,
    questions: textList('phrasings', 3),
    tags: textList('tags', 1),
    sources: textList('source ids', 1),
    as_of: text,
    related: z.array(text, { error: describeMissing('a list of entry ids (use [] for none)') }),
    aliases: z.array(text, { error: 'must be a list of names, like [the audit office boss, head of the NAO]' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a known field (known: id, title, questions, tags, sources, as_of, related, aliases)` : 'must be a set of fields') },
);

/** One source in `sources.yaml`. */
export const sourceSchema = z.strictObject({
  id: kebabId,
  title: text,
  author: text,
  publisher: text,
  date: text,
  file: text,
});

export const sourcesFileSchema = z.array(sourceSchema, { error: 'must be a list of sources' }).min(1, { message: 'must list at least one source' });

/** `synonyms.yaml`: a list of groups, each a list of two or more words or phrases. */
export const synonymsFileSchema = z.array(
  z.array(text, { error: 'must be a list like [co-operative, co-op, coop]' }).min(2, { message: 'must hold at least two words or phrases' }),
  { error: 'must be a list of groups' },
);

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

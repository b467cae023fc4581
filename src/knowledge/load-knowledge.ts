import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from '../errors.js';
import type { Entry, KnowledgeBase, SmallTalk, Source, SynonymGroup } from '../types.js';
import { normaliseQuestionKey } from '../text/question-key.js';
import { asksYesNo } from '../text/question-shape.js';
import { readYaml, type LocatedYaml } from './read-yaml.js';
import { entryFrontMatterSchema, reviewFileSchema, smallTalkFileSchema, sourcesFileSchema, synonymsFileSchema } from './schema.js';
import { deriveAsOf, describeSourceDate, type SourceDating } from './source-dates.js';

/** Says where a loaded value came from, so that later checks can point at the right line. */
export interface KnowledgeLocator {
  /** The line of an entry's front matter field (e.g. `['questions', 2]`), or with `'body'` the first line of its answer text; 1 when unknown. */
  entryLine(entryId: string, path: readonly PropertyKey[] | 'body'): number;
  /** The file and line of a source's `id` in `sources.yaml`. */
  source(sourceId: string): { file: string; line: number };
}

/** What reading a knowledge folder found: the knowledge if it is valid, and every problem. */
export interface KnowledgeReport {
  knowledge: KnowledgeBase | null;
  issues: KnowledgeIssue[];
  /** Where each entry's and source's values are, for messages about them. */
  locate: KnowledgeLocator;
}

/** The files a knowledge folder holds, relative to it. */
export const knowledgeLayout = {
  sources: 'sources.yaml',
  synonyms: 'synonyms.yaml',
  /** Optional: knowledge-wide review settings (`review_every`). */
  review: 'review.yaml',
  smallTalk: 'small-talk.yaml',
  entries: 'entries',
  /** Runs of words entries may share with a source (names with job titles), each with its reason; read by `kb verify`. */
  copyExceptions: 'copy-exceptions.yaml',
} as const;

/** Days between reviews when neither an entry nor `review.yaml` says. */
export const defaultReviewEveryDays = 365;

/** A path as messages show it: relative to the working directory when inside it. */
export const displayPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};


function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/**
 * `- What is it: a thing?` is valid YAML for a field, not the text it was meant
 * to be; when a value that should be text is one such field, say so (called
 * only where text was expected).
 */
function colonHint(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '';
  const pairs = Object.entries(value);
  if (pairs.length !== 1 || typeof pairs[0]![1] === 'object') return '';
  const [key, rest] = pairs[0]!;
  const text = `${key}: ${String(rest ?? '')}`.trim();
  return `: YAML read "${text}" as a field because of the ": " in it; put the text in quotes: "${text.replace(/"/g, '\\"')}"`;
}

/** Turns a zod error about a YAML file's value into issues at the lines the values are on. */
export function collectZodIssues(
  file: string,
  located: LocatedYaml,
  error: z.ZodError,
  issues: KnowledgeIssue[],
  prefix: readonly PropertyKey[] = [],
): void {
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ file, line: located.lineOf([...path, key]), level: 'error', message: `"${key}" ${issue.message}` });
      }
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the file';
    issues.push({ file, line: located.lineOf(path), level: 'error', message: `"${field}" ${issue.message}${issue.message === 'must be text' ? colonHint(valueAt(located.value, path)) : ''}` });
  }
}

/** Reads a YAML file, adding an issue when it is missing or unreadable. */
export function readYamlFile(path: string, issues: KnowledgeIssue[]): LocatedYaml | null {
  const file = displayPath(path);
  if (!existsSync(path)) {
    issues.push({ file, line: 1, level: 'error', message: 'is missing: create it (see knowledge/README.md)' });
    return null;
  }
  const located = readYaml(readFileSync(path, 'utf8'));
  for (const error of located.errors) issues.push({ file, line: error.line, level: 'error', message: `unreadable YAML: ${error.message}` });
  return located.errors.length > 0 ? null : located;
}

interface ReadSources {
  sources: Source[];
  /** Each source's parsed date, by id, to work out entries' "As of". */
  datings: Map<string, SourceDating>;
  located: LocatedYaml | null;
}

function readSources(dir: string, issues: KnowledgeIssue[]): ReadSources {
  const path = join(dir, knowledgeLayout.sources);
  const located = readYamlFile(path, issues);
  const datings = new Map<string, SourceDating>();
  if (!located) return { sources: [], datings, located };
  const parsed = sourcesFileSchema.safeParse(located.value);
  if (!parsed.success) {
    collectZodIssues(displayPath(path), located, parsed.error, issues);
    return { sources: [], datings, located };
  }
  parsed.data.forEach((source, index) => {
    if (datings.has(source.id)) {
      issues.push({ file: displayPath(path), line: located.lineOf([index, 'id']), level: 'error', message: `"id" must be unique (got "${source.id}" twice)` });
    } else {
      datings.set(source.id, source.date);
    }
  });
  const sources = parsed.data.map(({ date, part, ...source }): Source => ({ ...source, date: describeSourceDate(date), ...(part ? { part } : {}) }));
  return { sources, datings, located };
}

/**
 * Each source's parsed date from a knowledge folder's `sources.yaml`, by id:
 * exact, or an estimate with its basis. Empty when the file does not load
 * (the loader reports why).
 */
export function readSourceDatings(dir: string): Map<string, SourceDating> {
  return readSources(dir, []).datings;
}

function readSynonyms(dir: string, issues: KnowledgeIssue[]): SynonymGroup[] {
  const path = join(dir, knowledgeLayout.synonyms);
  if (!existsSync(path)) return [];
  const located = readYamlFile(path, issues);
  if (!located) return [];
  if (located.value == null) return [];
  const parsed = synonymsFileSchema.safeParse(located.value);
  if (!parsed.success) {
    collectZodIssues(displayPath(path), located, parsed.error, issues);
    return [];
  }
  const owner = new Map<string, number>();
  parsed.data.forEach((group, groupIndex) => {
    group.forEach((word, wordIndex) => {
      const key = word.toLowerCase();
      const earlier = owner.get(key);
      if (earlier !== undefined && earlier !== groupIndex) {
        issues.push({
          file: displayPath(path),
          line: located.lineOf([groupIndex, wordIndex]),
          level: 'error',
          message: `"${word}" is already in the group on line ${located.lineOf([earlier])}: a word may belong to one group only`,
        });
      }
      owner.set(key, groupIndex);
    });
  });
  return parsed.data.map((group) => group.map((word) => word.toLowerCase()));
}

function readReviewSettings(dir: string, issues: KnowledgeIssue[]): number {
  const path = join(dir, knowledgeLayout.review);
  if (!existsSync(path)) return defaultReviewEveryDays;
  const located = readYamlFile(path, issues);
  if (!located || located.value == null) return defaultReviewEveryDays;
  const parsed = reviewFileSchema.safeParse(located.value);
  if (!parsed.success) {
    collectZodIssues(displayPath(path), located, parsed.error, issues);
    return defaultReviewEveryDays;
  }
  return parsed.data.review_every;
}

interface ParsedSmallTalk {
  smallTalk: SmallTalk;
  located: LocatedYaml;
  file: string;
}

/** Reads `small-talk.yaml`, when there is one; its entry ids are checked once the entries are known. */
function readSmallTalk(dir: string, issues: KnowledgeIssue[]): ParsedSmallTalk | null {
  const path = join(dir, knowledgeLayout.smallTalk);
  if (!existsSync(path)) return null;
  const located = readYamlFile(path, issues);
  if (!located) return null;
  const file = displayPath(path);
  const parsed = smallTalkFileSchema.safeParse(located.value ?? {});
  if (!parsed.success) {
    collectZodIssues(file, located, parsed.error, issues);
    return null;
  }
  const owner = new Map<string, number>();
  parsed.data.replies.forEach((reply, replyIndex) => {
    reply.says.forEach((message, messageIndex) => {
      const key = normaliseQuestionKey(message);
      const line = located.lineOf(['replies', replyIndex, 'says', messageIndex]);
      const earlier = owner.get(key);
      if (key.length === 0) issues.push({ file, line, level: 'error', message: `"says" must hold words (got "${message}")` });
      else if (earlier !== undefined) {
        issues.push({ file, line, level: 'error', message: `"${message}" is already listed on line ${located.lineOf(['replies', earlier, 'says'])}: a message may have one reply only` });
      } else owner.set(key, replyIndex);
    });
  });
  return { smallTalk: parsed.data, located, file };
}

interface ParsedEntry {
  /** The entry, but for its "As of", which needs the sources (see datedEntry). */
  entry: Omit<Entry, 'asOf'>;
  located: LocatedYaml;
  bodyLine: number;
  /** The entry's own `as_of` and `as_of_reason`, if any. */
  asOf?: string;
  asOfReason?: string;
}

/** The id an entry file declares, even when the rest of it is invalid, so links to it do not cascade into errors. */
function declaredIdOf(located: LocatedYaml): string | null {
  const value = located.value as { id?: unknown } | null | undefined;
  return value && typeof value.id === 'string' ? value.id : null;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** The two parts of an entry file. */
export interface EntryFileParts {
  /** The front matter's YAML, which starts on line 2. */
  yamlText: string;
  /** The answer text as written, line breaks and all. */
  bodyText: string;
  /** The 1-based file line the answer text starts on. */
  bodyLine: number;
}

/** Splits an entry file into its front matter and answer text; null when it has no front matter block. */
export function splitEntryFile(raw: string): EntryFileParts | null {
  const match = FRONT_MATTER.exec(raw);
  if (!match) return null;
  const [, yamlText = '', bodyText = ''] = match;
  return { yamlText, bodyText, bodyLine: raw.slice(0, raw.length - bodyText.length).split('\n').length };
}

function readEntry(path: string, issues: KnowledgeIssue[], declaredIds: Set<string>): ParsedEntry | null {
  const file = displayPath(path);
  const parts = splitEntryFile(readFileSync(path, 'utf8'));
  if (!parts) {
    issues.push({ file, line: 1, level: 'error', message: 'must start with a front matter block: a "---" line, the fields in YAML, and another "---" line' });
    return null;
  }
  const { yamlText, bodyText, bodyLine } = parts;
  const located = readYaml(yamlText, 2);
  if (located.errors.length > 0) {
    for (const error of located.errors) issues.push({ file, line: error.line, level: 'error', message: `unreadable YAML in the front matter: ${error.message}` });
    // Its id must match its name, so links to it are not reported as broken as well.
    declaredIds.add(basename(path, '.md'));
    return null;
  }
  const declaredId = declaredIdOf(located);
  if (declaredId) declaredIds.add(declaredId);
  const parsed = entryFrontMatterSchema.safeParse(located.value ?? {});
  // Lines of a paragraph are joined; a blank line keeps paragraphs (and list items) apart.
  const body = bodyText
    .split(/\r?\n[ \t]*\r?\n\s*/)
    .map((paragraph) => paragraph.replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  let ok = parsed.success;
  if (!parsed.success) collectZodIssues(file, located, parsed.error, issues);
  if (body.length === 0) {
    issues.push({ file, line: bodyLine, level: 'error', message: 'the answer text (after the second "---") must not be empty' });
    ok = false;
  }
  if (!ok || !parsed.data) return null;
  const data = parsed.data;
  const expectedName = `${data.id}.md`;
  if (!path.endsWith(`/${expectedName}`) && !path.endsWith(`\\${expectedName}`)) {
    issues.push({ file, line: located.lineOf(['id']), level: 'error', message: `"id" must match the file name: rename the file to ${expectedName} or the id to match (got "${data.id}")` });
  }
  return {
    located,
    bodyLine,
    ...(data.as_of === undefined ? {} : { asOf: data.as_of }),
    ...(data.as_of_reason === undefined ? {} : { asOfReason: data.as_of_reason }),
    entry: {
      id: data.id,
      title: data.title,
      questions: data.questions,
      tags: data.tags,
      sources: data.sources,
      related: data.related,
      ...(data.aliases ? { aliases: data.aliases } : {}),
      ...(data.lead !== undefined ? { lead: data.lead } : {}),
      body,
      file,
      ...(data.derived_figures ? { derivedFigures: data.derived_figures } : {}),
      ...(data.owner !== undefined ? { owner: data.owner } : {}),
      ...(data.reviewed !== undefined ? { reviewed: data.reviewed } : {}),
      ...(data.review_every !== undefined ? { reviewEveryDays: data.review_every } : {}),
    },
  };
}

/** The entry with its "As of": its own `as_of`, or else worked out from the dates of the sources it cites. */
function datedEntry({ entry, asOf, asOfReason }: ParsedEntry, datings: ReadonlyMap<string, SourceDating>): Entry {
  const derived = deriveAsOf(entry.sources.flatMap((id) => datings.get(id) ?? []));
  if (asOf === undefined || asOf === derived) return { ...entry, asOf: derived };
  return { ...entry, asOf, asOfOverride: { derived, reason: asOfReason ?? null } };
}

function listEntryFiles(dir: string, issues: KnowledgeIssue[]): string[] {
  const entriesDir = join(dir, knowledgeLayout.entries);
  if (!existsSync(entriesDir) || !statSync(entriesDir).isDirectory()) {
    issues.push({ file: displayPath(entriesDir), line: 1, level: 'error', message: 'is missing: the entries folder holds one .md file per entry' });
    return [];
  }
  return readdirSync(entriesDir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.') && !name.startsWith('_'))
    .sort()
    .map((name) => join(entriesDir, name));
}

/**
 * Reads and validates a knowledge folder without throwing: returns the
 * knowledge when it is valid, and every problem found either way.
 */
export function readKnowledge(dir: string): KnowledgeReport {
  const issues: KnowledgeIssue[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { knowledge: null, issues: [{ file: displayPath(dir), line: 1, level: 'error', message: 'is not a knowledge folder: it does not exist' }], locate: locatorOf(dir, [], null, []) };
  }
  const { sources, datings, located: sourcesYaml } = readSources(dir, issues);
  const synonyms = readSynonyms(dir, issues);
  const reviewEveryDays = readReviewSettings(dir, issues);
  const smallTalk = readSmallTalk(dir, issues);
  const declaredIds = new Set<string>();
  const parsed = listEntryFiles(dir, issues)
    .map((path) => readEntry(path, issues, declaredIds))
    .filter((item): item is ParsedEntry => item !== null);

  const sourceIds = new Set(sources.map((source) => source.id));
  const firstFileOfId = new Map<string, string>();
  for (const { entry, located } of parsed) {
    const earlier = firstFileOfId.get(entry.id);
    if (earlier) issues.push({ file: entry.file, line: located.lineOf(['id']), level: 'error', message: `"id" must be unique: ${earlier} has the same id (got "${entry.id}")` });
    else firstFileOfId.set(entry.id, entry.file);
  }

  const knownEntryIds = [...new Set([...firstFileOfId.keys(), ...declaredIds])].sort();
  // Every entry holding each phrasing, so a clash is reported on each file involved, naming the others:
  // the one being edited may be either.
  const phrasingHolders = new Map<string, { entry: ParsedEntry['entry']; line: number; question: string }[]>();
  const aliasOwner = new Map<string, string>();
  for (const { entry, located } of parsed) {
    if (sources.length > 0) {
      entry.sources.forEach((id, index) => {
        if (!sourceIds.has(id)) {
          issues.push({ file: entry.file, line: located.lineOf(['sources', index]), level: 'error', message: `"sources" must name a known source id (got "${id}"; known: ${[...sourceIds].join(', ')})` });
        }
      });
    }
    entry.related.forEach((id, index) => {
      if (!firstFileOfId.has(id) && !declaredIds.has(id)) {
        issues.push({ file: entry.file, line: located.lineOf(['related', index]), level: 'error', message: `"related" must name an existing entry id (got "${id}"; known: ${knownEntryIds.join(', ')})` });
      }
    });
    entry.questions.forEach((question, index) => {
      const key = normaliseQuestionKey(question);
      const holders = phrasingHolders.get(key) ?? [];
      if (holders.some((holder) => holder.entry === entry)) {
        issues.push({ file: entry.file, line: located.lineOf(['questions', index]), level: 'error', message: `"questions" lists "${question}" twice` });
        return;
      }
      holders.push({ entry, line: located.lineOf(['questions', index]), question });
      phrasingHolders.set(key, holders);
    });
    if (entry.lead !== undefined && !asksYesNo(entry.questions[0] ?? '')) {
      issues.push({
        file: entry.file,
        line: located.lineOf(['lead']),
        level: 'error',
        message: `"lead" answers the entry's first question, which must ask yes or no (got "${entry.questions[0]}"): put a yes/no question first, or remove the lead`,
      });
    }
    entry.aliases?.forEach((alias, index) => {
      const key = normaliseQuestionKey(alias);
      const owner = aliasOwner.get(key);
      if (owner !== undefined) {
        const where = owner === entry.id ? 'twice' : `already in "${owner}": an alias names one entry`;
        issues.push({ file: entry.file, line: located.lineOf(['aliases', index]), level: 'error', message: `"aliases" lists "${alias}" ${where}` });
      } else aliasOwner.set(key, entry.id);
    });
  }
  for (const holders of phrasingHolders.values()) {
    if (holders.length < 2) continue;
    for (const holder of holders) {
      const others = holders.filter((other) => other !== holder).map((other) => `"${other.entry.id}" (${other.entry.file}:${other.line})`);
      issues.push({
        file: holder.entry.file,
        line: holder.line,
        level: 'error',
        message: `"questions" must be unique across entries: "${holder.question}" is also a phrasing of ${others.join(' and ')}: keep it in one entry`,
      });
    }
  }
  smallTalk?.smallTalk.starters.forEach((id, index) => {
    if (!firstFileOfId.has(id) && !declaredIds.has(id)) {
      issues.push({ file: smallTalk.file, line: smallTalk.located.lineOf(['starters', index]), level: 'error', message: `"starters" must name an existing entry id (got "${id}")` });
    }
  });

  if (parsed.length === 0 && !issues.some((issue) => issue.message.includes('entries folder'))) {
    issues.push({ file: displayPath(join(dir, knowledgeLayout.entries)), line: 1, level: 'error', message: 'holds no valid entry: add at least one .md file (see knowledge/README.md)' });
  }

  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  const errors = issues.filter((issue) => issue.level === 'error');
  return {
    knowledge:
      errors.length > 0 ? null : { dir, sources, synonyms, entries: parsed.map((item) => datedEntry(item, datings)), ...(smallTalk ? { smallTalk: smallTalk.smallTalk } : {}), reviewEveryDays },
    issues,
    locate: locatorOf(dir, parsed, sourcesYaml, sources),
  };
}

function locatorOf(dir: string, parsed: readonly ParsedEntry[], sourcesYaml: LocatedYaml | null, sources: readonly Source[]): KnowledgeLocator {
  const byId = new Map(parsed.map((item) => [item.entry.id, item]));
  const sourcesFile = displayPath(join(dir, knowledgeLayout.sources));
  return {
    entryLine(entryId, path) {
      const item = byId.get(entryId);
      if (!item) return 1;
      return path === 'body' ? item.bodyLine : item.located.lineOf(path);
    },
    source(sourceId) {
      const index = sources.findIndex((source) => source.id === sourceId);
      return { file: sourcesFile, line: index >= 0 && sourcesYaml ? sourcesYaml.lineOf([index, 'id']) : 1 };
    },
  };
}

/**
 * Loads and validates a knowledge folder.
 * @throws {KnowledgeError} listing every problem, when any file is invalid.
 */
export function loadKnowledge(dir: string): KnowledgeBase {
  const report = readKnowledge(dir);
  if (!report.knowledge) throw new KnowledgeError(report.issues.filter((issue) => issue.level === 'error'));
  return report.knowledge;
}

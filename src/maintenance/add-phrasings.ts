import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'yaml';
import { RtpError } from '../errors.js';
import { displayPath, knowledgeLayout, splitEntryFile } from '../knowledge/load-knowledge.js';
import { yamlLibrary } from '../knowledge/yaml-library.js';
import type { KnowledgeBase } from '../types.js';
import { createPhrasingChecker } from './answerable-phrasings.js';
import { findQuotes, type CopyIndex } from './copied-text.js';

/** Thrown when phrasings cannot be added to an entry file without risk to it. */
export class PhrasingEditError extends RtpError {
  constructor(message: string) {
    super('PHRASING_EDIT', message);
  }
}

/** True when `text` reads back as exactly `value` in that YAML context, written without quotes. */
function readsBackPlain(value: string, context: 'block' | 'flow'): boolean {
  if (value !== value.trim() || value === '') return false;
  const doc = yamlLibrary().parseDocument(context === 'block' ? `- ${value}\n` : `[${value}]\n`);
  const parsed = doc.toJS() as unknown;
  return doc.errors.length === 0 && Array.isArray(parsed) && parsed.length === 1 && parsed[0] === value;
}

/** A phrasing as YAML: plain when it reads back unchanged, else in double quotes (JSON strings are valid YAML). */
const yamlText = (value: string, context: 'block' | 'flow'): string => (readsBackPlain(value, context) ? value : JSON.stringify(value));

const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/**
 * Appends phrasings to the `questions:` list of an entry file's front matter,
 * leaving every other character of the file as it was: comments, quoting,
 * the order of fields and the answer text. A block list gets new `- ` lines
 * after its last item, indented like it; a `[…]` list gets new items before
 * its `]`. The result is read back and checked before it is returned.
 * @param fileText The whole entry file.
 * @returns The new file text.
 * @throws {PhrasingEditError} when the file has no readable front matter or no `questions` list.
 */
export function appendPhrasings(fileText: string, phrasings: readonly string[]): string {
  const parts = splitEntryFile(fileText);
  if (!parts) throw new PhrasingEditError('has no front matter block to add phrasings to');
  // The YAML starts right after the opening "---" line.
  const start = fileText.indexOf('\n') + 1;
  const front = { yaml: parts.yamlText, start, end: start + parts.yamlText.length };
  const { isMap, isScalar, isSeq, parseDocument } = yamlLibrary();
  const doc = parseDocument(front.yaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new PhrasingEditError('has front matter that is not readable YAML: run npm run kb -- check');
  const list = doc.contents.get('questions', true) as Node | undefined;
  if (!isSeq(list) || !list.range) throw new PhrasingEditError('has no "questions" list to add phrasings to');
  const before = (doc.toJS() as { questions: unknown[] }).questions;
  const tidy = phrasings.map((phrasing) => phrasing.replace(/\s+/g, ' ').trim()).filter(Boolean);

  let yaml: string;
  if (list.flow) {
    const close = front.yaml.lastIndexOf(']', list.range[1]);
    if (close < 0) throw new PhrasingEditError('has a "questions" list whose "]" could not be found');
    const items = tidy.map((phrasing) => yamlText(phrasing, 'flow'));
    const lead = list.items.length > 0 ? ', ' : '';
    yaml = `${front.yaml.slice(0, close).trimEnd()}${lead}${items.join(', ')}${front.yaml.slice(close)}`;
  } else {
    const last = list.items[list.items.length - 1] as Node | undefined;
    if (!last || !isScalar(last) || !last.range) throw new PhrasingEditError('has a "questions" list whose last item is not plain text');
    const itemStart = lineStartOf(front.yaml, last.range[0]);
    const prefix = front.yaml.slice(itemStart, last.range[0]);
    if (!/^\s*-\s+$/.test(prefix)) throw new PhrasingEditError('has a "questions" list laid out in a way this tool does not edit: add the phrasings by hand');
    // A block scalar's range takes in its final line break; the item ends at its last character.
    let valueEnd = last.range[1];
    while (valueEnd > last.range[0] && /\s/.test(front.yaml[valueEnd - 1]!)) valueEnd--;
    const lineEnd = front.yaml.indexOf('\n', valueEnd);
    // New lines end the way the file's lines do (Windows editors write \r\n).
    const eol = front.yaml.includes('\r\n') ? '\r\n' : '\n';
    const at = lineEnd < 0 ? front.yaml.length : front.yaml[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const added = tidy.map((phrasing) => `${eol}${prefix}${yamlText(phrasing, 'block')}`).join('');
    yaml = `${front.yaml.slice(0, at)}${added}${front.yaml.slice(at)}`;
  }

  const after = parseDocument(yaml);
  const questions = (after.toJS() as { questions?: unknown[] } | null)?.questions;
  if (after.errors.length > 0 || JSON.stringify(questions) !== JSON.stringify([...before, ...tidy])) {
    throw new PhrasingEditError('could not be edited safely: add the phrasings by hand');
  }
  return `${fileText.slice(0, front.start)}${yaml}${fileText.slice(front.end)}`;
}

/** A phrasing to add to an entry's `questions:`. */
export interface PhrasingAddition {
  entryId: string;
  phrasing: string;
}

/** A phrasing the checks refuse, and why: each reason a message that reads after the quoted phrasing. */
export interface RefusedPhrasing extends PhrasingAddition {
  reasons: string[];
}

/** Options for {@link vetPhrasings} and {@link addPhrasings}. */
export interface VetPhrasingOptions {
  /** The source documents, indexed (see `readCopyIndex`), to refuse a phrasing that copies one; without them copying is not checked. */
  copies?: CopyIndex | null;
}

/**
 * Runs the checks every phrasing must pass before it is added, so that a bulk
 * addition (`kb suggest --accept`, or a script) never adds one the answer
 * cannot answer: its entry exists; what it asks (how much, how many, when,
 * who, where) the answer text gives; every person, body or place it names the
 * answer text mentions; and, with the sources, it copies none of their runs.
 * @returns the phrasings refused, with the reasons; none when all may be added.
 */
export function vetPhrasings(knowledge: KnowledgeBase, additions: readonly PhrasingAddition[], options: VetPhrasingOptions = {}): RefusedPhrasing[] {
  const checker = createPhrasingChecker(knowledge);
  return additions.flatMap((addition): RefusedPhrasing[] => {
    const entry = knowledge.entries.find((candidate) => candidate.id === addition.entryId);
    if (!entry) return [{ ...addition, reasons: [`is for "${addition.entryId}", which is no entry of this knowledge`] }];
    const reasons = checker.problemsOf(entry, addition.phrasing, 'questions');
    for (const run of options.copies?.findCopiedRuns(addition.phrasing, findQuotes(addition.phrasing).quotes) ?? []) {
      reasons.push(`${run.exact ? 'repeats' : 'nearly repeats'} ${run.length} words of ${run.from}: say it in other words`);
    }
    return reasons.length > 0 ? [{ ...addition, reasons }] : [];
  });
}

/**
 * Adds phrasings to their entry files in `dir` after {@link vetPhrasings}:
 * when any is refused, nothing is written. Each file changes only by its new
 * `questions:` lines (see {@link appendPhrasings}).
 * @returns the refused phrasings (then nothing was written), and each file
 *   written with its text before, so that a caller can put it back.
 * @throws {PhrasingEditError} when a file cannot be edited safely; the files written before it are put back.
 */
export function addPhrasings(
  dir: string,
  knowledge: KnowledgeBase,
  additions: readonly PhrasingAddition[],
  options: VetPhrasingOptions = {},
): { refused: RefusedPhrasing[]; originals: Map<string, string> } {
  const originals = new Map<string, string>();
  const refused = vetPhrasings(knowledge, additions, options);
  if (refused.length > 0) return { refused, originals };
  const byEntry = new Map<string, string[]>();
  for (const { entryId, phrasing } of additions) byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), phrasing]);
  for (const [entryId, phrasings] of byEntry) {
    const path = join(dir, knowledgeLayout.entries, `${entryId}.md`);
    const text = readFileSync(path, 'utf8');
    let edited: string;
    try {
      edited = appendPhrasings(text, phrasings);
    } catch (error) {
      for (const [file, original] of originals) writeFileSync(file, original);
      throw error instanceof PhrasingEditError ? new PhrasingEditError(`${displayPath(path)} ${error.message}; nothing was changed`) : error;
    }
    originals.set(path, text);
    writeFileSync(path, edited);
  }
  return { refused, originals };
}

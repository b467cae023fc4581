import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { RtpError } from '../errors.js';
import { splitEntryFile } from '../knowledge/load-knowledge.js';

/** Thrown when phrasings cannot be added to an entry file without risk to it. */
export class PhrasingEditError extends RtpError {
  constructor(message: string) {
    super('PHRASING_EDIT', message);
  }
}

/** True when `text` reads back as exactly `value` in that YAML context, written without quotes. */
function readsBackPlain(value: string, context: 'block' | 'flow'): boolean {
  if (value !== value.trim() || value === '') return false;
  const doc = parseDocument(context === 'block' ? `- ${value}\n` : `[${value}]\n`);
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

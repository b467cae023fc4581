import type { Document, Node, YAMLError } from 'yaml';
import { yamlLibrary } from './yaml-library.js';

/** A parsed YAML block that can say which line any value came from. */
export interface LocatedYaml {
  /** The plain JavaScript value, or `undefined` when the YAML was unreadable. */
  value: unknown;
  /** Problems found while parsing, with 1-based file lines. */
  errors: { line: number; message: string }[];
  /** The 1-based file line of the value at `path`, or of its nearest parent. */
  lineOf(path: readonly PropertyKey[]): number;
}

/**
 * Parses YAML text that starts at `firstLine` of its file (front matter starts
 * on line 2), keeping positions so that every problem can name its line.
 */
export function readYaml(text: string, firstLine = 1): LocatedYaml {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  const errors: LocatedYaml['errors'] = [];
  for (const error of doc.errors) {
    const { offset, hint } = explainYamlError(text, error);
    const line = toFileLine(offset);
    // One problem per line: the parser often reports the same mistake several ways.
    if (errors.some((earlier) => earlier.line === line)) continue;
    const words = error.message.split('\n')[0] ?? error.message;
    errors.push({ line, message: hint ? `${hint} (YAML: ${words})` : words });
  }

  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = node && (node as Node).range ? toFileLine((node as Node).range![0]) : firstLine;
    for (const key of path) {
      if (isMap(node)) {
        // A key like `2012:` is a number to YAML; a path names it either way.
        const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = toFileLine(keyNode.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) line = toFileLine(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return line;
  };

  return { value: errors.length > 0 ? undefined : doc.toJS(), errors, lineOf };
}

const closers: Record<string, string> = { '[': ']', '{': '}' };

/**
 * Where a flow collection (`[`, `{`) or a quoted value that is still open at
 * `end` began: the parser notices only later, on another line, so the
 * maintainer would look in the wrong place. Quotes only open at the start of a
 * value, so an apostrophe inside words ("Ed Mayo's view") is not one.
 */
function findUnclosed(text: string, end: number): { char: string; offset: number } | null {
  const open: { char: string; offset: number }[] = [];
  let quote: { char: string; offset: number } | null = null;
  let valueStart = true;
  for (let i = 0; i < end && i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote.char && !(quote.char === '"' && text[i - 1] === '\\')) quote = null;
      continue;
    }
    if (char === '\n') {
      valueStart = true;
      continue;
    }
    if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < end && text[i + 1] !== '\n') i++;
      continue;
    }
    if ((char === '"' || char === "'") && valueStart) quote = { char, offset: i };
    else if (char === '[' || char === '{') open.push({ char, offset: i });
    else if (char === ']' || char === '}') open.pop();
    if (!/\s/.test(char)) valueStart = char === ':' || char === '-' || char === ',' || char === '[' || char === '{';
  }
  return quote ?? open[0] ?? null;
}

/** A plain value holding ": " (`title: Circle: the company`), and how it reads quoted. */
function quotedExample(text: string, offset: number): string | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const match = /^\s*(-\s+)?([^\s:#'"[{][^:#]*?):\s+([^'"\s].*?:\s.*?)\s*$/.exec(line);
  if (!match) return null;
  return `${match[1] ?? ''}${match[2]}: "${match[3]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A plain-words hint for the parser errors maintainers meet most, and the offset it belongs at. */
function explainYamlError(text: string, error: YAMLError): { offset: number; hint: string | null } {
  const offset = error.pos[0];
  if (error.code === 'TAB_AS_INDENT') return { offset, hint: 'a tab is used to indent this line: indent with spaces only' };
  if (error.code === 'MISSING_CHAR' && /closing .?quote/i.test(error.message)) {
    const unclosed = findUnclosed(text, offset);
    if (unclosed && (unclosed.char === '"' || unclosed.char === "'")) return { offset: unclosed.offset, hint: `the ${unclosed.char} quote that starts the value on this line is never closed: end the value with ${unclosed.char}` };
  }
  if (/^Flow (sequence|map)/.test(error.message) || error.code === 'MISSING_CHAR') {
    const unclosed = findUnclosed(text, offset);
    if (unclosed && closers[unclosed.char]) {
      const list = unclosed.char === '[' ? 'list' : 'set of fields';
      return { offset: unclosed.offset, hint: `the "${unclosed.char}" on this line is never closed: end the ${list} with "${closers[unclosed.char]}", or quote the value if the "${unclosed.char}" is part of the text` };
    }
  }
  const example = quotedExample(text, offset);
  if (example && (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY' || error.code === 'UNEXPECTED_TOKEN')) {
    return { offset, hint: `the value on this line holds ": ", which YAML reads as the start of another field: put the value in quotes, e.g. ${example}` };
  }
  return { offset, hint: null };
}

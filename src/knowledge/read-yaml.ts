import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

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
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  const errors = doc.errors.map((error) => ({
    line: toFileLine(error.pos[0]),
    message: error.message.split('\n')[0] ?? error.message,
  }));

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

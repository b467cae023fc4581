/**
 * Finding source text repeated in the knowledge: runs of words, outside
 * quotation marks, that a source document has too, word for word or with only
 * a word or two swapped, added or dropped. Used by `kb verify` for every
 * knowledge file, and by phrasing additions for each new phrasing.
 */

/** One word of a text, normalised for comparison, and where it stands. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** A stretch of a text, by offsets. */
export interface TextRange {
  start: number;
  end: number;
}

// Letters, digits, £ and %, joined by apostrophes, and by a point or comma between digits ("49.9", "45,000").
const TOKEN = /[\p{L}\p{N}£%]+(?:(?:['\u2019]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}£%]+)*/gu;

/** The words of a text, compared without case, apostrophes or thousands commas; a hyphen splits words. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((match) => ({
    word: match[0].toLowerCase().replace(/['\u2019,]/g, ''),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Words joined by spaces with a space at each end, so that `includes` finds whole words only. */
export const spaced = (words: readonly string[]): string => ` ${words.join(' ')} `;

/** Quotations in a text: what is between each pair of quotation marks (straight or curly) within a paragraph, and any mark left unclosed. */
export function findQuotes(text: string): { quotes: TextRange[]; unclosed: number[] } {
  const quotes: TextRange[] = [];
  const unclosed: number[] = [];
  let paragraphStart = 0;
  for (const paragraph of text.split(/(\n[ \t]*\n)/)) {
    const marks = [...paragraph.matchAll(/["\u201C\u201D]/g)].map((match) => paragraphStart + match.index);
    for (let i = 0; i + 1 < marks.length; i += 2) quotes.push({ start: marks[i]! + 1, end: marks[i + 1]! });
    if (marks.length % 2 === 1) unclosed.push(marks[marks.length - 1]!);
    paragraphStart += paragraph.length;
  }
  return { quotes, unclosed };
}

/** How closely knowledge text may follow a source before it counts as copied. */
export interface CopyRules {
  /** Shortest run of words, outside quotation marks, that counts as copied when a source has the same run. */
  exactRun: number;
  /** Length, in words, of the stretch that is compared with the sources for near-verbatim copying. */
  nearRun: number;
  /** Most words swapped, added or dropped (word-level edit distance) for such a stretch to count as copied. */
  nearEdits: number;
}

/** A source's words, to look knowledge text up in. */
export interface SourceWords {
  id: string;
  words: readonly string[];
}

/** A run of words in a knowledge text that a source has too, and whether it is word for word or nearly so. */
export interface CopiedRun extends TextRange {
  /** How many words of the knowledge text the run spans. */
  length: number;
  /** The id of the source it follows. */
  from: string;
  /** True when the source has these words exactly; false when it has them with a word or two changed. */
  exact: boolean;
}

/** A run of words the knowledge may share with a source (a name with the job title the source gives), and whether anything used it. */
export interface CopyException {
  words: readonly string[];
  used: boolean;
}

/** The sources, indexed to find copied runs in any text at once. */
export interface CopyIndex {
  /** Runs of words in `text`, outside `quotes`, that follow a source closely, merged where they overlap, that no exception covers. */
  findCopiedRuns(text: string, quotes: readonly TextRange[], exceptions?: readonly CopyException[]): CopiedRun[];
}

/**
 * The best alignment of `window` with any stretch of `source`: the fewest
 * words swapped, added or dropped, and which words of the window are the
 * source's own (semi-global edit distance: the stretch may start and end
 * anywhere in `source`).
 */
function alignWithin(window: readonly string[], source: readonly string[]): { edits: number; matched: number[] } {
  const rows = window.length + 1;
  const cols = source.length + 1;
  const cost: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, () => (i === 0 ? 0 : i)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const diagonal = cost[i - 1]![j - 1]! + (window[i - 1] === source[j - 1] ? 0 : 1);
      cost[i]![j] = Math.min(diagonal, cost[i - 1]![j]! + 1, cost[i]![j - 1]! + 1);
    }
  }
  let j = 0;
  for (let k = 1; k < cols; k++) if (cost[rows - 1]![k]! < cost[rows - 1]![j]!) j = k;
  const edits = cost[rows - 1]![j]!;
  const matched: number[] = [];
  for (let i = rows - 1; i > 0;) {
    const same = j > 0 && window[i - 1] === source[j - 1];
    if (j > 0 && cost[i]![j] === cost[i - 1]![j - 1]! + (same ? 0 : 1)) {
      if (same) matched.push(i - 1);
      i--;
      j--;
    } else if (cost[i]![j] === cost[i - 1]![j]! + 1) {
      i--;
    } else {
      j--;
    }
  }
  return { edits, matched: matched.reverse() };
}

/** Indexes the sources' words for {@link CopyIndex.findCopiedRuns}. */
export function indexSources(sources: readonly SourceWords[], rules: CopyRules): CopyIndex {
  // A window of nearRun words with at most nearEdits edits, cut into nearEdits + 1 blocks, has one
  // block no edit touches: that block is in the source word for word, so its words find the place.
  const anchorSize = Math.max(1, Math.floor(rules.nearRun / (rules.nearEdits + 1)));
  const blockStarts = Array.from({ length: rules.nearEdits + 1 }, (_, block) => block * anchorSize);
  const exactFrom = new Map<string, string>();
  const anchors = new Map<string, { source: number; at: number }[]>();
  const texts = sources.map((source) => spaced(source.words));
  sources.forEach((source, index) => {
    const { words } = source;
    for (let i = 0; i + rules.exactRun <= words.length; i++) {
      const run = words.slice(i, i + rules.exactRun).join(' ');
      if (!exactFrom.has(run)) exactFrom.set(run, source.id);
    }
    for (let i = 0; i + anchorSize <= words.length; i++) {
      const gram = words.slice(i, i + anchorSize).join(' ');
      let list = anchors.get(gram);
      if (!list) anchors.set(gram, (list = []));
      list.push({ source: index, at: i });
    }
  });

  /** The source a window of words follows with at most nearEdits edits, and which of its words are the source's. */
  const nearMatch = (window: readonly string[]): { from: string; matched: number[] } | null => {
    let best: { from: string; edits: number; matched: number[] } | null = null;
    const tried = new Set<string>();
    for (const offset of blockStarts) {
      for (const { source, at } of anchors.get(window.slice(offset, offset + anchorSize).join(' ')) ?? []) {
        const words = sources[source]!.words;
        const start = Math.max(0, at - offset - rules.nearEdits);
        const key = `${source}:${start}`;
        if (tried.has(key)) continue;
        tried.add(key);
        const aligned = alignWithin(window, words.slice(start, Math.min(words.length, at - offset + window.length + rules.nearEdits)));
        if (aligned.edits <= rules.nearEdits && (!best || aligned.edits < best.edits)) best = { from: sources[source]!.id, ...aligned };
      }
    }
    return best;
  };

  const findCopiedRuns = (text: string, quotes: readonly TextRange[], exceptions: readonly CopyException[] = []): CopiedRun[] => {
    // Quoted words are a break: no run crosses a quotation.
    const groups: Token[][] = [[]];
    for (const token of tokenize(text)) {
      if (quotes.some((quote) => token.start >= quote.start && token.end <= quote.end)) {
        if (groups.at(-1)!.length > 0) groups.push([]);
      } else {
        groups.at(-1)!.push(token);
      }
    }
    const found: CopiedRun[] = [];
    for (const group of groups) {
      const words = group.map((token) => token.word);
      // Which exception, if any, covers each word: where its words stand in the text.
      const excusedBy: (CopyException | undefined)[] = [];
      for (const exception of exceptions) {
        const size = exception.words.length;
        for (let i = 0; size > 0 && i + size <= words.length; i++) {
          if (exception.words.every((word, k) => words[i + k] === word)) for (let k = 0; k < size; k++) excusedBy[i + k] = exception;
        }
      }
      /**
       * True (and the exceptions marked used) when an exception covers these words, all but
       * `spare` of them: a near match may run on by a word or two past a name and title
       * ("…, as the"), which is no more copying than the edits it already allows.
       */
      const excuse = (indexes: readonly number[], spare = 0): boolean => {
        const covered = indexes.filter((index) => excusedBy[index] !== undefined);
        if (covered.length === 0 || indexes.length - covered.length > spare) return false;
        for (const index of covered) excusedBy[index]!.used = true;
        return true;
      };
      const spans: { first: number; last: number; from: string }[] = [];
      for (let i = 0; i + rules.exactRun <= words.length; i++) {
        const from = exactFrom.get(words.slice(i, i + rules.exactRun).join(' '));
        const indexes = Array.from({ length: rules.exactRun }, (_, k) => i + k);
        if (from !== undefined && !excuse(indexes)) spans.push({ first: i, last: i + rules.exactRun, from });
      }
      for (let i = 0; i + rules.nearRun <= words.length; i++) {
        const near = nearMatch(words.slice(i, i + rules.nearRun));
        if (!near) continue;
        // The run is the words the source has, from the first to the last.
        const indexes = near.matched.map((k) => i + k);
        if (!excuse(indexes, rules.nearEdits)) spans.push({ first: indexes[0]!, last: indexes.at(-1)! + 1, from: near.from });
      }
      spans.sort((a, b) => a.first - b.first);
      const merged: typeof spans = [];
      for (const span of spans) {
        const last = merged.at(-1);
        if (last && span.first <= last.last) last.last = Math.max(last.last, span.last);
        else merged.push({ ...span });
      }
      for (const { first, last, from } of merged) {
        const exact = texts[sources.findIndex((source) => source.id === from)]!.includes(spaced(words.slice(first, last)));
        found.push({ start: group[first]!.start, end: group[last - 1]!.end, length: last - first, from, exact });
      }
    }
    return found;
  };

  return { findCopiedRuns };
}

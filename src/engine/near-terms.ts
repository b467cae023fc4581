import type SearchableMap from 'minisearch/SearchableMap';
import { bitCount, lettersOf } from '../text/correct-typos.js';

/** Finds the index terms within a few edits of a word (see {@link createNearTermFinder}). */
export interface NearTermFinder {
  /**
   * The terms within `maxDistance` edits (insertions, deletions and
   * substitutions: Levenshtein distance) of `word`, with their distances, in
   * the order MiniSearch's `fuzzyGet` gives them in.
   */
  find(word: string, maxDistance: number): { id: number; distance: number }[];
}

/** The two rows of {@link levenshteinWithin}'s table, reused between calls (grown when a longer word comes). */
let rows = new Int32Array(0);

/**
 * The Levenshtein distance between two words when it is at most `max`, or
 * more than `max` otherwise (as soon as that is sure). Only the cells within
 * `max` of the diagonal are worked out: the others are further than that.
 */
export function levenshteinWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows.length < 2 * width) rows = new Int32Array(2 * width);
  const beyond = max + 1;
  let above = 0;
  let row = width;
  for (let j = 0; j < width; j++) rows[above + j] = j <= max ? j : beyond;
  for (let i = 1; i <= a.length; i++) {
    const letter = a.charCodeAt(i - 1);
    const first = Math.max(1, i - max);
    const last = Math.min(b.length, i + max);
    rows[row] = i <= max ? i : beyond;
    if (first > 1) rows[row + first - 1] = beyond;
    let smallest = rows[row]!;
    for (let j = first; j <= last; j++) {
      const value = Math.min(rows[above + j]! + 1, rows[row + j - 1]! + 1, rows[above + j - 1]! + (letter === b.charCodeAt(j - 1) ? 0 : 1));
      rows[row + j] = value > beyond ? beyond : value;
      if (value < smallest) smallest = value;
    }
    if (last < b.length) rows[row + last + 1] = beyond;
    if (smallest > max) return beyond;
    [above, row] = [row, above];
  }
  return rows[above + b.length]!;
}

/**
 * Indexes terms for typo-tolerant look-ups: it finds exactly what
 * MiniSearch's `fuzzyGet` finds over the same terms, in the same order, in a
 * fraction of the time, which mattered since typo-tolerant look-ups were the
 * largest part of answering a question. A term is only measured against the
 * word when its length is within reach, and when each has at most
 * `maxDistance` letters the other lacks (each edit brings in or takes away at
 * most one letter), which few terms pass.
 * @param terms Index terms, by term number.
 * @param tree The same terms in MiniSearch's tree, each with its number: results come in the order its look-up
 *   gives them, so that scores add up in the same order, to the last bit.
 */
export function createNearTermFinder(terms: readonly string[], tree: SearchableMap<number>): NearTermFinder {
  // MiniSearch lists the tree's terms in the reverse of the order its look-up walks them.
  const rank = new Int32Array(terms.length);
  let position = terms.length;
  for (const id of tree.values()) rank[id] = --position;
  const letters = Int32Array.from(terms, lettersOf);
  const byLength: number[][] = [];
  terms.forEach((term, id) => (byLength[term.length] ??= []).push(id));

  const find = (word: string, maxDistance: number): { id: number; distance: number }[] => {
    const found: { id: number; distance: number }[] = [];
    const wordLetters = lettersOf(word);
    const longest = Math.min(byLength.length - 1, word.length + maxDistance);
    for (let length = Math.max(0, word.length - maxDistance); length <= longest; length++) {
      for (const id of byLength[length] ?? []) {
        const termLetters = letters[id]!;
        if (bitCount(termLetters & ~wordLetters) > maxDistance || bitCount(wordLetters & ~termLetters) > maxDistance) continue;
        const distance = levenshteinWithin(word, terms[id]!, maxDistance);
        if (distance <= maxDistance) found.push({ id, distance });
      }
    }
    return found.sort((a, b) => rank[a.id]! - rank[b.id]!);
  };

  return { find };
}

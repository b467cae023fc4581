/** Rows of {@link editDistance}'s table, reused between calls (grown when a longer word comes). */
let rows = new Int32Array(0);

/**
 * Edit distance with adjacent swaps counting as one edit (optimal string
 * alignment), or `max + 1` as soon as it is sure to exceed `max`. Its three
 * rows live in one reused typed array: every question is checked for typos
 * against every name of several words, so it runs thousands of times per
 * question and allocating rows was most of its cost.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Where the rows two back, one back and being filled start in `rows`.
  let before = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    rows[current] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, rows[before + j - 2]! + 1);
      rows[current + j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return rows[previous + b.length]!;
}

/**
 * The letters of a word as bits, by their code modulo 32. A word within `n`
 * edits of another has at most `n` letters the other lacks (each edit brings
 * in or takes away at most one), and so at most `n` bits the other's lack.
 */
export function lettersOf(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

/** How many bits of a 32-bit number are set. */
export function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The typos a word of this length may hold and still be read as the word: none up to 3 letters, one up to 6, two beyond. */
const allowedEdits = (word: string): number => (word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2);

/**
 * Creates a corrector for typos in names of several words: a run of words
 * that matches one of `phrases` word for word, each within a typo or two of
 * it ("rigth to reqest", "teh rihgt to reqeust", "natinal audit ofice"), is
 * rewritten as the phrase, so the synonym table then reads it as the name.
 * Only whole runs are corrected: a single word near a word of a name
 * ("stuff", "wealth") is left as it is.
 */
export function createPhraseCorrector(phrases: readonly string[]): (text: string) => string {
  const known = [
    ...new Set(
      phrases
        .map((phrase) =>
          phrase
            .toLowerCase()
            .split(/[\s-]+/)
            .filter(Boolean),
        )
        .filter((words) => words.length >= 2)
        .map((words) => words.join(' ')),
    ),
  ].map((phrase) => phrase.split(' '));
  // Each word of the names by number, so that a typed word's distance to it is worked out once per text.
  const wordIds = new Map<string, number>();
  for (const words of known) for (const word of words) if (!wordIds.has(word)) wordIds.set(word, wordIds.size);
  const wordOf = [...wordIds.keys()];
  const knownIds = known.map((words) => words.map((word) => wordIds.get(word)!));
  const allowed = wordOf.map(allowedEdits);
  const wordLetters = Int32Array.from(wordOf, lettersOf);
  // The names by their first word (in the order given), and the first words a typed word of each length can be:
  // within two letters of its length (no more typos are allowed). Most typed words are near none of them.
  const startingWith = new Map<number, number[]>();
  knownIds.forEach((ids, p) => startingWith.set(ids[0]!, [...(startingWith.get(ids[0]!) ?? []), p]));
  const firstWordsNear: number[][] = [];
  for (const first of startingWith.keys()) {
    const length = wordOf[first]!.length;
    for (let near = Math.max(0, length - 2); near <= length + 2; near++) (firstWordsNear[near] ??= []).push(first);
  }
  return (text) => {
    const tokens = [...text.matchAll(/[\p{L}\p{N}']+/gu)];
    if (tokens.length < 2) return text;
    const lower = tokens.map((token) => token[0].toLowerCase());
    // Each distinct typed word by number, with its letters, and its edit distance to each word of the names (plus
    // one; 0 until needed), in one table: a text repeats its words, and the names share theirs, so most distances
    // are asked for many times.
    const numberOf = new Map<string, number>();
    const typedNumbers = Int32Array.from(lower, (typed) => {
      let number = numberOf.get(typed);
      if (number === undefined) {
        number = numberOf.size;
        numberOf.set(typed, number);
      }
      return number;
    });
    const typedLetters = Int32Array.from(numberOf.keys(), lettersOf);
    const distances = new Int8Array(numberOf.size * wordOf.length);
    /**
     * Typos of the typed word at `position` against a word of the names (0 when the same), or more than it may
     * hold. Each edit brings in or takes away at most one letter, so most words are told apart by their letters.
     */
    const typosIn = (position: number, id: number): number => {
      const typed = lower[position]!;
      if (typed === wordOf[id]) return 0;
      const number = typedNumbers[position]!;
      const at = number * wordOf.length + id;
      if (distances[at] === 0) {
        const most = allowed[id]!;
        const letters = typedLetters[number]!;
        const apart = most === 0 || bitCount(letters & ~wordLetters[id]!) > most || bitCount(wordLetters[id]! & ~letters) > most;
        distances[at] = 1 + (apart ? most + 1 : editDistance(typed, wordOf[id]!, most));
      }
      return distances[at]! - 1;
    };
    const replacements: { start: number; end: number; phrase: string }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // A word joined to the one before it ("co-operatives") is part of that word, not the start of a name.
      const before = text[tokens[i]!.index! - 1];
      if (i > 0 && (before === '-' || before === '.')) continue;
      // The longest name this run of words is, written right and with typos; the first given among equally long ones.
      let found: string[] | undefined;
      let foundAt = -1;
      let exact: string[] | undefined;
      let exactAt = -1;
      for (const first of firstWordsNear[lower[i]!.length] ?? []) {
        const firstTypos = typosIn(i, first);
        if (firstTypos > allowed[first]!) continue;
        for (const p of startingWith.get(first)!) {
          const words = known[p]!;
          if (i + words.length > tokens.length) continue;
          const ids = knownIds[p]!;
          let typos = firstTypos;
          let matches = true;
          for (let k = 1; k < words.length && matches; k++) {
            const edits = typosIn(i + k, ids[k]!);
            typos += edits;
            matches = edits <= allowed[ids[k]!]!;
          }
          if (!matches) continue;
          const longer = (than: string[] | undefined, at: number): boolean => !than || words.length > than.length || (words.length === than.length && p < at);
          if (typos === 0 && longer(exact, exactAt)) [exact, exactAt] = [words, p];
          if (typos > 0 && longer(found, foundAt)) [found, foundAt] = [words, p];
        }
      }
      // A name written right is left as it is, and nothing inside it is corrected.
      if (exact && (!found || exact.length >= found.length)) {
        i += exact.length - 1;
        continue;
      }
      if (found) {
        const last = tokens[i + found.length - 1]!;
        replacements.push({ start: tokens[i]!.index!, end: last.index! + last[0].length, phrase: found.join(' ') });
        i += found.length - 1;
      }
    }
    if (replacements.length === 0) return text;
    let out = '';
    let at = 0;
    for (const { start, end, phrase } of replacements) {
      out += text.slice(at, start) + phrase;
      at = end;
    }
    return out + text.slice(at);
  };
}

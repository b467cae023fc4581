/**
 * Edit distance with adjacent swaps counting as one edit (optimal string
 * alignment), or `max + 1` as soon as it is sure to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
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
  return (text) => {
    const tokens = [...text.matchAll(/[\p{L}\p{N}']+/gu)];
    if (tokens.length < 2) return text;
    const lower = tokens.map((token) => token[0].toLowerCase());
    const replacements: { start: number; end: number; phrase: string }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // A word joined to the one before it ("co-operatives") is part of that word, not the start of a name.
      if (i > 0 && /[-.]$/u.test(text.slice(0, tokens[i]!.index!))) continue;
      let found: string[] | undefined;
      let exact: string[] | undefined;
      for (const words of known) {
        if (i + words.length > tokens.length) continue;
        // Fast reject: the first word must be close in length to the phrase's first word.
        if (Math.abs(lower[i]!.length - words[0]!.length) > 2) continue;
        let typos = 0;
        const matches = words.every((word, k) => {
          const typed = lower[i + k]!;
          if (typed === word) return true;
          const distance = editDistance(typed, word, allowedEdits(word));
          typos += distance;
          return distance <= allowedEdits(word);
        });
        if (matches && typos === 0 && (!exact || words.length > exact.length)) exact = words;
        if (matches && typos > 0 && (!found || words.length > found.length)) found = words;
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

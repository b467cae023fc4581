import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { createTextProcessor, fieldBoosts, loadKnowledge, readQuestionSet, type Entry } from '../../../src/index.js';
import { createNearTermFinder, levenshteinWithin } from '../../../src/engine/near-terms.js';
import { buildIndexData } from '../../../src/engine/search-index.js';

/** The terms in MiniSearch's tree, each with its number, as the search index keeps them. */
function treeOf(terms: readonly string[]): SearchableMap<number> {
  const tree = new SearchableMap<number>();
  terms.forEach((term, id) => tree.set(term, id));
  return tree;
}

/** What MiniSearch's own look-up finds, as comparable rows, in its order. */
const expectedNear = (tree: SearchableMap<number>, word: string, maxDistance: number): string[] =>
  [...tree.fuzzyGet(word, maxDistance)].map(([term, [id, distance]]) => `${term}#${id} at ${distance}`);

const foundNear = (terms: readonly string[], finder: ReturnType<typeof createNearTermFinder>, word: string, maxDistance: number): string[] =>
  finder.find(word, maxDistance).map(({ id, distance }) => `${terms[id]}#${id} at ${distance}`);

describe('levenshteinWithin', () => {
  it('measures insertions, deletions and substitutions, a swap of two letters counting as two', () => {
    expect(levenshteinWithin('kitten', 'sitting', 3)).toBe(3);
    expect(levenshteinWithin('mutual', 'mutual', 2)).toBe(0);
    expect(levenshteinWithin('mutal', 'mutual', 2)).toBe(1);
    expect(levenshteinWithin('mutaul', 'mutual', 2)).toBe(2);
  });

  it('says only that a distance beyond the limit is beyond it', () => {
    expect(levenshteinWithin('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(levenshteinWithin('mutaul', 'mutual', 1)).toBeGreaterThan(1);
    expect(levenshteinWithin('abc', 'abcdef', 2)).toBeGreaterThan(2);
  });
});

describe('createNearTermFinder', () => {
  it("finds what MiniSearch's fuzzyGet finds, in its order, for any words", () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), word, fc.integer({ min: 1, max: 3 }), (terms, query, maxDistance) => {
        const tree = treeOf(terms);
        expect(foundNear(terms, createNearTermFinder(terms, tree), query, maxDistance)).toEqual(expectedNear(tree, query, maxDistance));
      }),
      { numRuns: 500 },
    );
  });

  it("finds what MiniSearch's fuzzyGet finds among the real index's terms, for every word of the evaluation questions and its typos", () => {
    const knowledge = loadKnowledge(fileURLToPath(new URL('../../../knowledge', import.meta.url)));
    const text = createTextProcessor(knowledge.synonyms);
    const { terms } = buildIndexData(
      knowledge.entries,
      Object.keys(fieldBoosts) as (keyof Entry)[],
      { tokenize: (value) => text.tokenizeForIndex(value), processTerm: (term) => text.processTerm(term) },
      { boost: fieldBoosts },
    );
    const tree = treeOf(terms);
    const finder = createNearTermFinder(terms, tree);
    const questions = readQuestionSet(fileURLToPath(new URL('../../eval/questions.yaml', import.meta.url))).map((testCase) => testCase.question);
    const words = [...new Set(questions.flatMap((question) => question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))];
    // Each word as typed, with two letters swapped, and with its second letter left out.
    const typed = words.flatMap((word) => [word, word.length > 2 ? word[0]! + word[2]! + word[1]! + word.slice(3) : word, word[0]! + word.slice(2)]);
    expect(typed.length).toBeGreaterThan(500);
    let found = 0;
    for (const word of typed) {
      for (const maxDistance of [1, 2]) {
        const expected = expectedNear(tree, word, maxDistance);
        expect(foundNear(terms, finder, word, maxDistance), `${word} within ${maxDistance}`).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});

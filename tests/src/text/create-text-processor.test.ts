import { describe, expect, it } from 'vitest';
import { createTextProcessor } from '../../../src/index.js';

const text = createTextProcessor([
  ['right to provide', 'rtp', 'rights to provide'],
  ['right to request', 'r2r', 'rtr'],
  ['national audit office', 'nao'],
  ['cooperative', 'co-operative', 'co-op', 'coop', 'co-operatives'],
  ['spinout', 'spin-out', 'spin out', 'spinning out'],
  ['co-operatives uk', 'coops uk'],
]);

describe('createTextProcessor', () => {
  it('stems English words so that forms of one word match', () => {
    expect(text.termsOf('nurses')).toEqual(text.termsOf('nurse'));
    expect(text.termsOf('contracts contracting')).toEqual(text.termsOf('contract'));
  });

  it('folds British and American spellings together', () => {
    expect(text.termsOf('organization')).toEqual(text.termsOf('organisation'));
    expect(text.termsOf('privatized')).toEqual(text.termsOf('privatised'));
    expect(text.termsOf('analyze')).toEqual(text.termsOf('analyse'));
  });

  it('drops stop words and conversational filler', () => {
    expect(text.termsOf('what is the')).toEqual([]);
    expect(text.termsOf('can you tell me about the nurses please')).toEqual(text.termsOf('nurses'));
  });

  it('drops hedges, politeness and talk about the talk, so that they weigh nothing', () => {
    expect(text.termsOf('sorry, can literally anyone use it? honestly curious')).toEqual(text.termsOf('use'));
    expect(text.termsOf("what does 'spin out' mean in this context")).toEqual(text.termsOf('spin out'));
    expect(text.termsOf('which charity did he mention, according to the report')).toEqual(text.termsOf('charity report'));
  });

  it('leaves out who is asking: personal context is not what the question is about', () => {
    expect(text.termsOf("I'm a physio in a community team, can I spin out?")).toEqual(text.termsOf('spin out'));
    expect(text.tokenizeForIndex("I'm a physio")).toContain('physio');
  });

  it('rewrites acronyms and spelling variants to one canonical term', () => {
    expect(text.termsOf('RtP')).toEqual(text.termsOf('Right to Provide'));
    expect(text.termsOf('rights to provide')).toEqual(text.termsOf('right to provide'));
    expect(text.termsOf('NAO')).toEqual(text.termsOf('National Audit Office'));
    for (const variant of ['co-op', 'coop', 'co-operative', 'cooperative', 'Co-operatives', 'co op']) {
      expect(text.termsOf(variant)).toEqual(text.termsOf('cooperative'));
    }
    for (const variant of ['spin-out', 'spin out', 'spinout', 'spinning out']) expect(text.termsOf(variant)).toEqual(['spinout']);
  });

  it('lets a longer phrase win over a shorter variant inside it', () => {
    expect(text.termsOf('Co-operatives UK')).toEqual(text.termsOf('coops uk'));
    expect(text.termsOf('Co-operatives UK')).not.toEqual(text.termsOf('co-operatives'));
  });

  it('keeps each named right as one term, so rights that share the word "right" stay apart', () => {
    const [provide] = text.termsOf('Right to Provide');
    const [buy] = text.termsOf('Right to Buy');
    expect(provide).toBeDefined();
    expect(buy).toBeDefined();
    expect(buy).not.toEqual(provide);
    expect(text.termsOf('right to request flexible working')).not.toContain(provide);
    expect(text.termsOf('right 2 provide')).toEqual([provide]);
  });

  it('indexes the words of a phrase as well, so part of a phrase still matches', () => {
    const indexed = text.tokenizeForIndex('the National Audit Office said').map((word) => text.processTerm(word));
    expect(indexed).toEqual(expect.arrayContaining([...text.termsOf('NAO'), ...text.termsOf('audit office')]));
    // A question uses only the canonical term, so an acronym counts as one word.
    expect(text.termsOf('National Audit Office')).toHaveLength(1);
  });

  it('marks a phrase term so that no typed word can reach it by prefix', () => {
    const [phrase] = text.termsOf('NAO');
    expect(phrase?.startsWith('_')).toBe(true);
    for (const word of ['national', 'nationalaudit', '_national']) expect(phrase?.startsWith(text.termsOf(word)[0] ?? '?'), word).toBe(false);
  });

  it('cleans up money, thousands and per cent', () => {
    expect(text.termsOf('£500m')).toEqual(text.termsOf('500 million'));
    expect(text.termsOf('45,000 nurses')).toEqual(text.termsOf('45000 nurses'));
    expect(text.termsOf('49.9%')).toEqual(text.termsOf('49.9 per cent'));
  });

  it('folds case, accents and curly apostrophes', () => {
    expect(text.termsOf('Jowell’s CAFÉ')).toEqual(text.termsOf("jowell's cafe"));
  });

  it('rewrites money, apostrophes, underscores and named rights the same inside longer text', () => {
    expect(text.normaliseText('Rights to the Ask £5m for staff_mutuals, 10 per cent of O’Neill’s')).toBe('righttoask  5 million for staff mutuals, 10 percent of oneill');
    expect(text.normaliseText('Crème brûlée at 3bn')).toBe('creme brulee at 3 billion');
    expect(text.normaliseText('plain words only')).toBe('plain words only');
  });

  it('gives the same term for a word however often, and however many other words, it has processed', () => {
    const words = ['Mutuals', 'the', 'organisations', 'organizations', 'co-op', '2011', '_x', 'Running'];
    const fresh = createTextProcessor([]);
    const expected = words.map((word) => fresh.processTerm(word));
    expect(expected).toEqual(['mutual', null, 'organis', 'organis', 'co-op', '2011', '_x', 'run']);
    const busy = createTextProcessor([]);
    for (let round = 0; round < 3; round++) {
      expect(words.map((word) => busy.processTerm(word))).toEqual(expected);
      // More distinct words than the pipeline remembers, so its memory starts afresh in between.
      for (let i = 0; i < 30_000; i++) busy.processTerm(`word${round}x${i}`);
    }
  });
});

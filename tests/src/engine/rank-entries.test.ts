import { describe, expect, it } from 'vitest';
import { createRankerFor } from '../../../src/engine/create-answerer.js';
import { defaultRankingOptions } from '../../../src/engine/rank-entries.js';
import type { Entry, KnowledgeBase } from '../../../src/types.js';

const entry = (id: string, title: string, body: string): Entry => ({ id, title, questions: [title], tags: [], sources: ['s'], asOf: '2011', related: [], body, file: `${id}.md` });
const knowledge: KnowledgeBase = {
  entries: [
    entry('trusts', 'Foundation trusts', 'Foundation trusts are public benefit corporations with members.'),
    entry('tea', 'Brewing tea', 'Warm the pot, then let the leaves steep for four minutes.'),
    entry('bikes', 'Bike chains', 'Oil the chain every few weeks in wet weather.'),
  ],
  sources: [],
  synonyms: [],
} as unknown as KnowledgeBase;

describe('createEntryRanker', () => {
  const ranker = createRankerFor(knowledge);
  const best = (question: string) => ranker.rank(question)[0]!;

  it('credits a word found only as the start of a longer one for less than a whole match ("founded" is not "foundation")', () => {
    const found = best('who founded the trusts').terms.find((term) => term.term === 'found')!;
    expect(found.credit).toBe(defaultRankingOptions.prefixCredit);
    expect(found.credit).toBeLessThan(1);
    expect(best('foundation trusts members').terms.every((term) => term.credit === 1)).toBe(true);
  });

  it('says where the entry has each term and how specific it is', () => {
    const { terms, unmatched } = best('brewing tea with a samovar');
    expect(terms.map(({ term, field }) => ({ term, field }))).toEqual([
      { term: 'brew', field: 'name' },
      { term: 'tea', field: 'name' },
      { term: 'samovar', field: null },
    ]);
    expect(unmatched).toEqual(['samovar']);
    for (const term of terms) expect(term.weight).toBeGreaterThan(0);
  });
});

describe('asked facts', () => {
  const ranker = createRankerFor(knowledge);
  const find = (question: string, id: string) => ranker.rank(question).find((candidate) => candidate.id === id)!;

  it('marks an entry whose answer states no figure for a question asking for an amount, and one that does not for a date', () => {
    expect(find('how much did the trusts cost', 'trusts').lacksAskedFact).toBe(true);
    expect(find('how many minutes do tea leaves steep', 'tea').lacksAskedFact).toBe(false);
    expect(find('when did the trusts start', 'trusts').lacksAskedFact).toBe(true);
    expect(find('what are foundation trusts', 'trusts').lacksAskedFact).toBe(false);
  });
});

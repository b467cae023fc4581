import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, createTextProcessor, fieldBoosts, fuzzyFor, loadKnowledge, readQuestionSet, type Entry, type KnowledgeBase } from '../../../src/index.js';
import { buildIndexData, createSearchIndex, type MatchOptions } from '../../../src/engine/search-index.js';

const knowledge = loadKnowledge(fileURLToPath(new URL('../../../knowledge', import.meta.url)));
const questions = readQuestionSet(fileURLToPath(new URL('../../eval/questions.yaml', import.meta.url))).map((testCase) => testCase.question);
const fields = Object.keys(fieldBoosts) as (keyof Entry)[];
const options: MatchOptions = {
  boost: { ...fieldBoosts },
  prefix: (term) => term.length >= 4,
  fuzzy: (term) => fuzzyFor(term),
  weights: { fuzzy: 0.35, prefix: 0.5 },
};

interface Hit {
  id: string;
  score: number;
  /** Matched question terms and entry terms, sorted, as one comparable string. */
  matched: string;
}

/**
 * The reference: the MiniSearch index buildIndex() makes, configured as the
 * answerer configures its own (indexed text keeps phrase words; questions use
 * canonical terms), searched with the same options.
 */
function createReference(base: KnowledgeBase, baseOptions: MatchOptions) {
  const text = createTextProcessor(base.synonyms);
  const matchOptions: MatchOptions = { tokenize: (value) => text.tokenize(value), processTerm: (term) => text.processTerm(term), ...baseOptions };
  const reference = buildIndex(base, text);
  const fast = createSearchIndex(base.entries, fields, { tokenize: (value) => text.tokenizeForIndex(value), processTerm: (term) => text.processTerm(term) }, matchOptions);
  const describe = (queryTerms: string[], terms: string[]): string => `${[...queryTerms].sort().join(' ')} | ${[...terms].sort().join(' ')}`;
  return {
    fast,
    expected: (question: string, limit: number): Hit[] =>
      reference
        .search(question, matchOptions)
        .slice(0, limit)
        .map((result) => ({ id: String(result.id), score: result.score, matched: describe(result.queryTerms, Object.keys(result.match)) })),
    actual: (question: string, limit: number): Hit[] => fast.search(question, limit).map((hit) => ({ id: hit.id, score: hit.score, matched: describe(hit.queryTerms, hit.terms) })),
  };
}

/** Same entries, same scores (to rounding), same matched terms; entries with equal scores may swap places. */
function expectSameRanking(actual: Hit[], expected: Hit[]): void {
  expect(actual.map((hit) => hit.score)).toHaveLength(expected.length);
  actual.forEach((hit, position) => {
    const want = expected[position]!;
    expect(hit.score).toBeCloseTo(want.score, 9);
    const tiedIds = expected.filter((other) => Math.abs(other.score - want.score) < 1e-9).map((other) => other.id);
    expect(tiedIds).toContain(hit.id);
    expect(hit.matched).toBe(expected.find((other) => other.id === hit.id)?.matched ?? want.matched);
  });
}

describe('createSearchIndex', () => {
  const { expected, actual, fast } = createReference(knowledge, options);

  it('ranks every evaluation question exactly as MiniSearch does with the same options', () => {
    for (const question of questions) expectSameRanking(actual(question, 10), expected(question, 10));
  });

  it('matches MiniSearch on questions made of knowledge words, typos, repeats and noise', () => {
    const words = [...new Set(knowledge.entries.flatMap((entry) => `${entry.title} ${entry.tags.join(' ')}`.split(/\s+/)))];
    const word = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...words).chain((known) => fc.nat(Math.max(0, known.length - 1)).map((at) => known.slice(0, at) + known.slice(at + 1))),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 30 }), (parts, limit) => {
        const question = parts.join(' ');
        expectSameRanking(actual(question, limit), expected(question, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('returns at most the number asked for, best first, and nothing for no words or no limit', () => {
    const hits = fast.search('mutual staff nhs', 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThanOrEqual(hits[2]!.score);
    expect(fast.search('mutual', Infinity).length).toBeLessThanOrEqual(knowledge.entries.length);
    expect(fast.search('the of and', 5)).toEqual([]);
    expect(fast.search('mutual', 0)).toEqual([]);
    expect(fast.termCount).toBeGreaterThan(100);
  });

  it('follows fractional fuzziness and other weights like MiniSearch', () => {
    const other = createReference(knowledge, { ...options, fuzzy: () => 0.3, prefix: () => true, weights: { fuzzy: 0.6, prefix: 0.2 }, boost: { body: 2 } });
    for (const question of questions.slice(0, 40)) expectSameRanking(other.actual(question, 5), other.expected(question, 5));
  });

  it('splits and processes questions with their own tokenize and processTerm when given, like MiniSearch search options', () => {
    // Questions split on hyphens too, and "mutuals" reads as "public", unlike the entries.
    const questionPipeline = {
      tokenize: (value: string) => value.split(/[\s-]+/).filter(Boolean),
      processTerm: (term: string) => (term.toLowerCase() === 'mutuals' ? 'public' : createTextProcessor(knowledge.synonyms).processTerm(term)),
    };
    const other = createReference(knowledge, { ...options, ...questionPipeline });
    for (const question of ['spin-out of the nhs', 'mutuals and staff', 'co-op right-to-provide', ...questions.slice(0, 30)]) {
      expectSameRanking(other.actual(question, 5), other.expected(question, 5));
    }
    expect(other.fast.search('mutuals', 1)[0]?.queryTerms).toEqual(['public']);
  });

  it('knows which terms it holds', () => {
    expect(fast.has('mutual')).toBe(true);
    expect(fast.has('zanzibarquokka')).toBe(false);
  });

  it('tells which fields of an entry hold the terms a question reached: title, phrasings, tags or answer', () => {
    const entry = (id: string, fields: Partial<Entry>): Entry => ({
      id,
      title: '',
      questions: [],
      tags: [],
      sources: ['s'],
      asOf: '2011',
      related: [],
      body: '',
      file: `${id}.md`,
      ...fields,
    });
    const text = createTextProcessor([['department for education', 'education department']]);
    const pipeline = { tokenize: (value: string) => text.tokenizeForIndex(value), processTerm: (term: string) => text.processTerm(term) };
    const entries = [
      entry('a', { title: 'Zebra crossings', questions: ['Where do giraffes cross?'], tags: ['okapi'], body: 'Zebras, giraffes and okapis all cross here. Lions too.' }),
      entry('b', { title: 'Lions', aliases: ['big cats'], tags: ['education', 'department store'], body: 'Zebras are not lions.' }),
    ];
    const index = createSearchIndex(entries, fields, pipeline, { ...options, tokenize: (value) => text.tokenize(value) });
    const fieldsOf = (question: string, id: string): Record<string, string[]> => Object.fromEntries(index.search(question, 5).find((hit) => hit.id === id)?.reachedFields ?? []);
    expect(fieldsOf('zebra', 'a')).toEqual({ zebra: ['title', 'body'] });
    expect(fieldsOf('giraffe', 'a')).toEqual({ giraff: ['questions', 'body'] });
    expect(fieldsOf('okapi', 'a')).toEqual({ okapi: ['tags', 'body'] });
    expect(fieldsOf('zebra', 'b')).toEqual({ zebra: ['body'] });
    expect(fieldsOf('cats', 'b')).toEqual({ cat: ['aliases'] });
    // Joined, the tags "education" and "department store" read as the phrase
    // "education department"; the entry holds that phrase term, but no one tag does.
    const data = buildIndexData(entries, fields, pipeline, options);
    const phrase = data.terms.indexOf('_departmentforeducation');
    expect(phrase).toBeGreaterThanOrEqual(0);
    expect([...data.postings[phrase]!.docs]).toEqual([1]);
    expect([...data.postings[phrase]!.fieldMasks]).toEqual([0]);
    expect(fieldsOf('department for education', 'b')).toEqual({ _departmentforeducation: [] });
    expect(data.fields).toEqual(fields);
  });

  it('refuses more fields than a field mask can tell apart', () => {
    const many = Array.from({ length: 9 }, () => 'title') as (keyof Entry)[];
    expect(() => buildIndexData(knowledge.entries.slice(0, 1), many, { tokenize: (value) => value.split(' '), processTerm: (term) => term }, options)).toThrow(/at most 8 fields/);
  });
});

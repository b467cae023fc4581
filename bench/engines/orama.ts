import { create, insert, search, type Orama } from '@orama/orama';
import { flatFields, flattenEntries, hitsOf, rankDepth, type BenchEngine } from './engine.js';

const schema = { id: 'string', title: 'string', questions: 'string', tags: 'string', body: 'string' } as const;

/** Orama's defaults: its English tokenizer, BM25, no stemming or stop words, every field unboosted. */
export const oramaEngine: BenchEngine = {
  name: 'Orama',
  hasConfidenceRule: false,
  describe: ({ fuzzy }) => (fuzzy ? 'defaults, plus tolerance 1 (Orama takes one edit distance for every word of the query)' : 'default options'),
  build(knowledge, { fuzzy }) {
    const db: Orama<typeof schema> = create({ schema });
    for (const entry of flattenEntries(knowledge)) insert(db, entry);
    const properties = [...flatFields];
    return {
      query(question) {
        const results = search(db, { term: question, properties, limit: rankDepth, ...(fuzzy ? { tolerance: 1 } : {}) });
        if (results instanceof Promise) throw new Error('Orama answered asynchronously: the benchmark needs its synchronous in-memory search');
        return hitsOf(results.hits);
      },
    };
  },
};

import FlexSearch from 'flexsearch';
import { flatFields, flattenEntries, rankDepth, type BenchEngine, type EngineHits } from './engine.js';

/**
 * FlexSearch returns ids ranked per field but no scores, so the hits are fused
 * by reciprocal rank (each field adds 1 / (rank + 1)), and that sum is the score.
 */
export const flexSearchEngine: BenchEngine = {
  name: 'FlexSearch',
  hasConfidenceRule: false,
  describe: ({ fuzzy }) =>
    'Document index with the default encoder; suggest: true (without it every word must match and most questions find nothing); no scores, so fields are fused by reciprocal rank' +
    (fuzzy ? '; no edit-distance matching exists, so the nearest is the LatinExtra phonetic encoder with forward (prefix) tokenizing' : ''),
  build(knowledge, { fuzzy }) {
    const index = new FlexSearch.Document({
      document: { id: 'id', index: [...flatFields] },
      ...(fuzzy ? { encoder: FlexSearch.Charset.LatinExtra, tokenize: 'forward' as const } : {}),
    });
    for (const entry of flattenEntries(knowledge)) index.add({ ...entry });
    return {
      query(question): EngineHits {
        const perField = index.search(question, { suggest: true, limit: rankDepth * 5 });
        const scores = new Map<string, number>();
        for (const { result } of perField) {
          result.forEach((id, rank) => scores.set(String(id), (scores.get(String(id)) ?? 0) + 1 / (rank + 1)));
        }
        const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, rankDepth);
        return { ranked: ranked.map(([id]) => id), best: ranked[0]?.[1] ?? null };
      },
    };
  },
};

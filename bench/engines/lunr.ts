import lunr from 'lunr';
import { flatFields, flattenEntries, fuzzyFor, hitsOf, type BenchEngine } from './engine.js';

/** Lunr's default pipeline (trimmer, English stop words, Porter stemmer), every field unboosted. */
export const lunrEngine: BenchEngine = {
  name: 'Lunr',
  hasConfidenceRule: false,
  describe: ({ fuzzy }) =>
    'default pipeline; question words trimmed with lunr.trimmer as at indexing (the query-string parser does not trim punctuation and throws on stray operators)' +
    (fuzzy ? ", plus the bot's typo tolerance (editDistance by word length at weight 0.35, trailing wildcard from 4 letters at 0.5)" : ''),
  build(knowledge, { fuzzy }) {
    const entries = flattenEntries(knowledge);
    const index = lunr(function () {
      this.ref('id');
      for (const field of flatFields) this.field(field);
      for (const entry of entries) this.add(entry);
    });
    return {
      query(question) {
        const words = lunr
          .tokenizer(question)
          .map((token) => lunr.trimmer(token).toString())
          .filter((word) => word.length > 0);
        const results = index.query((query) => {
          for (const word of words) {
            query.term(word, {});
            if (!fuzzy) continue;
            const distance = fuzzyFor(word);
            if (distance) query.term(word, { editDistance: distance, boost: 0.35, usePipeline: false });
            if (word.length >= 4) query.term(word, { wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5, usePipeline: false });
          }
        });
        return hitsOf(results.map((result) => ({ id: result.ref, score: result.score })));
      },
    };
  },
};

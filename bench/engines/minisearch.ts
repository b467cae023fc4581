import MiniSearch from 'minisearch';
import { flatFields, flattenEntries, fuzzyFor, hitsOf, type BenchEngine, type FlatEntry } from './engine.js';

/** MiniSearch as it comes: default tokenizer and term processing, no stemming, synonyms or boosts. */
export const miniSearchEngine: BenchEngine = {
  name: 'MiniSearch',
  hasConfidenceRule: false,
  describe: ({ fuzzy }) => (fuzzy ? "defaults, plus the bot's typo tolerance (fuzzy by word length, prefix from 4 letters)" : 'default options'),
  build(knowledge, { fuzzy }) {
    const index = new MiniSearch<FlatEntry>({ fields: [...flatFields] });
    index.addAll(flattenEntries(knowledge));
    const options = fuzzy ? { fuzzy: (term: string) => fuzzyFor(term), prefix: (term: string) => term.length >= 4 } : {};
    return { query: (question) => hitsOf(index.search(question, options)) };
  },
};

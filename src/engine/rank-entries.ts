import type { TextProcessor } from '../text/create-text-processor.js';
import type { Entry } from '../types.js';
import type { Candidate } from './decide-answer.js';
import type { SearchHit, SearchIndex } from './search-strategy.js';

/** Ranks the entries for a question, with what the decision needs to know about each. */
export interface EntryRanker {
  /** The best entries for a question, best first (at most {@link rerankDepth}). */
  rank(question: string): Candidate[];
  /** The question's meaningful terms, as the ranking sees them. */
  termsOf(question: string): string[];
}

/** How many of the search's results are re-scored by phrasing similarity. */
export const rerankDepth = 20;

/**
 * How much a question's terms count as covered by a result. A term found
 * exactly or as a prefix counts fully; one found only through a typo-tolerant
 * match counts for less, since an edit can turn one word into another.
 */
const fuzzyCredit = 0.6;

/** How strongly a close match to one of an entry's own phrasings lifts its score. */
const phrasingBonus = 1.5;

/**
 * Creates the ranking over a search index: the index's best entries,
 * re-scored by how closely the question matches one of each entry's own
 * phrasings, with the share of the question each one covers.
 * @param correctTerm Reads a misspelt term as the known one it stands for.
 */
export function createEntryRanker(entries: readonly Entry[], text: TextProcessor, index: SearchIndex, correctTerm: (term: string) => string): EntryRanker {
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  const termsOf = (question: string): string[] => [...new Set(text.termsOf(question).map(correctTerm))];

  // An entry's phrasings (with its title and aliases) as term sets, to reward a question that
  // closely matches one way people ask for that entry. Worked out only for the
  // few entries a search returns, and remembered for the entries asked about
  // most recently: bounded, so memory does not grow with the knowledge base.
  const phrasingCache = new Map<string, Set<string>[]>();
  const phrasingsOf = (id: string): Set<string>[] => {
    const cached = phrasingCache.get(id);
    if (cached) return cached;
    const entry = entryById.get(id);
    const sets = entry ? [entry.title, ...entry.questions, ...(entry.aliases ?? [])].map((phrase) => new Set(text.termsOf(phrase))) : [];
    if (phrasingCache.size >= 2000) phrasingCache.delete(phrasingCache.keys().next().value!);
    phrasingCache.set(id, sets);
    return sets;
  };

  const score = (result: SearchHit, terms: readonly string[]): Candidate => {
    const docTerms = result.terms;
    let covered = 0;
    const unmatched: string[] = [];
    for (const term of terms) {
      if (!result.queryTerms.includes(term)) unmatched.push(term);
      else covered += docTerms.some((docTerm) => docTerm.startsWith(term)) ? 1 : fuzzyCredit;
    }
    let similarity = 0;
    for (const phrasing of phrasingsOf(result.id)) {
      const shared = docTerms.filter((docTerm) => phrasing.has(docTerm)).length;
      similarity = Math.max(similarity, shared / Math.max(phrasing.size, terms.length, 1));
    }
    return {
      id: result.id,
      score: result.score * (1 + phrasingBonus * similarity),
      coverage: terms.length === 0 ? 0 : covered / terms.length,
      unmatched,
      similarity,
    };
  };

  const rank = (question: string): Candidate[] => {
    const terms = termsOf(question);
    if (terms.length === 0) return [];
    let results: SearchHit[];
    try {
      results = index.search(question, rerankDepth);
    } catch {
      // Searching only throws on malformed options; a question can never make us crash.
      return [];
    }
    return results.map((result) => score(result, terms)).sort((a, b) => b.score - a.score);
  };

  return { rank, termsOf };
}

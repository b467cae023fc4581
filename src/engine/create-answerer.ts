import MiniSearch from 'minisearch';
import { loadKnowledgeCached } from '../knowledge/knowledge-cache.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { createTextProcessor, namedRightPrefix, type TextProcessor } from '../text/create-text-processor.js';
import type { Answer, AnswerSource, AskOptions, Confidence, Entry, EntryLink, KnowledgeBase } from '../types.js';
import { checkQuestion, cutQuestion } from './check-question.js';
import { createCachedSearchIndex } from './index-cache.js';
import { createSearchIndex, type MatchOptions, type SearchHit } from './search-strategy.js';

/** The defaults of every {@link AskOptions} field. */
export const defaultAskOptions: Readonly<AskOptions> = Object.freeze({
  maxQuestionLength: 500,
  minCoverage: 0.65,
  minScore: 4,
  highMargin: 1.4,
  maxRelated: 3,
  maxSuggestions: 3,
  previous: null,
});

/** Answers questions from one loaded knowledge base. Safe to call with any string. */
export interface Answerer {
  /** Answers a question. Never throws: bad input and no match are normal results. */
  ask(question: string, options?: Partial<AskOptions>): Answer;
  /**
   * Entries whose wording matches a partly typed question, best first, for
   * autocomplete. With nothing typed, returns {@link Answerer.starters}.
   */
  suggest(partial: string, limit?: number): EntryLink[];
  /** Good first questions: the entries the knowledge base links to most. */
  starters(limit?: number): EntryLink[];
  /** The raw ranking behind an answer, best first, for evaluation and diagnostics. */
  rank(question: string, limit?: number): RankedEntry[];
  /** The knowledge this answerer was built from. */
  readonly knowledge: KnowledgeBase;
}

/** One entry in a ranking. */
export interface RankedEntry {
  id: string;
  score: number;
  /** Share of the question's meaningful terms this entry matched (0 to 1). */
  coverage: number;
  /** The question's meaningful terms this entry did not match. */
  unmatched: string[];
}

/** How an answerer is set up, beyond how it answers. */
export interface AnswererSetup {
  /**
   * A folder rtp-bot may own for an on-disk cache of the validated knowledge
   * and of the search index, keyed by hashes of the knowledge files (and of the
   * core's code), so that a large knowledge base starts quickly. No cache when unset.
   * @default undefined
   */
  cacheDir?: string;
}

/** Field boosts: the ways people ask and the title count most, then tags, then the answer text. */
export const fieldBoosts = { questions: 3, title: 2.5, tags: 1.5, body: 1 } as const;

/** How many of MiniSearch's results are re-scored by phrasing similarity. */
const rerankDepth = 20;

const fields = Object.keys(fieldBoosts) as (keyof typeof fieldBoosts)[];

/** Typo tolerance by word length: none for short words, where one edit makes another word. */
export function fuzzyFor(term: string): number | false {
  if (term.length < 5) return false;
  return term.length < 7 ? 1 : 2;
}

/**
 * How much a question's terms count as covered by a result. A term found
 * exactly or as a prefix counts fully; one found only through a typo-tolerant
 * match counts for less, since an edit can turn one word into another.
 */
const fuzzyCredit = 0.6;

/** Phrasing similarity at which a question counts as one of the entry's own phrasings. */
const exactPhrasing = 0.99;

/** How strongly a close match to one of an entry's own phrasings lifts its score. */
const phrasingBonus = 1.5;

interface ScoredResult extends RankedEntry {
  /** How closely the question matches the entry's nearest own phrasing (0 to 1). */
  similarity: number;
}

const linkTo = (entry: Entry): EntryLink => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? entry.title });

/**
 * Builds a plain MiniSearch index over a knowledge base, configured exactly as
 * the answerer's own index (see search-strategy.ts, which a test holds to this
 * one's ranking): indexed text keeps the words of phrases, questions use
 * canonical terms.
 */
export function buildIndex(knowledge: KnowledgeBase, text: TextProcessor = createTextProcessor(knowledge.synonyms)): MiniSearch<Entry> {
  const index = new MiniSearch<Entry>({
    idField: 'id',
    fields,
    storeFields: [],
    tokenize: (value) => text.tokenizeForIndex(value),
    processTerm: (term) => text.processTerm(term),
    searchOptions: { tokenize: (value) => text.tokenize(value) },
    extractField: (entry, field) => {
      const value = entry[field as keyof Entry];
      return Array.isArray(value) ? value.join(' \n ') : String(value ?? '');
    },
  });
  index.addAll(knowledge.entries);
  return index;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Creates an answerer from a knowledge folder (loaded and validated) or an
 * already loaded knowledge base.
 * @throws {KnowledgeError} when the knowledge folder is invalid.
 */
export function createAnswerer(knowledgeOrDir: string | KnowledgeBase, baseOptions: Partial<AskOptions> = {}, setup: AnswererSetup = {}): Answerer {
  const { cacheDir } = setup;
  const knowledge =
    typeof knowledgeOrDir !== 'string' ? knowledgeOrDir : cacheDir ? loadKnowledgeCached(knowledgeOrDir, cacheDir).knowledge : loadKnowledge(knowledgeOrDir);
  const text = createTextProcessor(knowledge.synonyms);

  // Edit-distance fuzziness counts swapping two letters as two edits, too many
  // for a short word; so an unknown term that is a known one with two
  // neighbouring letters swapped ("mutaul") is read as the known one.
  const correctTerm = (term: string): string => {
    if (index.has(term)) return term;
    for (let i = 0; i + 1 < term.length; i++) {
      const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
      if (index.has(swapped)) return swapped;
    }
    return term;
  };
  const termsOf = (question: string): string[] => [...new Set(text.termsOf(question).map(correctTerm))];
  const entryById = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const sourceById = new Map(knowledge.sources.map((source) => [source.id, source]));

  const searchOptions: MatchOptions = {
    tokenize: (value) => text.tokenize(value),
    processTerm: (term) => {
      const processed = text.processTerm(term);
      return processed === null ? null : correctTerm(processed);
    },
    boost: { ...fieldBoosts },
    prefix: (term) => term.length >= 4,
    fuzzy: (term) => fuzzyFor(term),
    weights: { fuzzy: 0.35, prefix: 0.5 },
  };
  // The same index buildIndex() makes, in a compact form that scores exactly as MiniSearch does (see search-strategy.ts).
  const indexPipeline = { tokenize: (value: string) => text.tokenizeForIndex(value), processTerm: (term: string) => text.processTerm(term) };
  const index = cacheDir
    ? createCachedSearchIndex(knowledge, fields, indexPipeline, searchOptions, cacheDir).index
    : createSearchIndex(knowledge.entries, fields, indexPipeline, searchOptions);

  // Entries that many others point to are the natural places to start.
  const inLinks = new Map<string, number>();
  for (const entry of knowledge.entries) for (const id of entry.related) inLinks.set(id, (inLinks.get(id) ?? 0) + 1);
  const starterEntries = [...knowledge.entries].sort((a, b) => (inLinks.get(b.id) ?? 0) - (inLinks.get(a.id) ?? 0));

  const starters = (limit = 3): EntryLink[] => starterEntries.slice(0, limit).map(linkTo);

  const sourcesOf = (entry: Entry): AnswerSource[] =>
    entry.sources.flatMap((id) => {
      const source = sourceById.get(id);
      return source ? [{ id, title: source.title, author: source.author, publisher: source.publisher, date: source.date }] : [];
    });

  const relatedOf = (entry: Entry, limit: number): EntryLink[] =>
    entry.related.flatMap((id) => {
      const other = entryById.get(id);
      return other && other.id !== entry.id ? [linkTo(other)] : [];
    }).slice(0, limit);

  const emptyAnswer = (question: string): Answer => ({
    question,
    status: 'no_match',
    answer: null,
    entryId: null,
    title: null,
    asOf: null,
    score: null,
    confidence: null,
    sources: [],
    related: [],
    suggestions: [],
  });

  // An entry's phrasings (and title) as term sets, to reward a question that
  // closely matches one way people ask for that entry. Worked out only for the
  // few entries a search returns, so memory does not grow with the knowledge base.
  // Remembered for the entries asked about most recently: working them out on
  // every question was most of an answer's time; bounded, so memory does not grow with the knowledge base.
  const phrasingCache = new Map<string, Set<string>[]>();
  const phrasingsOf = (id: string): Set<string>[] => {
    const cached = phrasingCache.get(id);
    if (cached) return cached;
    const entry = entryById.get(id);
    const sets = entry ? [entry.title, ...entry.questions].map((phrase) => new Set(text.termsOf(phrase))) : [];
    if (phrasingCache.size >= 2000) phrasingCache.delete(phrasingCache.keys().next().value!);
    phrasingCache.set(id, sets);
    return sets;
  };

  const score = (result: SearchHit, terms: readonly string[]): ScoredResult => {
    const docTerms = result.terms;
    let covered = 0;
    const unmatched: string[] = [];
    for (const term of terms) {
      if (!result.queryTerms.includes(term)) unmatched.push(term);
      else covered += docTerms.some((docTerm) => docTerm.startsWith(term)) ? 1 : fuzzyCredit;
    }
    let similarity = 0;
    for (const phrasing of phrasingsOf(String(result.id))) {
      const shared = docTerms.filter((docTerm) => phrasing.has(docTerm)).length;
      similarity = Math.max(similarity, shared / Math.max(phrasing.size, terms.length, 1));
    }
    return {
      id: String(result.id),
      score: result.score * (1 + phrasingBonus * similarity),
      coverage: terms.length === 0 ? 0 : covered / terms.length,
      unmatched,
      similarity,
    };
  };

  const search = (question: string): ScoredResult[] => {
    const terms = termsOf(question);
    if (terms.length === 0) return [];
    let results: SearchHit[];
    try {
      results = index.search(question, rerankDepth);
    } catch {
      // Searching only throws on malformed options; a question can never make us crash.
      return [];
    }
    return results
      .map((result) => score(result, terms))
      .sort((a, b) => b.score - a.score);
  };

  const ask = (rawQuestion: string, overrides: Partial<AskOptions> = {}): Answer => {
    const options: AskOptions = { ...defaultAskOptions, ...baseOptions, ...overrides };
    const question = typeof rawQuestion === 'string' ? rawQuestion.trim() : '';
    const problem = checkQuestion(question, options.maxQuestionLength);
    if (problem) {
      return { ...emptyAnswer(cutQuestion(question, options.maxQuestionLength)), status: 'invalid', answer: problem, suggestions: starters(options.maxSuggestions) };
    }

    const results = search(question);
    const declined = (): Answer => {
      const close = results.slice(0, options.maxSuggestions).flatMap((result) => {
        const entry = entryById.get(String(result.id));
        return entry ? [linkTo(entry)] : [];
      });
      const suggestions = [...close, ...starters(options.maxSuggestions)]
        .filter((link, position, all) => all.findIndex((other) => other.id === link.id) === position)
        .slice(0, options.maxSuggestions);
      return {
        ...emptyAnswer(question),
        score: results[0] ? round(results[0].score) : null,
        answer: "I don't have information on that. I can only answer from a small set of documents about the Right to Provide, the Right to Request and public service mutuals (2009 to 2012). Here are some things I can answer:",
        suggestions,
      };
    };

    const [best, runnerUp] = results;
    if (!best) return declined();
    const { coverage } = best;
    // A named right the best entry does not mention ("right to manage") means
    // the question is about another policy that merely shares words with ours.
    const namesOtherRight = best.unmatched.some((term) => term.startsWith(namedRightPrefix));
    if (namesOtherRight || coverage < options.minCoverage || best.score < options.minScore) return declined();
    const entry = entryById.get(String(best.id));
    if (!entry) return declined();

    const margin = runnerUp ? best.score / runnerUp.score : Infinity;
    // Asking one of the entry's own phrasings, or clearly out-scoring every other
    // entry with every word matched, is as sure as keyword search gets.
    const clearWinner = margin >= options.highMargin || best.similarity >= exactPhrasing;
    const confidence: Confidence = coverage === 1 && clearWinner ? 'high' : coverage === 1 || clearWinner ? 'medium' : 'low';

    return {
      question,
      status: 'answered',
      answer: `As of ${entry.asOf}: ${entry.body}`,
      entryId: entry.id,
      title: entry.title,
      asOf: entry.asOf,
      score: round(best.score),
      confidence,
      sources: sourcesOf(entry),
      related: relatedOf(entry, options.maxRelated),
      suggestions: [],
    };
  };

  const suggest = (partial: string, limit = 25): EntryLink[] => {
    const typed = typeof partial === 'string' ? partial.trim() : '';
    if (typed.length === 0 || checkQuestion(typed, defaultAskOptions.maxQuestionLength) !== null) return starters(limit);
    const results = search(typed);
    return results.slice(0, limit).flatMap((result) => {
      const entry = entryById.get(String(result.id));
      return entry ? [linkTo(entry)] : [];
    });
  };

  const rank = (question: string, limit = 10): RankedEntry[] =>
    typeof question === 'string' && checkQuestion(question.trim(), Infinity) === null
      ? search(question.trim()).slice(0, limit).map(({ id, score, coverage, unmatched }) => ({ id, score: round(score), coverage, unmatched }))
      : [];

  return { ask, suggest, starters, rank, knowledge };
}

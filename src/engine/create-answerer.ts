import MiniSearch from 'minisearch';
import { loadKnowledgeCached } from '../knowledge/knowledge-cache.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { createTextProcessor, type TextProcessor } from '../text/create-text-processor.js';
import type { Answer, AnswerSource, AskOptions, Confidence, Entry, EntryLink, KnowledgeBase } from '../types.js';
import { checkQuestion } from './check-question.js';
import { createCachedSearchIndex } from './index-cache.js';
import { createSearchIndex, type MatchOptions, type SearchHit } from './search-strategy.js';

/** The defaults of every {@link AskOptions} field. */
export const defaultAskOptions: Readonly<AskOptions> = Object.freeze({
  maxQuestionLength: 500,
  minCoverage: 0.75,
  minScore: 4,
  highMargin: 1.4,
  maxRelated: 3,
  maxSuggestions: 3,
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
  rank(question: string, limit?: number): { id: string; score: number }[];
  /** The knowledge this answerer was built from. */
  readonly knowledge: KnowledgeBase;
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

const fields = Object.keys(fieldBoosts) as (keyof typeof fieldBoosts)[];

/** Typo tolerance by word length: none for short words, where one edit makes another word. */
export function fuzzyFor(term: string): number | false {
  if (term.length < 4) return false;
  return term.length < 8 ? 1 : 2;
}

const linkTo = (entry: Entry): EntryLink => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? entry.title });

/** Builds the MiniSearch index over a knowledge base, with the shared text pipeline. */
export function buildIndex(knowledge: KnowledgeBase, text: TextProcessor = createTextProcessor(knowledge.synonyms)): MiniSearch<Entry> {
  const index = new MiniSearch<Entry>({
    idField: 'id',
    fields,
    storeFields: [],
    tokenize: (value) => text.tokenize(value),
    processTerm: (term) => text.processTerm(term),
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
  const entryById = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const sourceById = new Map(knowledge.sources.map((source) => [source.id, source]));

  const searchOptions: MatchOptions = {
    boost: { ...fieldBoosts },
    prefix: (term) => term.length >= 4,
    fuzzy: (term) => fuzzyFor(term),
    weights: { fuzzy: 0.35, prefix: 0.5 },
  };
  // Scores exactly as buildIndex()'s MiniSearch index would with these options, much faster on large knowledge bases.
  const index = cacheDir ? createCachedSearchIndex(knowledge, fields, text, searchOptions, cacheDir).index : createSearchIndex(knowledge.entries, fields, text, searchOptions);

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

  const search = (question: string, limit: number): SearchHit[] => {
    try {
      return index.search(question, limit);
    } catch {
      // Searching only throws on malformed options; a question can never make us crash.
      return [];
    }
  };

  const ask = (rawQuestion: string, overrides: Partial<AskOptions> = {}): Answer => {
    const options: AskOptions = { ...defaultAskOptions, ...baseOptions, ...overrides };
    const question = typeof rawQuestion === 'string' ? rawQuestion.trim() : '';
    const problem = checkQuestion(question, options.maxQuestionLength);
    if (problem) {
      return { ...emptyAnswer(question), status: 'invalid', answer: problem, suggestions: starters(options.maxSuggestions) };
    }

    const terms = text.termsOf(question);
    const results = terms.length > 0 ? search(question, Math.max(2, options.maxSuggestions)) : [];
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
    const coverage = best.queryTerms.length / terms.length;
    if (coverage < options.minCoverage || best.score < options.minScore) return declined();
    const entry = entryById.get(String(best.id));
    if (!entry) return declined();

    const margin = runnerUp ? best.score / runnerUp.score : Infinity;
    const confidence: Confidence =
      coverage === 1 && margin >= options.highMargin ? 'high' : coverage === 1 || margin >= options.highMargin ? 'medium' : 'low';

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
    const results = search(typed, limit);
    return results.slice(0, limit).flatMap((result) => {
      const entry = entryById.get(String(result.id));
      return entry ? [linkTo(entry)] : [];
    });
  };

  const rank = (question: string, limit = 10): { id: string; score: number }[] =>
    typeof question === 'string' && checkQuestion(question.trim(), Infinity) === null
      ? search(question.trim(), limit).map((result) => ({ id: String(result.id), score: round(result.score) }))
      : [];

  return { ask, suggest, starters, rank, knowledge };
}

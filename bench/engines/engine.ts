import type { KnowledgeBase } from '../../src/index.js';

/** What one engine found for one question. */
export interface EngineHits {
  /** Entry ids, best first. */
  ranked: string[];
  /** The engine's own score of the best hit, or `null` when nothing matched. */
  best: number | null;
}

/** What an engine with its own confidence rule decided for one question. */
export interface EngineAnswer {
  /** The entry it answers with, or `null` when it does not answer. */
  entry: string | null;
  /** When it asks which question was meant instead of answering: the entries it offers, best first. */
  choices: string[];
  /** Every entry the answer covers (a comparison covers two), when it answers; `[entry]` when absent. */
  covered?: string[];
  /** The kind of detail the answer says its sources don't give (an honest partial answer), if any. */
  gap?: string | null;
  /** Whether it replied with small talk. */
  smallTalk?: boolean;
}

/** An index built over one knowledge base, ready for questions. */
export interface BuiltEngine {
  /** Ranks entries for a question. */
  query(question: string): EngineHits;
  /**
   * The engine's own decision, for engines that have a confidence rule, given
   * the entry that answered the previous question of the conversation (or
   * `null`). Engines without one leave this out and the harness applies a
   * score threshold to `query`.
   */
  answer?(question: string, previous?: string | null): EngineAnswer;
}

/** How an engine should match words. */
export interface EngineSettings {
  /**
   * Match with typo tolerance as close to the bot's as the engine allows
   * (edit distance 1 for words of 4 to 7 letters, 2 for longer ones).
   * Off means the engine's defaults.
   */
  fuzzy: boolean;
}

/** One search engine under test. */
export interface BenchEngine {
  /** Short name used in tables and in results.json. */
  name: string;
  /** How it is configured, in words, for the report. */
  describe(settings: EngineSettings): string;
  /** Whether it decides for itself when to decline. */
  hasConfidenceRule: boolean;
  /** Indexes every entry (title, questions, tags, body). */
  build(knowledge: KnowledgeBase, settings: EngineSettings): BuiltEngine;
}

/** The searchable fields, joined to one string each so that every engine sees the same text. */
export interface FlatEntry {
  id: string;
  title: string;
  questions: string;
  tags: string;
  body: string;
}

export const flatFields = ['title', 'questions', 'tags', 'body'] as const;

/** Flattens entries for engines that index plain string fields. */
export function flattenEntries(knowledge: KnowledgeBase): FlatEntry[] {
  return knowledge.entries.map((entry) => ({
    id: entry.id,
    title: entry.title,
    questions: entry.questions.join(' \n '),
    tags: entry.tags.join(' \n '),
    body: entry.body,
  }));
}

/** The bot's typo tolerance for one word: none below 4 letters, 1 edit up to 7, 2 beyond. */
export { fuzzyFor } from '../../src/index.js';

/** How deep rankings go: MRR and Recall@3 only need the first few. */
export const rankDepth = 10;

/** Turns an engine's scored hits (best first) into {@link EngineHits}. */
export function hitsOf(results: readonly { id: string | number; score: number }[]): EngineHits {
  return { ranked: results.slice(0, rankDepth).map((result) => String(result.id)), best: results[0]?.score ?? null };
}

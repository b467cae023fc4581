import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import { loadKnowledgeCached } from '../knowledge/knowledge-cache.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { createTextProcessor, isNameTerm, type TextProcessor } from '../text/create-text-processor.js';
import type { Answer, AskOptions, Entry, EntryLink, KnowledgeBase } from '../types.js';
import { checkQuestion, cutQuestion } from './check-question.js';
import type { Candidate } from './decide-answer.js';
import type { QuestionSignals } from './decision-features.js';
import { createAnswerComposer, round, type AnswerComposer } from './compose-answer.js';
import { decideMessage, preferBackground, signalsOf, type DecisionInputs } from './decide-message.js';
import { decisionFeatures, gapFeatures } from './decision-features.js';
import { readDecisionModel, type DecisionModel } from './decision-model.js';
import trainedModel from './decision-model.json' with { type: 'json' };
import { createCachedSearchIndex } from './index-cache.js';
import { createEntryRanker, defaultRankingOptions, MessageRankings, type EntryRanker, type RankingOptions } from './rank-entries.js';
import { createSearchIndex, type MatchOptions } from './search-index.js';
import { createSmallTalkMatcher, type SmallTalkMatcher } from './small-talk.js';
import { readMessage, readQuestion } from '../text/read-question.js';

/** The defaults of every {@link AskOptions} field. */
export const defaultAskOptions: Readonly<AskOptions> = Object.freeze({
  maxQuestionLength: 500,
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
  /** The ranked entries behind an answer, best first, for evaluation and diagnostics (the ranking, not the decision). */
  rankEntries(question: string, limit?: number): RankedEntry[];
  /** What the decision sees of a question asked on its own: its ranked candidates and signals, for training the decision model. */
  analyse(question: string): { candidates: Candidate[]; signals: QuestionSignals };
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
   * and of the search index, keyed by hashes of the knowledge files, the
   * decision model and the core's code, so that the next start skips reading
   * YAML, validating and indexing. A stale cache is rebuilt, a damaged one too
   * (see `onCacheDamaged`), and a folder that cannot be written means no cache.
   * No cache when unset.
   * @default undefined
   */
  cacheDir?: string;
  /** Told when a cache file in `cacheDir` was damaged and has been rebuilt, with the file's folder. Default: nothing is said. */
  onCacheDamaged?: (cacheDir: string) => void;
  /**
   * The decision model: when to answer, ask or decline (see DESIGN.md).
   * @default the model trained on the tuned evaluation questions, `src/engine/decision-model.json`
   */
  model?: DecisionModel;
}

let shippedModel: DecisionModel | undefined;

/**
 * The trained decision model shipped with the engine (`npm run kb -- train --write` writes it), checked on first use.
 * @throws {RtpError} `MODEL_INVALID` when it does not fit the features the engine computes.
 */
export function defaultDecisionModel(): DecisionModel {
  shippedModel ??= readDecisionModel(trainedModel, decisionFeatures, gapFeatures, 'src/engine/decision-model.json');
  return shippedModel;
}

/**
 * Field boosts: the ways people ask, the other names of the subject and the
 * title count most, then tags, then the answer text.
 */
export const fieldBoosts = { questions: 3, aliases: 3, title: 2.5, tags: 1.5, body: 1 } as const;

const fields = Object.keys(fieldBoosts) as (keyof typeof fieldBoosts)[];

/**
 * Typo tolerance by word length: none for short words, where one edit makes
 * another word, nor for a synonym-table phrase, which no typing produces (and
 * whose long term made typo look-ups the slowest part of a search).
 */
export function fuzzyFor(term: string): number | false {
  if (term.length < 5 || isNameTerm(term)) return false;
  return term.length < 7 ? 1 : 2;
}

/**
 * Builds a plain MiniSearch index over a knowledge base, configured exactly as
 * the answerer's own index (see search-index.ts, which a test holds to this
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

/**
 * Builds the search index over a knowledge base (cached on disk under
 * `cacheDir`, when given) and the ranking over it, crediting terms by `options`.
 */
export function createRankerFor(knowledge: KnowledgeBase, cacheDir?: string, options: RankingOptions = defaultRankingOptions): EntryRanker {
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
  // The same index buildIndex() makes, in a compact form that scores exactly as MiniSearch does (see search-index.ts).
  const indexPipeline = { tokenize: (value: string) => text.tokenizeForIndex(value), processTerm: (term: string) => text.processTerm(term) };
  const index = cacheDir
    ? createCachedSearchIndex(knowledge, fields, indexPipeline, searchOptions, cacheDir).index
    : createSearchIndex(knowledge.entries, fields, indexPipeline, searchOptions);

  return createEntryRanker(knowledge.entries, text, index, options);
}

/**
 * The answerer over one loaded knowledge base: every question takes the same
 * four plain steps in {@link KnowledgeAnswerer.ask}. A class rather than
 * closures, so that a reader (or `farm-studio walk`) can follow a question
 * from any adapter's `answerer.ask(...)` into those steps.
 */
class KnowledgeAnswerer implements Answerer {
  /** What a follow-up to each entry may be about: the entry and the entries it links to. */
  private readonly followUpScopes: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly compose: AnswerComposer;
  private readonly smallTalkReply: SmallTalkMatcher;

  constructor(
    readonly knowledge: KnowledgeBase,
    private readonly ranker: EntryRanker,
    private readonly model: DecisionModel,
    private readonly baseOptions: Partial<AskOptions>,
  ) {
    this.compose = createAnswerComposer(knowledge);
    this.smallTalkReply = createSmallTalkMatcher(knowledge.smallTalk);
    this.followUpScopes = new Map(knowledge.entries.map((entry) => [entry.id, new Set([entry.id, ...entry.related])]));
  }

  /** The answer to a question, in four plain steps: read it, rank it (each text once), decide, compose. */
  ask(rawQuestion: string, overrides: Partial<AskOptions> = {}): Answer {
    const options: AskOptions = { ...defaultAskOptions, ...this.baseOptions, ...overrides };
    const question = typeof rawQuestion === 'string' ? rawQuestion.trim() : '';
    // 1. Read: input that cannot be searched and small talk are answered as they are; a question is read for its focus and parts.
    const problem = checkQuestion(question, options.maxQuestionLength);
    if (problem) return this.compose.invalid(cutQuestion(question, options.maxQuestionLength), problem, options);
    const reply = this.smallTalkReply(question);
    if (reply !== null) return this.compose.smallTalk(question, reply, options);
    const previous = typeof options.previous === 'string' && this.followUpScopes.has(options.previous) ? options.previous : null;
    const message = readMessage(question);
    // 2. Rank: the whole question and each of its parts, each searched once for everything deciding asks of it.
    const rankings = new MessageRankings(this.ranker);
    rankings.rank(message.focus);
    if (message.parts.length > 1) for (const part of message.parts) rankings.rank(part);
    // 3. Decide: answer, compare, ask which was meant, or decline.
    const inputs: DecisionInputs = { rankings, followUpScopes: this.followUpScopes, model: this.model };
    const { decision, also } = decideMessage(message, previous, inputs);
    // 4. Compose the Answer every adapter renders.
    return this.compose.decided(question, decision, options, also, previous);
  }

  starters(limit = 3): EntryLink[] {
    return this.compose.starters(limit);
  }

  suggest(partial: string, limit = 25): EntryLink[] {
    const typed = typeof partial === 'string' ? partial.trim() : '';
    if (typed.length === 0 || checkQuestion(typed, defaultAskOptions.maxQuestionLength) !== null) return this.starters(limit);
    return this.compose.linksTo(this.ranker.rank(typed).map((candidate) => candidate.id)).slice(0, Math.max(0, limit));
  }

  rankEntries(question: string, limit = 10): RankedEntry[] {
    if (typeof question !== 'string' || checkQuestion(question.trim(), Infinity) !== null) return [];
    return this.ranker
      .rank(readQuestion(question.trim()).focus)
      .slice(0, limit)
      .map(({ id, score, coverage, unmatched }) => ({ id, score: round(score), coverage, unmatched }));
  }

  analyse(question: string): { candidates: Candidate[]; signals: QuestionSignals } {
    const { focus, background } = readQuestion(question);
    return { candidates: preferBackground(this.ranker.rank(focus), background, this.ranker), signals: signalsOf(focus) };
  }
}

/** The knowledge through the cache, keyed by the decision model too: a retrained model starts from a fresh cache. */
function loadCached(dir: string, cacheDir: string, model: DecisionModel, setup: AnswererSetup): KnowledgeBase {
  const report = loadKnowledgeCached(dir, cacheDir, createHash('sha256').update(JSON.stringify(model)).digest('hex'));
  if (report.damaged) setup.onCacheDamaged?.(cacheDir);
  return report.knowledge;
}

/**
 * Creates an answerer from a knowledge folder (loaded and validated) or an
 * already loaded knowledge base.
 * @throws {KnowledgeError} when the knowledge folder is invalid.
 */
export function createAnswerer(knowledgeOrDir: string | KnowledgeBase, baseOptions: Partial<AskOptions> = {}, setup: AnswererSetup = {}): Answerer {
  const { cacheDir } = setup;
  const model = setup.model ?? defaultDecisionModel();
  const knowledge = typeof knowledgeOrDir !== 'string' ? knowledgeOrDir : cacheDir ? loadCached(knowledgeOrDir, cacheDir, model, setup) : loadKnowledge(knowledgeOrDir);
  return new KnowledgeAnswerer(knowledge, createRankerFor(knowledge, cacheDir), model, baseOptions);
}

/**
 * An answerer that uses `overrides` where given and `answerer` for the rest,
 * calling through it so its methods keep their `this`. Wrappers (metrics
 * timing `ask`, test spies) use it: spreading an answerer (`{ ...answerer }`)
 * copies no methods of the class {@link createAnswerer} returns.
 */
export function overrideAnswerer(answerer: Answerer, overrides: Partial<Omit<Answerer, 'knowledge'>>): Answerer {
  return {
    ask: overrides.ask ?? ((question, options) => answerer.ask(question, options)),
    suggest: overrides.suggest ?? ((partial, limit) => answerer.suggest(partial, limit)),
    starters: overrides.starters ?? ((limit) => answerer.starters(limit)),
    rankEntries: overrides.rankEntries ?? ((question, limit) => answerer.rankEntries(question, limit)),
    analyse: overrides.analyse ?? ((question) => answerer.analyse(question)),
    get knowledge() {
      return answerer.knowledge;
    },
  };
}

import { askedAnswerType, namesIn, namesOtherThanAsked, saysNotGiven, statesAnswerType, wordsAsked, type AnswerType } from '../text/answer-types.js';
import { normaliseQuestionKey } from '../text/question-key.js';
import { isNameTerm, type TextProcessor } from '../text/create-text-processor.js';
import type { Entry } from '../types.js';
import type { Candidate, EntryPart, TermMatch } from './decide-answer.js';
import type { SearchHit, SearchIndex, SearchMatches, TermExpansions } from './search-index.js';

/** Ranks the entries for a question, with what the decision needs to know about each. */
export interface EntryRanker {
  /** The best entries for a question, best first (at most {@link rerankDepth}); with `among`, only among those entry ids. */
  rank(question: string, among?: ReadonlySet<string>): Candidate[];
  /**
   * Searches a question once; its ranking overall and among any entries are then picked from that one search.
   * @param memo What the texts of one message share while it is ranked (see {@link MessageRankings}).
   */
  rankText(question: string, memo?: MessageMemo): TextRanking;
  /** The question's meaningful terms, as the ranking sees them. */
  termsOf(question: string): string[];
}

/** What the texts of one message share while it is decided: never kept from one message to the next. */
export interface MessageMemo {
  /** What each query term reaches in the index by prefix and typo tolerance. */
  readonly expansions: TermExpansions;
  /** The kind of fact a text asks for (see {@link askedAnswerType}), each text read once: ranking and deciding both ask. */
  askedOf(text: string): AnswerType | null;
}

/** One question searched once: its best entries, overall or among some, each entry scored once. */
export interface TextRanking {
  /** The best entries, best first (at most {@link rerankDepth}); with `among`, only among those entry ids. */
  rank(among?: ReadonlySet<string>): Candidate[];
}

/**
 * The rankings one message needs (its question, each of its parts, a
 * comparison's sides, a follow-up's scope), each text searched once and each
 * ranking worked out once, however often deciding the message asks for it.
 * The texts of a message share their words (a part is a piece of the whole),
 * so what each word reaches in the index by prefix and typo tolerance is
 * looked up once per message too, and so is the kind of fact each text asks
 * for, which deciding asks again. Made afresh for every message: it remembers
 * nothing between questions.
 */
export class MessageRankings implements MessageMemo {
  readonly #ranker: EntryRanker;
  readonly #texts = new Map<string, { ranking: TextRanking; among: Map<string, Candidate[]> }>();
  readonly #asked = new Map<string, AnswerType | null>();
  readonly expansions: TermExpansions = new Map();

  constructor(ranker: EntryRanker) {
    this.#ranker = ranker;
  }

  /** The best entries for a text, best first; with `among`, only among those entry ids. The same array every time it is asked. */
  rank(text: string, among?: ReadonlySet<string>): Candidate[] {
    let known = this.#texts.get(text);
    if (!known) {
      known = { ranking: this.#ranker.rankText(text, this), among: new Map() };
      this.#texts.set(text, known);
    }
    const key = among ? `\u0000${[...among].join('\u0000')}` : '';
    let ranked = known.among.get(key);
    if (!ranked) {
      ranked = known.ranking.rank(among);
      known.among.set(key, ranked);
    }
    return ranked;
  }

  askedOf(text: string): AnswerType | null {
    let asked = this.#asked.get(text);
    if (asked === undefined) {
      asked = askedAnswerType(text);
      this.#asked.set(text, asked);
    }
    return asked;
  }
}

/** How many of the search's results are re-scored by phrasing similarity. */
export const rerankDepth = 20;

/** How the ranking credits a question's terms; the defaults are {@link defaultRankingOptions}. */
export interface RankingOptions {
  /**
   * What a term found only through a typo-tolerant match counts for in an
   * entry's coverage: less than 1, since an edit can turn one word into another.
   */
  fuzzyCredit: number;
  /**
   * What a term found only as the start of a longer word counts for: less
   * than 1, since a whole word can begin another ("found" and "foundation").
   */
  prefixCredit: number;
}

/** The ranking's defaults, chosen on the tuned evaluation questions (DESIGN.md). */
export const defaultRankingOptions: Readonly<RankingOptions> = Object.freeze({ fuzzyCredit: 0.6, prefixCredit: 0.6 });

/** The entry fields that name an entry, and those that describe it; any other is its answer. */
const nameFields: ReadonlySet<string> = new Set<keyof Entry>(['title', 'aliases']);
const descriptionFields: ReadonlySet<string> = new Set<keyof Entry>(['questions', 'tags']);

/**
 * What part of an entry a question term reached, from the fields holding the
 * terms it reached: what names the entry (its title and aliases) comes first,
 * then what describes it (its phrasings and tags), then its answer.
 */
function entryPartOf(fields: readonly string[]): EntryPart {
  if (fields.some((field) => nameFields.has(field))) return 'name';
  return fields.some((field) => descriptionFields.has(field)) ? 'description' : 'body';
}

/** What an entry's answer says of each kind of fact, as far as questions have asked (see createEntryRanker). */
interface EntryFacts {
  body: string;
  states: Partial<Record<AnswerType, boolean>>;
  saysNot: Partial<Record<AnswerType, boolean>>;
  names?: Set<string>;
}

/** How many entries' phrasings and facts a ranking remembers: the entries asked about most recently. */
const entriesRemembered = 2000;

/** The value remembered for a key, or the one `compute` makes, remembered (forgetting the oldest beyond {@link entriesRemembered}). */
function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= entriesRemembered) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** How strongly a close match to one of an entry's own phrasings lifts its score. */
const phrasingBonus = 1.5;

/** Some phrasings as term sets, read by term: the phrasings that hold each term, and how many terms each has. */
interface PhrasingTerms {
  sizes: number[];
  holding: Map<string, number[]>;
}

/** Reads term sets by term (see {@link PhrasingTerms}). */
function phrasingTermsOf(phrasings: readonly Set<string>[]): PhrasingTerms {
  const holding = new Map<string, number[]>();
  phrasings.forEach((phrasing, index) => {
    for (const term of phrasing) holding.set(term, [...(holding.get(term) ?? []), index]);
  });
  return { sizes: phrasings.map((phrasing) => phrasing.size), holding };
}

/** How many of some terms (each given once) each phrasing holds: counted from the terms, since a question shares few with most phrasings. */
function sharedTerms(docTerms: readonly string[], phrasings: PhrasingTerms): Int32Array {
  const shared = new Int32Array(phrasings.sizes.length);
  for (const docTerm of docTerms) {
    const holders = phrasings.holding.get(docTerm);
    if (holders) for (const index of holders) shared[index]!++;
  }
  return shared;
}

/**
 * How closely a question matches the nearest of some phrasings: the terms they
 * share (see {@link sharedTerms}), as a share of the longer of the two (0 to
 * 1). Only the phrasings `which` picks by index, if given, and only the first
 * `upTo`: every candidate of every question is scored this way, so it makes no lists.
 */
function closenessOf(shared: Int32Array, phrasings: PhrasingTerms, questionLength: number, which?: (index: number) => boolean, upTo = phrasings.sizes.length): number {
  let closest = 0;
  for (let index = 0; index < upTo && index < phrasings.sizes.length; index++) {
    if (which && !which(index)) continue;
    closest = Math.max(closest, shared[index]! / Math.max(phrasings.sizes[index]!, questionLength, 1));
  }
  return closest;
}

/**
 * Creates the ranking over a search index: the index's best entries,
 * re-scored by how closely the question matches one of each entry's own
 * phrasings, with the share of the question each one covers.
 * @param index Searched with its own reading of a question (typo correction included), which is also the terms the ranking credits.
 * @param options How terms are credited; see {@link RankingOptions}.
 */
export function createEntryRanker(entries: readonly Entry[], text: TextProcessor, index: SearchIndex, options: RankingOptions = defaultRankingOptions): EntryRanker {
  const { fuzzyCredit, prefixCredit } = options;
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  // A question's meaningful terms: the search's own terms for it (typos corrected), each once.
  const distinctTerms = (queryTerms: readonly string[]): string[] => [...new Set(queryTerms.filter(Boolean))];
  const termsOf = (question: string): string[] => distinctTerms(index.queryTerms(question));

  // An entry's phrasings (with its title and aliases) as term sets, to reward a question that
  // closely matches one way people ask for that entry. Worked out only for the
  // few entries a search returns, and remembered for the entries asked about
  // most recently: bounded, so memory does not grow with the knowledge base.
  const phrasingCache = new Map<string, { names: PhrasingTerms; questions: PhrasingTerms; kinds: (AnswerType | null)[] }>();
  const phrasingsOf = (id: string): { names: PhrasingTerms; questions: PhrasingTerms; kinds: (AnswerType | null)[] } =>
    remember(phrasingCache, id, () => {
      const entry = entryById.get(id);
      const setsOf = (phrases: readonly string[]): PhrasingTerms => phrasingTermsOf(phrases.map((phrase) => new Set(text.termsOf(phrase))));
      return {
        names: setsOf(entry ? [entry.title, ...(entry.aliases ?? [])] : []),
        questions: setsOf(entry?.questions ?? []),
        kinds: (entry?.questions ?? []).map(askedAnswerType),
      };
    });

  // What an entry's answer says of each kind of fact: whether it states one (a figure, a date…) and whether it
  // says the sources do not give one. They depend on the entry alone, so each is worked out once per entry and
  // kind, not per question: run over every candidate's answer text, these regular expressions were a fifth of
  // a question's time. The names in an answer are kept rather than the verdict, since a name the question gives
  // itself is no answer to "who…?". Bounded like the phrasings.
  const factsCache = new Map<string, EntryFacts>();
  const factsOf = (id: string): EntryFacts => remember(factsCache, id, () => ({ body: entryById.get(id)?.body ?? '', states: {}, saysNot: {} }));
  const states = (id: string, type: AnswerType, asked: () => ReadonlySet<string>): boolean => {
    const facts = factsOf(id);
    if (type === 'name') return namesOtherThanAsked((facts.names ??= namesIn(facts.body)), asked());
    return (facts.states[type] ??= statesAnswerType(facts.body, type));
  };
  const saysNot = (id: string, type: AnswerType): boolean => {
    const facts = factsOf(id);
    return (facts.saysNot[type] ??= saysNotGiven(facts.body, type));
  };

  // A term's specificity: its BM25 inverse entry frequency, as a share of the
  // most a term can have (a term no entry holds), so that it reads the same
  // whatever the size of the knowledge base. A name of several words counts fully.
  const entryCount = entries.length;
  const idfOf = (count: number): number => Math.log(1 + (entryCount - count + 0.5) / (count + 0.5));
  const specificityOf = (term: string): number => (isNameTerm(term) ? 1 : idfOf(index.entryCount(term)) / idfOf(0));
  const uniqueTermWeight = idfOf(1) / idfOf(0);

  const score = (
    result: SearchHit,
    terms: readonly string[],
    weights: readonly number[],
    asked: AnswerType | null,
    askedWords: () => ReadonlySet<string>,
    verbatim: boolean,
  ): Candidate => {
    const docTerms = result.terms;
    let covered = 0;
    let weightCovered = 0;
    const topic = { name: 0, description: 0, body: 0 };
    const unmatched: string[] = [];
    const matches: TermMatch[] = [];
    terms.forEach((term, position) => {
      const reached = result.reached.get(term);
      if (!reached) {
        unmatched.push(term);
        matches.push({ term, weight: weights[position]!, field: null, credit: 0 });
        return;
      }
      const credit = reached.includes(term) ? 1 : reached.some((docTerm) => docTerm.startsWith(term)) ? prefixCredit : fuzzyCredit;
      covered += credit;
      weightCovered += credit * weights[position]!;
      const field = entryPartOf(result.reachedFields.get(term) ?? []);
      topic[field] += credit * weights[position]!;
      matches.push({ term, weight: weights[position]!, field, credit });
    });
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const { names: namePhrasings, questions, kinds } = phrasingsOf(result.id);
    const sharedWithQuestions = sharedTerms(docTerms, questions);
    const nameSimilarity = closenessOf(sharedTerms(docTerms, namePhrasings), namePhrasings, terms.length);
    const similarity = Math.max(nameSimilarity, closenessOf(sharedWithQuestions, questions, terms.length));
    // How close the question is to a phrasing that asks for the same kind of detail: the entry was written to answer that.
    const kindSimilarity = asked === null ? 0 : closenessOf(sharedWithQuestions, questions, terms.length, (i) => kinds[i] === asked);
    const firstSimilarity = closenessOf(sharedWithQuestions, questions, terms.length, undefined, 1);
    const boosted = result.score * (1 + phrasingBonus * similarity);
    return {
      id: result.id,
      score: boosted,
      coverage: terms.length === 0 ? 0 : covered / terms.length,
      unmatched,
      unknown: unmatched.filter((term) => index.entryCount(term) === 0),
      similarity,
      nameSimilarity,
      weightedCoverage: totalWeight === 0 ? 0 : weightCovered / totalWeight,
      topic,
      strength: boosted / Math.max(1, terms.length) / idfOf(1),
      terms: matches,
      lacksAskedFact: asked !== null && !states(result.id, asked, askedWords),
      statesAskedGap: asked !== null && saysNot(result.id, asked),
      kindSimilarity,
      firstSimilarity,
      uniqueTermWeight,
      verbatim,
    };
  };

  // The exact wordings of each entry (its phrasings, title and aliases), to tell a question asked word for word.
  const wordingsOf = new Map<string, string[]>();
  for (const entry of entries)
    for (const wording of [...entry.questions, entry.title, ...(entry.aliases ?? [])]) {
      const key = normaliseQuestionKey(wording);
      wordingsOf.set(key, [...(wordingsOf.get(key) ?? []), entry.id]);
    }

  const nothing: TextRanking = { rank: () => [] };

  const rankText = (question: string, memo?: MessageMemo): TextRanking => {
    // The question is read once, for its terms and for the search (reading it, typo correction and all, is costly).
    const queryTerms = index.queryTerms(question);
    const terms = distinctTerms(queryTerms);
    const verbatim = wordingsOf.get(normaliseQuestionKey(question)) ?? [];
    if (terms.length === 0) return nothing;
    let matches: SearchMatches;
    try {
      matches = index.matchTerms(queryTerms, memo?.expansions);
    } catch {
      // Searching only throws on malformed options; a question can never make us crash.
      return nothing;
    }
    const weights = terms.map(specificityOf);
    const asked = memo ? memo.askedOf(question) : askedAnswerType(question);
    // Its words, to tell the names it gives itself from those an answer gives: worked out once, when first needed.
    let words: ReadonlySet<string> | undefined;
    const askedWords = (): ReadonlySet<string> => (words ??= wordsAsked(question));
    // An entry scores the same in every ranking of this question: worked out once.
    const scored = new Map<string, Candidate>();
    const candidateOf = (result: SearchHit): Candidate => {
      let candidate = scored.get(result.id);
      if (!candidate) {
        candidate = score(result, terms, weights, asked, askedWords, verbatim.includes(result.id));
        scored.set(result.id, candidate);
      }
      return candidate;
    };
    return {
      rank: (among) => {
        try {
          return matches
            .top(rerankDepth, among)
            .map(candidateOf)
            .sort((a, b) => b.score - a.score);
        } catch {
          return [];
        }
      },
    };
  };

  const rank = (question: string, among?: ReadonlySet<string>): Candidate[] => rankText(question).rank(among);

  return { rank, rankText, termsOf };
}

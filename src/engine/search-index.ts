import SearchableMap from 'minisearch/SearchableMap';
import type { Entry } from '../types.js';
import { createNearTermFinder, type NearTermFinder } from './near-terms.js';

/** How text becomes terms: MiniSearch's `tokenize` and `processTerm`. A `TextProcessor` is one. */
export interface TermPipeline {
  tokenize(text: string): string[];
  /** The index term of one word, or `null` to drop it. */
  processTerm(term: string): string | null;
}

/**
 * How a question is matched. The same options MiniSearch takes, so the
 * answerer's tuning means the same thing here.
 */
export interface MatchOptions {
  /** Weight of each field; a field left out weighs 1. */
  boost: Readonly<Record<string, number>>;
  /** Whether a query term also matches the longer terms it starts. */
  prefix: (term: string) => boolean;
  /** Edit distance allowed for a query term (below 1: a share of its length), or `false`. */
  fuzzy: (term: string) => number | false;
  /** Weights of prefix and fuzzy matches against exact ones. */
  weights: { fuzzy: number; prefix: number };
  /**
   * Longest edit distance a fractional `fuzzy` may reach.
   * @default 6
   */
  maxFuzzy?: number;
  /**
   * BM25 parameters.
   * @default { k: 1.2, b: 0.7, d: 0.5 }
   */
  bm25?: { k: number; b: number; d: number };
  /**
   * How questions are split into words, when not as the entries were.
   * @default the index pipeline's tokenize
   */
  tokenize?: (text: string) => string[];
  /**
   * How a question's words become terms, when not as the entries' were.
   * @default the index pipeline's processTerm
   */
  processTerm?: (term: string) => string | null;
}

/** One entry found for a question. */
export interface SearchHit {
  id: string;
  score: number;
  /** The question's terms this entry matched (exactly, by prefix or fuzzily), like MiniSearch's `queryTerms`. */
  queryTerms: string[];
  /** The entry's index terms those matched, like the keys of MiniSearch's `match`. */
  terms: string[];
  /** For each matched question term, the entry's index terms it reached (exactly, by prefix or fuzzily). */
  reached: Map<string, string[]>;
  /**
   * For each matched question term, the fields in which this entry holds the
   * index terms it reached (in the order of {@link IndexData.fields}): read
   * from the index, so that a ranking can tell a word of an entry's name from a
   * word of its answer without running the entry's text through the pipeline again.
   */
  reachedFields: Map<string, string[]>;
}

/**
 * Every entry one question matched, with its score: the search done once, so
 * that the best entries overall and the best among some entries (a follow-up's
 * scope) are picked from the same scores.
 */
export interface SearchMatches {
  /** The best `limit` entries, best first; with `among`, only among the entries with those ids. */
  top(limit: number, among?: ReadonlySet<string>): SearchHit[];
}

/** An index term a query term reaches, and what it counts for (1 exactly, less by prefix or typo tolerance). */
export interface ReachedTerm {
  id: number;
  weight: number;
}

/** The index terms each query term reaches, kept while one message is searched (see {@link SearchIndex.matchTerms}). */
export type TermExpansions = Map<string, readonly ReachedTerm[]>;

/** A compact keyword index over knowledge entries. */
export interface SearchIndex {
  /** The best `limit` entries for a question, best first; with `among`, only among the entries with those ids. */
  search(question: string, limit: number, among?: ReadonlySet<string>): SearchHit[];
  /** Scores every entry that matches a question, once; {@link SearchMatches.top} picks the best of them. */
  match(question: string): SearchMatches;
  /** A question's terms as the search reads them (its tokenize and processTerm), in order, repeats kept. */
  queryTerms(question: string): string[];
  /**
   * {@link SearchIndex.match} for a question's {@link SearchIndex.queryTerms}, for a caller that needs the terms too: the question is read once.
   * @param expansions Where the index terms each query term reaches (by prefix and typo tolerance) are kept for
   *   other texts of the same message, whose parts share its words: give one per message, never across messages.
   */
  matchTerms(queryTerms: readonly string[], expansions?: TermExpansions): SearchMatches;
  /** Whether the index holds this term. */
  has(term: string): boolean;
  /** How many entries hold this index term (0 when none does). */
  entryCount(term: string): number;
  /** How many distinct terms the index holds. */
  readonly termCount: number;
}

const defaultBm25 = { k: 1.2, b: 0.7, d: 0.5 };

/** What a term's postings hold: the entries that contain it (ascending) and what each is worth, all fields summed. */
export interface Postings {
  docs: Int32Array;
  impacts: Float64Array;
  /**
   * For each entry, the fields that hold the term (bit `i` stands for
   * `IndexData.fields[i]`); a list field holds it when one of its items does,
   * read on its own.
   */
  fieldMasks: Uint8Array;
}

/** The most fields an index can have: a posting's fields are bits of one byte. */
export const maxIndexFields = 8;

/** Everything a search needs, as plain data that can be saved and read back. */
export interface IndexData {
  /** Entry ids, by entry number. */
  ids: string[];
  /** The indexed fields, in the order of the bits of {@link Postings.fieldMasks}. */
  fields: string[];
  /** Index terms, by term number. */
  terms: string[];
  /** Postings, by term number. */
  postings: Postings[];
}

/**
 * Builds the index the answerer searches. It scores exactly as MiniSearch
 * does with the same options (BM25 per field, boosts, prefix and fuzzy weights,
 * times the number of query terms matched), and the tests hold it to that, but
 * it is built for speed at scale:
 *
 * - Field boosts and BM25 are fixed once the index is built, so each term's
 *   worth in each entry is computed once, at build time, into typed arrays.
 *   A query then adds numbers into one reused array instead of building an
 *   object per matching entry and field, which is what made large knowledge
 *   bases slow (a common word matches most entries).
 * - Only the best `limit` entries are picked out and sorted, not every match.
 * - Prefix look-ups use MiniSearch's own radix tree of terms; typo-tolerant
 *   ones find what its `fuzzyGet` would, in near-terms.ts, several times faster.
 */
export function createSearchIndex(entries: readonly Entry[], fields: readonly (keyof Entry)[], pipeline: TermPipeline, options: MatchOptions): SearchIndex {
  return searchIndexOf(buildIndexData(entries, fields, pipeline, options), pipeline, options);
}

/**
 * Computes the postings of {@link createSearchIndex}: every term's BM25 worth
 * in every entry that has it, with the field boosts, in MiniSearch's terms
 * (field length = distinct raw words; BM25 per field with its average length).
 */
export function buildIndexData(entries: readonly Entry[], fields: readonly (keyof Entry)[], pipeline: TermPipeline, options: Pick<MatchOptions, 'boost' | 'bm25'>): IndexData {
  const bm25 = options.bm25 ?? defaultBm25;
  const boosts = fields.map((field) => options.boost[field] || 1);
  const docCount = entries.length;
  const fieldCount = fields.length;
  if (fieldCount > maxIndexFields) throw new RangeError(`search index: at most ${maxIndexFields} fields can be indexed (got ${fieldCount})`);

  // Pass 1: raw postings, entry by entry, field by field. Raw words repeat a
  // lot, so each is processed (synonyms aside, stemming is the costly part) once.
  const termIds = new Map<string, number>();
  const rawIds = new Map<string, number>();
  const termOfRaw: number[] = [];
  const rawSeen: number[] = [];
  const termSeen: number[] = [];
  const rawPostings: number[][] = [];
  const rawTf: number[][] = [];
  // Per term, one field mask for each entry that holds it, in entry order.
  const rawMasks: number[][] = [];
  const fieldLengths = new Float64Array(docCount * fieldCount);
  const totalFieldLength = new Float64Array(fieldCount);
  /** Records that an entry holds a term in a field, when the entry has a posting for that term. */
  const markField = (id: number, doc: number, fieldIndex: number): void => {
    if (termSeen[id]! < doc * fieldCount) return;
    const masks = rawMasks[id]!;
    masks[masks.length - 1]! |= 1 << fieldIndex;
  };
  entries.forEach((entry, doc) => {
    fields.forEach((field, fieldIndex) => {
      const value = entry[field];
      const slot = doc * fieldCount + fieldIndex;
      let length = 0;
      for (const token of pipeline.tokenize(Array.isArray(value) ? value.join(' \n ') : String(value ?? ''))) {
        let raw = rawIds.get(token);
        if (raw === undefined) {
          raw = rawIds.size;
          rawIds.set(token, raw);
          rawSeen.push(-1);
          const term = pipeline.processTerm(token);
          let id = term ? termIds.get(term) : -1;
          if (term && id === undefined) {
            id = termIds.size;
            termIds.set(term, id);
            termSeen.push(-1);
            rawPostings.push([]);
            rawTf.push([]);
            rawMasks.push([]);
          }
          termOfRaw.push(id ?? -1);
        }
        // MiniSearch's field length: distinct raw words.
        if (rawSeen[raw] !== slot) {
          rawSeen[raw] = slot;
          length++;
        }
        const id = termOfRaw[raw]!;
        if (id < 0) continue;
        const tfs = rawTf[id]!;
        if (termSeen[id] === slot) tfs[tfs.length - 1]!++;
        else {
          if (termSeen[id]! < doc * fieldCount) rawMasks[id]!.push(0);
          termSeen[id] = slot;
          rawPostings[id]!.push(slot);
          tfs.push(1);
        }
        if (!Array.isArray(value)) markField(id, doc, fieldIndex);
      }
      fieldLengths[slot] = length;
      totalFieldLength[fieldIndex]! += length;
    });
    // A list field's mask comes from each item on its own, as a ranking that
    // reads the items one by one sees them: joined, the end of one item and the
    // start of the next can make a phrase ("education", "department …") that
    // neither item holds. Marked once the whole entry is indexed, so that only
    // terms the entry holds get a mark.
    fields.forEach((field, fieldIndex) => {
      const value = entry[field];
      if (!Array.isArray(value)) return;
      for (const item of value) {
        for (const token of pipeline.tokenize(String(item))) {
          const raw = rawIds.get(token);
          const term = raw === undefined ? pipeline.processTerm(token) : null;
          const id = raw !== undefined ? termOfRaw[raw]! : term ? (termIds.get(term) ?? -1) : -1;
          if (id >= 0) markField(id, doc, fieldIndex);
        }
      }
    });
  });
  const averageFieldLength = [...totalFieldLength].map((total) => (docCount > 0 ? total / docCount : 0));

  // Pass 2: each term's worth per entry, fields summed, as typed arrays.
  const postings: Postings[] = rawPostings.map((slots, id) => {
    const tfs = rawTf[id]!;
    const fieldDocs = new Array<number>(fieldCount).fill(0);
    for (const slot of slots) fieldDocs[slot % fieldCount]!++;
    const idf = fieldDocs.map((matching) => Math.log(1 + (docCount - matching + 0.5) / (matching + 0.5)));
    const docs: number[] = [];
    const impacts: number[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const doc = Math.floor(slot / fieldCount);
      const fieldIndex = slot % fieldCount;
      const tf = tfs[i]!;
      const relativeLength = fieldLengths[slot]! / averageFieldLength[fieldIndex]!;
      const score = boosts[fieldIndex]! * idf[fieldIndex]! * (bm25.d + (tf * (bm25.k + 1)) / (tf + bm25.k * (1 - bm25.b + bm25.b * relativeLength)));
      if (docs[docs.length - 1] === doc) impacts[impacts.length - 1]! += score;
      else {
        docs.push(doc);
        impacts.push(score);
      }
    }
    const fieldMasks = Uint8Array.from(rawMasks[id]!);
    rawPostings[id] = [];
    rawTf[id] = [];
    rawMasks[id] = [];
    return { docs: Int32Array.from(docs), impacts: Float64Array.from(impacts), fieldMasks };
  });
  return { ids: entries.map((entry) => entry.id), fields: fields.map(String), terms: [...termIds.keys()], postings };
}

/** Searches prebuilt index data (see {@link buildIndexData}) with the index's pipeline and the match options. */
export function searchIndexOf(data: IndexData, pipeline: TermPipeline, options: MatchOptions): SearchIndex {
  const tokenize = options.tokenize ?? ((value: string) => pipeline.tokenize(value));
  const processTerm = options.processTerm ?? ((term: string) => pipeline.processTerm(term));
  const { ids, postings } = data;
  const docCount = ids.length;
  const termIds = new Map<string, number>();
  const terms = new SearchableMap<number>();
  data.terms.forEach((term, id) => {
    termIds.set(term, id);
    terms.set(term, id);
  });

  // Reused between questions: one slot per entry, reset through the list of entries touched.
  const scores = new Float64Array(docCount);
  const matched = new Int32Array(docCount);
  const lastTerm = new Int32Array(docCount).fill(-1);
  const touchedAt = new Int32Array(docCount).fill(-1);
  const touched = new Int32Array(docCount);
  let questionNumber = 0;
  let termNumber = 0;

  /** Where an entry is in a term's postings, or -1 when it is not there (entry numbers are in ascending order). */
  const positionOf = (termId: number, doc: number): number => {
    const { docs } = postings[termId]!;
    let low = 0;
    let high = docs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = docs[middle]!;
      if (value === doc) return middle;
      if (value < doc) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  };
  // The field names of each mask, worked out once per mask (there are at most 256).
  const fieldNamesOf = new Map<number, string[]>();
  const namesOfMask = (mask: number): string[] => {
    let names = fieldNamesOf.get(mask);
    if (!names) {
      names = data.fields.filter((_, fieldIndex) => (mask & (1 << fieldIndex)) !== 0);
      fieldNamesOf.set(mask, names);
    }
    return names;
  };

  // Typo-tolerant look-ups find what MiniSearch's fuzzyGet over the tree of terms finds, in the order it does,
  // several times faster (see near-terms.ts). Set up on the first one, which a start that answers nothing never makes.
  let nearTerms: NearTermFinder | undefined;
  const nearTermsFinder = (): NearTermFinder => {
    nearTerms ??= createNearTermFinder(data.terms, terms);
    return nearTerms;
  };

  /** The index terms one query term reaches, with their weights, as MiniSearch weighs them. */
  const expand = (term: string): ReachedTerm[] => {
    const reached: ReachedTerm[] = [];
    const exact = termIds.get(term);
    if (exact !== undefined) reached.push({ id: exact, weight: 1 });
    const prefixed = new Set<string>();
    if (options.prefix(term)) {
      for (const [other, id] of terms.atPrefix(term)) {
        const distance = other.length - term.length;
        if (distance === 0) continue;
        prefixed.add(other);
        reached.push({ id, weight: (options.weights.prefix * other.length) / (other.length + 0.3 * distance) });
      }
    }
    const fuzzy = options.fuzzy(term);
    const maxDistance = !fuzzy ? 0 : fuzzy < 1 ? Math.min(options.maxFuzzy ?? 6, Math.round(term.length * fuzzy)) : fuzzy;
    if (maxDistance > 0) {
      for (const { id, distance } of nearTermsFinder().find(term, maxDistance)) {
        const other = data.terms[id]!;
        if (distance === 0 || prefixed.has(other)) continue;
        reached.push({ id, weight: (options.weights.fuzzy * other.length) / (other.length + distance) });
      }
    }
    return reached;
  };

  const noMatches: SearchMatches = { top: () => [] };

  const queryTermsOf = (question: string): string[] => tokenize(question).flatMap((token) => processTerm(token) ?? []);

  const matchTerms = (queryTerms: readonly string[], expansions?: TermExpansions): SearchMatches => {
    if (queryTerms.length === 0) return noMatches;
    questionNumber++;
    let touchedCount = 0;
    // A term asked twice counts twice in the score (as in MiniSearch) but once as a matched term.
    const repeats = new Map<string, number>();
    for (const term of queryTerms) repeats.set(term, (repeats.get(term) ?? 0) + 1);
    const expanded: { term: string; reached: readonly ReachedTerm[] }[] = [];

    for (const [term, times] of repeats) {
      let reached = expansions?.get(term);
      if (!reached) {
        reached = expand(term);
        expansions?.set(term, reached);
      }
      expanded.push({ term, reached });
      termNumber++;
      for (const { id, weight } of reached) {
        const { docs, impacts } = postings[id]!;
        const factor = weight * times;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (touchedAt[doc] !== questionNumber) {
            touchedAt[doc] = questionNumber;
            touched[touchedCount++] = doc;
            scores[doc] = 0;
            matched[doc] = 0;
          }
          scores[doc]! += factor * impacts[i]!;
          if (lastTerm[doc] !== termNumber) {
            lastTerm[doc] = termNumber;
            matched[doc]!++;
          }
        }
      }
    }
    // The shared arrays serve the next question: the matches keep their own copy, in the order entries were first matched.
    const matchedDocs = touched.slice(0, touchedCount);
    const finalScores = Float64Array.from(matchedDocs, (doc) => scores[doc]! * matched[doc]!);

    const hitOf = (doc: number, score: number): SearchHit => {
      const queryTerms: string[] = [];
      const terms = new Set<string>();
      const reachedTerms = new Map<string, string[]>();
      const reachedFields = new Map<string, string[]>();
      for (const { term, reached } of expanded) {
        const found: string[] = [];
        let mask = 0;
        for (const { id } of reached) {
          const position = positionOf(id, doc);
          if (position < 0) continue;
          found.push(data.terms[id]!);
          mask |= postings[id]!.fieldMasks[position]!;
        }
        if (found.length === 0) continue;
        queryTerms.push(term);
        reachedTerms.set(term, found);
        reachedFields.set(term, namesOfMask(mask));
        for (const other of found) terms.add(other);
      }
      return { id: ids[doc]!, score, queryTerms, terms: [...terms], reached: reachedTerms, reachedFields };
    };

    const top = (limit: number, among?: ReadonlySet<string>): SearchHit[] => {
      const wanted = Math.min(Math.floor(limit), docCount);
      if (!(wanted > 0)) return [];
      // The best `limit` entries; ties keep the order in which entries were first matched.
      const best: { doc: number; score: number }[] = [];
      for (let i = 0; i < matchedDocs.length; i++) {
        const doc = matchedDocs[i]!;
        if (among && !among.has(ids[doc]!)) continue;
        const score = finalScores[i]!;
        if (best.length === wanted && score <= best[best.length - 1]!.score) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.score < score) at--;
        best.splice(at, 0, { doc, score });
        if (best.length > wanted) best.pop();
      }
      return best.map(({ doc, score }) => hitOf(doc, score));
    };
    return { top };
  };

  const match = (question: string): SearchMatches => matchTerms(queryTermsOf(question));
  const search = (question: string, limit: number, among?: ReadonlySet<string>): SearchHit[] => match(question).top(limit, among);

  const entryCount = (term: string): number => {
    const id = termIds.get(term);
    return id === undefined ? 0 : postings[id]!.docs.length;
  };

  return { search, match, queryTerms: queryTermsOf, matchTerms, has: (term) => termIds.has(term), entryCount, termCount: termIds.size };
}

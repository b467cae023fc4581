import { isNameTerm } from '../text/create-text-processor.js';
import type { Confidence } from '../types.js';

/** Where an entry has one of a question's terms. */
export interface TermMatch {
  term: string;
  /** Its specificity, 0 to 1 (see {@link Candidate.weightedCoverage}). */
  weight: number;
  /** Where the entry has it: in its name (title, aliases), its description (phrasings, tags), its answer text, or nowhere. */
  field: 'name' | 'description' | 'body' | null;
  /** 1 when matched exactly, less as the start of a longer word or through a typo-tolerant match, 0 when not matched. */
  credit: number;
}

/** What the ranking found out about one entry, for one question. */
export interface Candidate {
  id: string;
  /** The search score, lifted by closeness to one of the entry's own phrasings. */
  score: number;
  /** Share of the question's meaningful terms this entry matched (0 to 1). */
  coverage: number;
  /** The question's meaningful terms this entry did not match. */
  unmatched: string[];
  /** How closely the question matches the entry's nearest own phrasing, title or alias (0 to 1). */
  similarity: number;
  /** How closely the question matches the entry's title or nearest alias (0 to 1): 1 when it just names the entry. */
  nameSimilarity: number;
  /**
   * Share of the question's weight this entry matched, each term weighing its
   * specificity (0 to 1): a word few entries use weighs more than one most
   * entries use, and a word no entry uses weighs most.
   */
  weightedCoverage: number;
  /**
   * How much topic the question shares with what the entry is about: the
   * specificity of the terms it matched (one word found in no other entry
   * counts 1, a name of several words too), summed by where the entry has
   * them: in its name (title or aliases), in its description (phrasings or
   * tags), or only in its answer text, where a generic word is not a topic.
   */
  topic: { name: number; description: number; body: number };
  /**
   * The search score per question term, in units of what a term that only
   * this entry holds is worth, so that it reads the same whatever the size of
   * the knowledge base. Low when the words only occur in passing.
   */
  strength: number;
  /** Each of the question's terms, in order, and where this entry has it. */
  terms: TermMatch[];
  /**
   * The specificity of a word that only one entry holds, in this knowledge
   * base: the most a known word weighs (less in a small knowledge base).
   */
  uniqueTermWeight: number;
  /**
   * Whether the question asks for an amount or a date ("how much…", "when
   * did…") and the entry's answer states none, so cannot give it.
   */
  lacksAskedFact: boolean;
}

/**
 * The thresholds of {@link decideAnswer}, derived from the evaluation
 * questions (see DESIGN.md); the defaults are {@link defaultDecisionRule}.
 */
export interface DecisionRule {
  /** Coverage below which the bot declines: too much of the question is about something else. */
  minCoverage: number;
  /** Strength (see {@link Candidate.strength}) below which the bot declines: the words matched only in passing. */
  minStrength: number;
  /** Weighted coverage (see {@link Candidate.weightedCoverage}) the best entry needs to answer. */
  answerWeightedCoverage: number;
  /** Topic (see {@link topicOf}) the best entry needs to answer. */
  answerTopic: number;
  /** Score ratio over the runner-up the best entry needs to answer, unless the question is one of its phrasings. */
  answerMargin: number;
  /** What a term matched in an entry's phrasings or tags counts for in its topic, against one in its title or aliases. */
  descriptionWeight: number;
  /** What a term matched only in an entry's answer text counts for in its topic. */
  bodyWeight: number;
  /** Score ratio over the runner-up for `high` confidence. */
  highMargin: number;
  /** Topic for `high` confidence. */
  highTopic: number;
  /** Share of the best score another entry needs to be offered when asking which was meant. */
  clarifyShare: number;
  /** Coverage an entry in the context of the previous answer needs to answer a follow-up. */
  contextCoverage: number;
  /** Strength an entry in the context of the previous answer needs to answer a follow-up. */
  contextStrength: number;
  /**
   * Topic (see {@link topicOf}) that a question of one term needs for an
   * answer, as a share of {@link Candidate.uniqueTermWeight} (a word only
   * this entry holds, in its name), even for one of the entry's own
   * phrasings, unless it is the entry's title or an alias ("spinning out") or
   * no other entry holds the word: one word that several entries use ("what
   * did the union say?", "who ran it?") is not a topic of its own.
   */
  soleTermTopic: number;
  /** Whether to decline a question asking for an amount or a date that the best entry does not state (see {@link Candidate.lacksAskedFact}). */
  checkAskedFact: boolean;
}

/**
 * What to do with a question: answer with an entry, ask which of a few entries
 * was meant, or decline (offering the closest entries, if any). `score` is the
 * best candidate's, for logs; `null` when nothing matched.
 */
export type Decision =
  | { outcome: 'answer'; id: string; confidence: Confidence; score: number }
  | { outcome: 'clarify'; ids: string[]; score: number }
  | { outcome: 'decline'; closeIds: string[]; score: number | null };

/** Phrasing similarity at which a question counts as one of the entry's own phrasings. */
export const exactPhrasing = 0.99;

/** The rule chosen on the tuned evaluation questions (DESIGN.md says how). */
export const defaultDecisionRule: Readonly<DecisionRule> = Object.freeze({
  minCoverage: 0.65,
  minStrength: 5,
  answerWeightedCoverage: 0.4,
  answerTopic: 0.3,
  answerMargin: 1.3,
  descriptionWeight: 0.6,
  bodyWeight: 0.3,
  highMargin: 1.4,
  highTopic: 1,
  clarifyShare: 0.4,
  contextCoverage: 0.5,
  contextStrength: 5,
  soleTermTopic: 0.75,
  checkAskedFact: true,
});

/** How much topic a question shares with an entry: its name counts fully, its description and text for less. */
export const topicOf = (candidate: Candidate, rule: DecisionRule = defaultDecisionRule): number =>
  candidate.topic.name + rule.descriptionWeight * candidate.topic.description + rule.bodyWeight * candidate.topic.body;

/**
 * Decides between answering with the best entry, asking which of a few
 * entries was meant (`clarify`), and declining, from the ranked candidates:
 *
 * - **decline** when nothing matched, when the question names something the
 *   best entry does not (a right, "right to buy", or a phrase from the synonym
 *   table, "near me"), when the best entry covers less than
 *   `minCoverage` of the question's terms, or when its strength (score per
 *   term) is below `minStrength` (the words only occur in passing);
 * - **answer** when the question is one of the best entry's own phrasings, or
 *   when that entry also covers enough of the question's weight (specific
 *   words count more), shares enough topic with what the entry is about, and
 *   leads the runner-up by `answerMargin`; but never a question of one word
 *   with too little topic (`soleTermTopic`);
 * - **clarify** otherwise, offering the entries within `clarifyShare` of the
 *   best score (at most 3).
 */
export function decideAnswer(candidates: readonly Candidate[], rule: DecisionRule = defaultDecisionRule): Decision {
  const [best, runnerUp] = candidates;
  if (!best) return { outcome: 'decline', closeIds: [], score: null };
  const decline: Decision = { outcome: 'decline', closeIds: candidates.slice(0, 3).map((candidate) => candidate.id), score: best.score };
  // A name the best entry does not mention (a right, "right to manage", or a
  // phrase from the synonym table, "near me") means the question is about
  // something else that merely shares words with it.
  if (best.unmatched.some(isNameTerm)) return decline;
  if (best.coverage < rule.minCoverage || best.strength < rule.minStrength) return decline;
  // "How much did X put in?" against an entry that gives no figure asks for a detail it does not have.
  if (best.lacksAskedFact && rule.checkAskedFact) return decline;

  const topic = topicOf(best, rule);
  const margin = runnerUp ? best.score / runnerUp.score : Infinity;
  const ownPhrasing = best.similarity >= exactPhrasing;
  // One word is a topic of its own when it names the entry (its title or an
  // alias), weighs enough where the entry has it, or no other entry holds it.
  const [sole] = best.terms;
  const thin =
    best.terms.length === 1 &&
    best.nameSimilarity < exactPhrasing &&
    topic < rule.soleTermTopic * best.uniqueTermWeight &&
    sole!.weight < best.uniqueTermWeight - 1e-9;
  if (!thin && (ownPhrasing || (best.weightedCoverage >= rule.answerWeightedCoverage && topic >= rule.answerTopic && margin >= rule.answerMargin))) {
    // Asking one of the entry's own phrasings, or clearly out-scoring every other
    // entry with every word matched, is as sure as keyword search gets.
    const clearWinner = margin >= rule.highMargin || ownPhrasing;
    const complete = best.coverage >= 1 && topic >= rule.highTopic;
    const confidence: Confidence = complete && clearWinner ? 'high' : complete || clearWinner ? 'medium' : 'low';
    return { outcome: 'answer', id: best.id, confidence, score: best.score };
  }
  const ids = candidates
    .filter((candidate) => candidate.score >= rule.clarifyShare * best.score && candidate.coverage >= rule.minCoverage)
    .slice(0, 3)
    .map((candidate) => candidate.id);
  return { outcome: 'clarify', ids, score: best.score };
}

/** How much a follow-up favours the entries of the conversation over the rest, and the previous entry among them. */
const contextPreference = 2;

/**
 * Decides a follow-up in the context of the previous answer: among the
 * previous entry and its related entries (`inContext`, ranked for the
 * question), which count double against the rest, the previous entry double
 * again. A question that stands on its own (answered, and pointing back at
 * nothing) keeps its own decision, and so does one the context does not help
 * with: then this returns `null`. A question that points back ("who ran it?")
 * but has no answer of its own and matches nothing in the context is about
 * the previous entry itself.
 */
export function decideInContext(
  standalone: Decision,
  standaloneBest: Candidate | undefined,
  inContext: readonly Candidate[],
  previousId: string,
  pointsBack: boolean,
  rule: DecisionRule = defaultDecisionRule,
): Decision | null {
  if (standalone.outcome === 'answer' && !pointsBack) return null;
  const weight = (candidate: Candidate): number => candidate.score * (candidate.id === previousId ? contextPreference : 1);
  // A question that names a related entry's subject ("what did he say about
  // out-of-hours services?") is about that entry; otherwise one that points
  // back ("what metaphor did he use?") is about the previous entry: it goes
  // first among those that match as much of the question, however briefly it
  // mentions the words.
  const referent = (candidate: Candidate): number => (pointsBack && candidate.id === previousId ? 1 : 0);
  const plausible = inContext
    .filter((candidate) => candidate.coverage >= rule.contextCoverage && (candidate.strength >= rule.contextStrength || referent(candidate) === 1))
    .filter((candidate) => !(rule.checkAskedFact && candidate.lacksAskedFact))
    .sort((a, b) => b.coverage - a.coverage || b.topic.name - a.topic.name || referent(b) - referent(a) || weight(b) - weight(a));
  const [best] = plausible;
  if (best) {
    // A question that found more of itself elsewhere, or found it much more strongly, is about something else.
    if (standalone.outcome === 'answer' && standaloneBest) {
      const elsewhere = standaloneBest.coverage > best.coverage || (standaloneBest.coverage === best.coverage && standaloneBest.score > contextPreference * best.score);
      if (elsewhere) return null;
    }
    return { outcome: 'answer', id: best.id, confidence: best.coverage >= 1 ? 'medium' : 'low', score: best.score };
  }
  if (!pointsBack || standalone.outcome === 'answer') return null;
  const previous = inContext.find((candidate) => candidate.id === previousId);
  if (rule.checkAskedFact && previous?.lacksAskedFact) return null;
  return { outcome: 'answer', id: previousId, confidence: 'low', score: previous?.score ?? 0 };
}

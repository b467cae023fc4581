import { namedRightPrefix } from '../text/create-text-processor.js';
import type { Confidence } from '../types.js';

/** What the ranking found out about one entry, for one question. */
export interface Candidate {
  id: string;
  /** The search score, lifted by closeness to one of the entry's own phrasings. */
  score: number;
  /** Share of the question's meaningful terms this entry matched (0 to 1). */
  coverage: number;
  /** The question's meaningful terms this entry did not match. */
  unmatched: string[];
  /** How closely the question matches the entry's nearest own phrasing (0 to 1). */
  similarity: number;
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
  /** How many meaningful terms the question has. */
  termCount: number;
}

/** The thresholds of {@link decideAnswer}; the defaults are {@link defaultDecisionRule}. */
export interface DecisionRule {
  /** Below this coverage by the best entry, decline: too much of the question is about something else. */
  declineCoverage: number;
  /** Coverage the best entry needs to answer. */
  answerCoverage: number;
  /** Weighted coverage (see {@link Candidate.weightedCoverage}) the best entry needs to answer. */
  answerWeightedCoverage: number;
  /** Below this search score per question term, decline: the words matched only in passing. */
  declineStrength: number;
  /** Search score per question term the best entry needs to answer. */
  answerStrength: number;
  /** What a term matched in an entry's phrasings or tags counts for, against one in its title or aliases. */
  descriptionWeight: number;
  /** What a term matched only in an entry's answer text counts for. */
  bodyWeight: number;
  /** Below this much topic, decline: nothing plausible. */
  clarifyTopic: number;
  /** Topic the best entry needs to answer; between the two, ask which was meant. */
  answerTopic: number;
  /** Score ratio over the runner-up the best entry needs to answer (unless the question is one of its phrasings). */
  answerMargin: number;
  /** Score ratio over the runner-up for `high` confidence. */
  highMargin: number;
  /** Topic for `high` confidence. */
  highTopic: number;
  /** Share of the best score another entry needs to be offered when asking which was meant. */
  clarifyShare: number;
  /** Coverage an entry in the context of the previous answer needs to answer a follow-up. */
  contextCoverage: number;
  /** Search score per question term an entry in the context needs to answer a follow-up. */
  contextStrength: number;
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

export const defaultDecisionRule: Readonly<DecisionRule> = Object.freeze({
  declineCoverage: 0.6,
  answerCoverage: 0.6,
  answerWeightedCoverage: 0,
  declineStrength: 40,
  answerStrength: 40,
  descriptionWeight: 0.6,
  bodyWeight: 0.3,
  clarifyTopic: 0,
  answerTopic: 0.4,
  answerMargin: 1.2,
  highMargin: 1.4,
  highTopic: 1,
  clarifyShare: 0.4,
  contextCoverage: 0.5,
  contextStrength: 20,
});

/** How much topic a question shares with an entry, weighing where the entry has the matched terms. */
export const topicOf = (candidate: Candidate, rule: DecisionRule): number =>
  candidate.topic.name + rule.descriptionWeight * candidate.topic.description + rule.bodyWeight * candidate.topic.body;

/**
 * Decides between answering with the best entry, asking which of a few
 * entries was meant, and declining, from the ranked candidates alone.
 */
export function decideAnswer(candidates: readonly Candidate[], rule: DecisionRule = defaultDecisionRule): Decision {
  const [best, runnerUp] = candidates;
  if (!best) return { outcome: 'decline', closeIds: [], score: null };
  const decline: Decision = { outcome: 'decline', closeIds: candidates.slice(0, 3).map((candidate) => candidate.id), score: best.score };
  // A named right the best entry does not mention ("right to manage") means
  // the question is about another policy that merely shares words with ours.
  if (best.unmatched.some((term) => term.startsWith(namedRightPrefix))) return decline;
  const topic = topicOf(best, rule);
  const strength = best.score / Math.max(1, best.termCount);
  if (best.coverage < rule.declineCoverage || strength < rule.declineStrength || topic < rule.clarifyTopic) return decline;

  const margin = runnerUp ? best.score / runnerUp.score : Infinity;
  const ownPhrasing = best.similarity >= exactPhrasing;
  if (best.coverage >= rule.answerCoverage && best.weightedCoverage >= rule.answerWeightedCoverage && strength >= rule.answerStrength && topic >= rule.answerTopic && (margin >= rule.answerMargin || ownPhrasing)) {
    // Asking one of the entry's own phrasings, or clearly out-scoring every other
    // entry with every word matched, is as sure as keyword search gets.
    const clearWinner = margin >= rule.highMargin || ownPhrasing;
    const complete = best.coverage >= 1 && topic >= rule.highTopic;
    const confidence: Confidence = complete && clearWinner ? 'high' : complete || clearWinner ? 'medium' : 'low';
    return { outcome: 'answer', id: best.id, confidence, score: best.score };
  }
  const ids = candidates
    .filter((candidate) => candidate.score >= rule.clarifyShare * best.score && candidate.coverage >= rule.declineCoverage)
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
  const plausible = inContext
    .filter((candidate) => candidate.coverage >= rule.contextCoverage && candidate.score / Math.max(1, candidate.termCount) >= rule.contextStrength)
    .sort((a, b) => b.coverage - a.coverage || weight(b) - weight(a));
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
  return { outcome: 'answer', id: previousId, confidence: 'low', score: inContext.find((candidate) => candidate.id === previousId)?.score ?? 0 };
}

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
}

/** The thresholds of {@link decideAnswer}. */
export interface DecisionRule {
  /** Share of the question the best entry must cover to answer. */
  minCoverage: number;
  /** Lowest score an answer may have. */
  minScore: number;
  /** Score ratio over the runner-up for a clear winner. */
  highMargin: number;
}

/** What to do with a question. */
export type Decision =
  | { outcome: 'answer'; id: string; confidence: Confidence }
  | { outcome: 'clarify'; ids: string[] }
  | { outcome: 'decline' };

/** Phrasing similarity at which a question counts as one of the entry's own phrasings. */
export const exactPhrasing = 0.99;

/**
 * Decides between answering with the best entry, asking which of a few
 * entries was meant, and declining, from the ranked candidates alone.
 */
export function decideAnswer(candidates: readonly Candidate[], rule: DecisionRule): Decision {
  const [best, runnerUp] = candidates;
  if (!best) return { outcome: 'decline' };
  // A named right the best entry does not mention ("right to manage") means
  // the question is about another policy that merely shares words with ours.
  const namesOtherRight = best.unmatched.some((term) => term.startsWith(namedRightPrefix));
  if (namesOtherRight || best.coverage < rule.minCoverage || best.score < rule.minScore) return { outcome: 'decline' };

  const margin = runnerUp ? best.score / runnerUp.score : Infinity;
  // Asking one of the entry's own phrasings, or clearly out-scoring every other
  // entry with every word matched, is as sure as keyword search gets.
  const clearWinner = margin >= rule.highMargin || best.similarity >= exactPhrasing;
  const confidence: Confidence = best.coverage === 1 && clearWinner ? 'high' : best.coverage === 1 || clearWinner ? 'medium' : 'low';
  return { outcome: 'answer', id: best.id, confidence };
}

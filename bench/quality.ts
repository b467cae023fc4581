import { evaluateCases, type EvalCase, type EvalReport } from '../src/index.js';
import type { BenchEngine, BuiltEngine, EngineHits, EngineSettings } from './engines/engine.js';

/** How an engine decided whether to answer. */
export type DecisionRule =
  | { kind: 'own'; description: string }
  | { kind: 'threshold'; threshold: number; description: string };

/** Quality of one engine over the question set. */
export interface QualityResult {
  engine: string;
  settings: EngineSettings;
  configuration: string;
  rule: DecisionRule;
  report: EvalReport;
  /** Share of in-scope questions whose top-ranked entry is right, never declining: the ranking alone, whatever the decision rule. */
  rankTop1: number;
}

/** Answers with the best hit when its score reaches the threshold. */
const decideByThreshold = (hits: EngineHits, threshold: number): string | null =>
  hits.best !== null && hits.best >= threshold ? (hits.ranked[0] ?? null) : null;

/** One threshold tried, and how the engine fared with it. */
export interface ThresholdTrial {
  threshold: number;
  report: EvalReport;
}

/**
 * Scores the question set at every threshold worth trying: each best score the
 * engine produced, and infinity (decline everything).
 */
export function sweepThresholds(cases: readonly EvalCase[], hitsOf: (question: string) => EngineHits): ThresholdTrial[] {
  const cached = new Map(cases.map((testCase) => [testCase.question, hitsOf(testCase.question)]));
  const candidates = [...new Set([...cached.values()].flatMap((hits) => (hits.best === null ? [] : [hits.best]))), Infinity].sort((a, b) => a - b);
  return candidates.map((threshold) => ({
    threshold,
    report: evaluateCases(cases, (question) => {
      const hits = cached.get(question)!;
      return { ranked: hits.ranked, answeredWith: decideByThreshold(hits, threshold) };
    }),
  }));
}

const correctCount = (report: EvalReport): number => report.top1 * report.inScope + report.declineRate * report.outOfScope;

/**
 * The threshold that gets the most questions right (in-scope answered
 * correctly plus out-of-scope declined); ties go to the better top-1. It is
 * chosen on the very question set it is scored on, so it is the best any fixed
 * threshold could do for that engine: generous to the peers.
 */
export function bestOverall(trials: readonly ThresholdTrial[]): ThresholdTrial {
  return trials.reduce((best, trial) => {
    const gain = correctCount(trial.report) - correctCount(best.report);
    return gain > 1e-9 || (Math.abs(gain) <= 1e-9 && trial.report.top1 > best.report.top1) ? trial : best;
  });
}

/** The threshold with the best top-1 among those declining at least `declineRate` of out-of-scope questions. */
export function bestAtDeclineRate(trials: readonly ThresholdTrial[], declineRate: number): ThresholdTrial {
  const eligible = trials.filter((trial) => trial.report.declineRate >= declineRate - 1e-9);
  return bestOverall(eligible.length > 0 ? eligible : trials.slice(-1));
}

/** The decision an engine makes for a question: its own rule or the chosen threshold. */
export function decide(engine: BuiltEngine, rule: DecisionRule, question: string): string | null {
  if (rule.kind === 'own' && engine.answer) return engine.answer(question);
  return decideByThreshold(engine.query(question), rule.kind === 'threshold' ? rule.threshold : Infinity);
}

/**
 * Measures an engine's quality on the question set. Engines with their own
 * confidence rule are scored as they decide; the others get two thresholds on
 * their top score: the best overall, and the best that declines at least as
 * many out-of-scope questions as `matchDeclineRate` (rtp-bot's rate).
 */
export function measureQuality(engine: BenchEngine, built: BuiltEngine, cases: readonly EvalCase[], settings: EngineSettings, matchDeclineRate = 1): QualityResult[] {
  const configuration = engine.describe(settings);
  const rankTop1 = evaluateCases(cases, (question) => {
    const { ranked } = built.query(question);
    return { ranked, answeredWith: ranked[0] ?? null };
  }).top1;
  const base = { engine: engine.name, settings, configuration, rankTop1 };
  if (engine.hasConfidenceRule && built.answer) {
    const answer = built.answer.bind(built);
    const report = evaluateCases(cases, (question) => ({ ranked: built.query(question).ranked, answeredWith: answer(question) }));
    return [{ ...base, rule: { kind: 'own', description: 'its own confidence rule' }, report }];
  }
  const trials = sweepThresholds(cases, (question) => built.query(question));
  const overall = bestOverall(trials);
  const matched = bestAtDeclineRate(trials, matchDeclineRate);
  return [
    { ...base, rule: { kind: 'threshold', threshold: overall.threshold, description: 'best threshold overall (most questions right)' }, report: overall.report },
    { ...base, rule: { kind: 'threshold', threshold: matched.threshold, description: `best threshold declining at least ${(matchDeclineRate * 100).toFixed(0)}% of out-of-scope questions` }, report: matched.report },
  ];
}

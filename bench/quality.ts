import {
  calibrationOf,
  defaultDecisionModel,
  evaluateCases,
  isRightOutcome,
  runAnswerer,
  runCase,
  type Answerer,
  type CalibrationBand,
  type Confidence,
  type EvalCase,
  type EvalOutcome,
  type EvalReport,
} from '../src/index.js';
import type { BenchEngine, BuiltEngine, EngineHits, EngineSettings } from './engines/engine.js';

/** How an engine decided whether to answer. */
export type DecisionRule = { kind: 'own'; description: string } | { kind: 'threshold'; threshold: number; description: string };

/** Quality of one engine over a question set. */
export interface QualityResult {
  engine: string;
  settings: EngineSettings;
  configuration: string;
  rule: DecisionRule;
  report: EvalReport;
  /** Share of in-scope questions whose top-ranked entry is right, never declining: the ranking alone, whatever the decision rule. */
  rankTop1: number;
  /**
   * Answered or one click away: share of in-scope questions answered with a
   * right entry, or not answered but with a right entry among the choices
   * offered instead: rtp-bot's clarification choices; for an engine without a
   * confidence rule, its top 3 whenever it does not answer (it cannot tell a
   * clarification from a decline, so every non-answer counts as offering them).
   */
  oneClick: number;
}

/** How many of a peer's top hits count as offered when it does not answer. */
export const peerChoiceCount = 3;

/** Answers with the best hit when its score reaches the threshold. */
const decideByThreshold = (hits: EngineHits, threshold: number): string | null => (hits.best !== null && hits.best >= threshold ? (hits.ranked[0] ?? null) : null);

/** One threshold tried, and how the engine fared with it. */
export interface ThresholdTrial {
  threshold: number;
  report: EvalReport;
}

/** Asks a peer each question (and each follow-up's earlier question) once: the sweep tries many thresholds on the same hits. */
const cachedHits = (cases: readonly EvalCase[], hitsOf: (question: string) => EngineHits): Map<string, EngineHits> =>
  new Map(cases.flatMap((testCase) => [testCase.question, ...(testCase.after === undefined ? [] : [testCase.after])]).map((question) => [question, hitsOf(question)]));

/**
 * Scores the question set at every threshold worth trying: each best score the
 * engine produced, and infinity (decline everything).
 */
export function sweepThresholds(cases: readonly EvalCase[], hitsOf: (question: string) => EngineHits): ThresholdTrial[] {
  const cached = cachedHits(cases, hitsOf);
  const candidates = [...new Set(cases.flatMap((testCase) => cached.get(testCase.question)!.best ?? [])), Infinity].sort((a, b) => a - b);
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
  if (rule.kind === 'own' && engine.answer) return engine.answer(question).entry;
  return decideByThreshold(engine.query(question), rule.kind === 'threshold' ? rule.threshold : Infinity);
}

/**
 * Scores one decision rule on a question set: the report (where the choices a
 * peer could offer are left out, so its declines count as declines), the
 * ranking alone, and answered or one click away.
 */
export function scoreRule(built: BuiltEngine, rule: DecisionRule, cases: readonly EvalCase[]): Pick<QualityResult, 'report' | 'rankTop1' | 'oneClick'> {
  const rankTop1 = evaluateCases(cases, (question) => {
    const { ranked } = built.query(question);
    return { ranked, answeredWith: ranked[0] ?? null };
  }).top1;
  if (rule.kind === 'own' && built.answer) {
    const answer = built.answer.bind(built);
    const report = evaluateCases(cases, (question, previous): EvalOutcome => {
      const decision = answer(question, previous);
      return {
        ranked: built.query(question).ranked,
        answeredWith: decision.entry,
        choices: decision.choices,
        ...(decision.covered ? { answeredEntries: decision.covered } : {}),
        gap: decision.gap ?? null,
        smallTalk: decision.smallTalk === true,
      };
    });
    return { report, rankTop1, oneClick: report.answeredOrOneClick };
  }
  const cached = cachedHits(cases, (question) => built.query(question));
  const threshold = rule.kind === 'threshold' ? rule.threshold : Infinity;
  const outcome = (question: string, offer: boolean): EvalOutcome => {
    const hits = cached.get(question)!;
    const answeredWith = decideByThreshold(hits, threshold);
    return { ranked: hits.ranked, answeredWith, choices: offer && answeredWith === null ? hits.ranked.slice(0, peerChoiceCount) : [] };
  };
  const report = evaluateCases(cases, (question) => outcome(question, false));
  return { report, rankTop1, oneClick: evaluateCases(cases, (question) => outcome(question, true)).answeredOrOneClick };
}

/**
 * The rules an engine is measured with: its own confidence rule, or two
 * thresholds on its top score picked on `cases`: the best overall, and the
 * best that declines at least as many out-of-scope questions as
 * `matchDeclineRate` (rtp-bot's rate).
 */
export function pickRules(engine: BenchEngine, built: BuiltEngine, cases: readonly EvalCase[], matchDeclineRate = 1): DecisionRule[] {
  if (engine.hasConfidenceRule && built.answer) return [{ kind: 'own', description: 'its own confidence rule' }];
  const trials = sweepThresholds(cases, (question) => built.query(question));
  const overall = bestOverall(trials);
  const matched = bestAtDeclineRate(trials, matchDeclineRate);
  return [
    { kind: 'threshold', threshold: overall.threshold, description: 'best threshold overall (most questions right)' },
    { kind: 'threshold', threshold: matched.threshold, description: `best threshold declining at least ${(matchDeclineRate * 100).toFixed(0)}% of out-of-scope questions` },
  ];
}

/** Measures an engine's quality on a question set with the given rules (see {@link pickRules}). */
export function measureQuality(engine: BenchEngine, built: BuiltEngine, cases: readonly EvalCase[], settings: EngineSettings, rules: readonly DecisionRule[]): QualityResult[] {
  const configuration = engine.describe(settings);
  return rules.map((rule) => ({ engine: engine.name, settings, configuration, rule, ...scoreRule(built, rule, cases) }));
}

/** How often rtp-bot's answers were right, by the confidence it showed them with. */
export interface ConfidenceRow {
  confidence: Confidence;
  answered: number;
  right: number;
}

/** The decision model's calibration: cross-validated on the tuned split when it was trained, and on a split it never saw. */
export interface CalibrationResult {
  /** From the shipped model: cross-validated probability bands on the tuned split (`npm run kb -- train`). */
  trained: CalibrationBand[];
  /** On the held-out split: answers by the confidence shown, and by the probability given, with how many were right. */
  heldOut: { byConfidence: ConfidenceRow[]; bands: CalibrationBand[] };
}

/**
 * Measures how well rtp-bot's probabilities and confidence words hold on
 * questions (the held-out split): of the answers shown at each confidence,
 * and in each band of probability, how many were right.
 */
export function measureCalibration(answerer: Answerer, cases: readonly EvalCase[]): CalibrationResult {
  const rows = new Map<Confidence, ConfidenceRow>((['high', 'medium', 'low'] as const).map((confidence) => [confidence, { confidence, answered: 0, right: 0 }]));
  const probabilities: number[] = [];
  const rights: (0 | 1)[] = [];
  const run = runAnswerer(answerer);
  for (const testCase of cases) {
    const previous = testCase.after === undefined ? null : answerer.ask(testCase.after).entryId;
    const answer = answerer.ask(testCase.question, { previous });
    if (answer.status !== 'answered' || answer.confidence === null) continue;
    const right = isRightOutcome(testCase, runCase(testCase, run));
    const row = rows.get(answer.confidence)!;
    row.answered++;
    if (right) row.right++;
    if (typeof answer.probability === 'number') {
      probabilities.push(answer.probability);
      rights.push(right ? 1 : 0);
    }
  }
  return { trained: defaultDecisionModel().training.calibration, heldOut: { byConfidence: [...rows.values()], bands: calibrationOf(probabilities, rights) } };
}

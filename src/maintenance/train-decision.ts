import { createHash } from 'node:crypto';
import { clarifyChoices, type Candidate } from '../engine/decide-answer.js';
import { decisionFeatures, featuresOf, gapFeatures, gapFeaturesOf, type QuestionSignals } from '../engine/decision-features.js';
import {
  applyCalibration,
  fitLogistic,
  logit,
  predictProbability,
  untrainedDecisionModel,
  type CalibrationBand,
  type DecisionModel,
  type LogisticModel,
} from '../engine/decision-model.js';
import { expectedIds, type EvalCase } from '../eval/evaluate.js';

/** What the decision sees of one question: its ranking and what it asks for. */
export interface QuestionAnalysis {
  candidates: Candidate[];
  signals: QuestionSignals;
}

/** What a question set case teaches the decision: the features of its ranking, and what answering would have been. */
export interface DecisionRow {
  features: number[];
  /** 1 when the best-ranked entry answers it (for a near miss asking for a missing detail: the entry covering its subject). */
  top: 0 | 1;
  /** 1 when an entry that answers it is among the choices a clarification would offer. */
  topThree: 0 | 1;
  /** What the case expects, for the decision's figures. */
  expect: 'entry' | 'gap' | 'decline' | 'vague';
  /** The honest-gap features of an answer with the best entry, when the question asks for a kind of detail. */
  gapFeatures: number[] | null;
  /** Whether the best entry's answer says itself that the sources lack the detail asked for (an answer always says so then). */
  gapStated: boolean;
  /** The fold the case falls in, by a hash of its text. */
  fold: number;
}

/** The fold of a question: a hash of its text (and the question before it), so folds never change between runs. */
export const foldOf = (testCase: Pick<EvalCase, 'question' | 'after'>, folds: number): number =>
  createHash('sha256')
    .update(`${testCase.question}\u0000${testCase.after ?? ''}`)
    .digest()
    .readUInt32BE(0) % folds;

/**
 * The rows a question set gives the decision model. Follow-ups (read
 * against the conversation), comparisons (each side is decided on its own)
 * and small talk (never reaches the decision) teach it nothing and are left out.
 */
export function decisionRowsOf(cases: readonly EvalCase[], analyse: (question: string) => QuestionAnalysis, folds: number): DecisionRow[] {
  const rows: DecisionRow[] = [];
  for (const testCase of cases) {
    if (testCase.after !== undefined || testCase.together !== undefined || testCase.expect === 'small_talk') continue;
    const { candidates, signals } = analyse(testCase.question);
    const features = featuresOf(candidates, signals);
    // A question that matches nothing is always declined: there is no decision to learn.
    if (features === null) continue;
    const expected = expectedIds(testCase) ?? [];
    const choices = clarifyChoices(candidates);
    rows.push({
      features,
      top: expected.includes(candidates[0]!.id) ? 1 : 0,
      topThree: choices.some((id) => expected.includes(id)) ? 1 : 0,
      expect: testCase.expect === 'decline' ? 'decline' : testCase.expect === 'vague' ? 'vague' : testCase.gap !== undefined ? 'gap' : 'entry',
      gapFeatures: gapFeaturesOf(candidates[0]!, signals),
      gapStated: candidates[0]!.statesAskedGap,
      fold: foldOf(testCase, folds),
    });
  }
  return rows;
}

/** The figures of the decision on some rows, under some thresholds. */
export interface DecisionTally {
  questions: number;
  /** Cases expecting an entry (gap cases included). */
  inScope: number;
  /** Answered with a right entry; for a gap case, answered saying the detail is missing, or declined. */
  right: number;
  /** Not answered right, but clarified with a right entry among the choices. */
  oneClick: number;
  /** Out-of-scope cases declined plainly. */
  outOfScope: number;
  declined: number;
  vague: number;
  vagueNotAnswered: number;
  /** Answers that are wrong: a wrong entry, an answer to an out-of-scope or vague case, or a gap case answered as if the detail were there. */
  wrong: number;
}

/** Whether answering a row with its best entry is right: for a gap case, only when the answer says the detail is missing; otherwise, only when it does not. */
const answeringIsRight = (row: DecisionRow, saysGap: boolean): boolean => row.top === 1 && (row.expect === 'gap' ? saysGap : row.expect === 'entry' && !saysGap);

/**
 * The decision's outcome for each row under some thresholds, scored.
 * `saysGap[i]`: whether an answer to row i would say its detail is missing.
 */
export function tallyDecisions(
  rows: readonly DecisionRow[],
  probabilities: readonly { top: number; topThree: number }[],
  answer: number,
  clarify: number,
  saysGap: readonly boolean[] = [],
): DecisionTally {
  const tally: DecisionTally = { questions: rows.length, inScope: 0, right: 0, oneClick: 0, outOfScope: 0, declined: 0, vague: 0, vagueNotAnswered: 0, wrong: 0 };
  rows.forEach((row, i) => {
    const { top, topThree } = probabilities[i]!;
    const outcome = top >= answer ? 'answer' : topThree >= clarify ? 'clarify' : 'decline';
    if (row.expect === 'decline') {
      tally.outOfScope++;
      if (outcome === 'answer') tally.wrong++;
      else if (outcome === 'decline') tally.declined++;
    } else if (row.expect === 'vague') {
      tally.vague++;
      if (outcome === 'answer') tally.wrong++;
      else tally.vagueNotAnswered++;
    } else {
      tally.inScope++;
      if (outcome === 'answer') {
        if (answeringIsRight(row, saysGap[i] ?? false)) tally.right++;
        // A false "my sources don't give…" on the right entry is not right, but not a wrong answer either.
        else if (!(row.top === 1 && row.expect === 'entry')) tally.wrong++;
      } else if (outcome === 'decline' && row.expect === 'gap') tally.right++;
      else if (outcome === 'clarify' && row.topThree === 1) tally.oneClick++;
    }
  });
  return tally;
}

/** Options for {@link trainDecisionModel}; defaults in {@link defaultTrainingOptions}. */
export interface TrainingOptions {
  /**
   * Folds of the cross-validation: each fold's probabilities come from a model fitted on the others.
   * @default 5
   */
  folds: number;
  /**
   * L2 penalties tried; the one with the lowest cross-validated log-loss is kept.
   * @default [0.1, 0.3, 1, 3, 10]
   */
  l2: number[];
  /**
   * What a wrong answer costs against a right one (worth 2), a clarification offering the right entry (1) and a plain decline of a near miss (1).
   * @default 4
   */
  wrongCost: number;
  /**
   * What a plain decline of an out-of-scope question is worth against a right answer (2): as much, since
   * offering choices to a question the bot cannot answer sends the asker down a blind alley.
   * @default 2
   */
  declineWorth: number;
  /**
   * The share of right answers a confidence word promises, on the cross-validated probabilities: high, then medium.
   * @default [0.95, 0.85]
   */
  precision: [number, number];
}

/** The defaults of every {@link TrainingOptions} field. */
export const defaultTrainingOptions: Readonly<TrainingOptions> = Object.freeze({
  folds: 5,
  l2: [0.1, 0.3, 1, 3, 10],
  wrongCost: 4,
  declineWorth: 2,
  precision: [0.95, 0.85] as [number, number],
});

/** What training gives: the model, and the cross-validated figures that say what to expect of it on new questions. */
export interface TrainingResult {
  model: DecisionModel;
  /** Each row's probabilities from the model fitted without its fold. */
  crossValidated: { top: number; topThree: number }[];
  /** The decision's figures on those probabilities, under the chosen thresholds. */
  tally: DecisionTally;
  rows: DecisionRow[];
}

/** The calibration that leaves probabilities as they are. */
const identityCalibration = { slope: 1, intercept: 0 };

/**
 * Fits the calibration line on held-back probabilities against whether answering was right (Platt scaling).
 * Too few or one-sided held-back results (a small knowledge base) give a line that would not keep the order of
 * the probabilities, so they leave the probabilities as they are.
 */
function fitCalibration(probabilities: readonly number[], right: readonly boolean[]): { slope: number; intercept: number } {
  if (right.every((ok) => ok) || right.every((ok) => !ok)) return identityCalibration;
  const fitted = fitLogistic(
    probabilities.map((p) => [logit(p)]),
    right.map((ok): 0 | 1 => (ok ? 1 : 0)),
    { l2: 0.01 },
  );
  // The fit standardises its one feature: fold that back into a slope and an intercept on the raw log-odds.
  const slope = fitted.weights[0]! / fitted.scales[0]!;
  if (!(slope > 0) || !Number.isFinite(slope)) return identityCalibration;
  return { slope: Number(slope.toPrecision(6)), intercept: Number((fitted.bias - slope * fitted.means[0]!).toPrecision(6)) };
}

const logLoss = (p: number, y: 0 | 1): number => -Math.log(Math.max(1e-9, y === 1 ? p : 1 - p));

/** Cross-validated probabilities of one model kind (the top entry, or the top three) under one L2 penalty. */
function crossValidate(rows: readonly DecisionRow[], label: 'top' | 'topThree', l2: number, folds: number): number[] {
  const out = new Array<number>(rows.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const train = rows.filter((row) => row.fold !== fold);
    const model = fitLogistic(
      train.map((row) => row.features),
      train.map((row) => row[label]),
      { l2 },
    );
    rows.forEach((row, i) => {
      if (row.fold === fold) out[i] = predictProbability(model, row.features);
    });
  }
  return out;
}

/** The band edges of the calibration table. */
const bandEdges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.000001];

/** A calibration table: for each band of predicted probability, how many predictions fell in it and how many were right. */
export function calibrationOf(probabilities: readonly number[], labels: readonly (0 | 1)[]): CalibrationBand[] {
  const bands: CalibrationBand[] = [];
  for (let b = 0; b + 1 < bandEdges.length; b++) {
    const from = bandEdges[b]!;
    const to = bandEdges[b + 1]!;
    const inBand = probabilities.map((p, i) => [p, labels[i]!] as const).filter(([p]) => p >= from && p < to);
    if (inBand.length === 0) continue;
    const round = (value: number): number => Math.round(value * 1000) / 1000;
    bands.push({
      from,
      to: Math.min(1, to),
      count: inBand.length,
      predicted: round(inBand.reduce((sum, [p]) => sum + p, 0) / inBand.length),
      observed: round(inBand.filter(([, y]) => y === 1).length / inBand.length),
    });
  }
  return bands;
}

/** The lowest threshold (at least `floor`) above which at least `share` of the answers were right, over at least `minimum` of them; 1 when none is. */
function thresholdFor(probabilities: readonly number[], rightIfAnswered: readonly boolean[], share: number, floor: number, minimum = 15): number {
  const answered = probabilities
    .map((p, i) => [p, rightIfAnswered[i]!] as const)
    .filter(([p]) => p >= floor)
    .sort((a, b) => b[0] - a[0]);
  let best = 1;
  let right = 0;
  answered.forEach(([p, ok], i) => {
    if (ok) right++;
    const next = answered[i + 1];
    if (i + 1 >= minimum && right / (i + 1) >= share && (next === undefined || next[0] < p)) best = p;
  });
  return Math.max(floor, best);
}

const rounded = (model: LogisticModel): LogisticModel => {
  const r = (value: number): number => Number(value.toPrecision(6));
  return { means: model.means.map(r), scales: model.scales.map(r), weights: model.weights.map(r), bias: r(model.bias) };
};

/**
 * Trains the decision model on question set rows: for each kind of model,
 * the L2 penalty with the lowest cross-validated log-loss; the answer and
 * clarify thresholds that score best on the cross-validated probabilities
 * (right answers count 2, a clarification with the right choice or a plain
 * decline of a near miss 1, a wrong answer `-wrongCost`); the confidence
 * thresholds from how often answers above them were right; and the model
 * itself fitted on every row.
 */
export function trainDecisionModel(rows: readonly DecisionRow[], options: Partial<TrainingOptions> = {}): TrainingResult {
  const { folds, l2: penalties, wrongCost, declineWorth, precision } = { ...defaultTrainingOptions, ...options };
  const choose = (label: 'top' | 'topThree'): { l2: number; probabilities: number[] } => {
    let best = { l2: penalties[0]!, probabilities: [] as number[], loss: Infinity };
    for (const l2 of penalties) {
      const probabilities = crossValidate(rows, label, l2, folds);
      const loss = probabilities.reduce((sum, p, i) => sum + logLoss(p, rows[i]![label]), 0);
      if (loss < best.loss) best = { l2, probabilities, loss };
    }
    return best;
  };
  const top = choose('top');
  const topThree = choose('topThree');

  // The honest-gap model learns from the questions whose best entry covers their subject and that ask for a kind of detail.
  const gapRows = rows.filter((row) => row.top === 1 && row.gapFeatures !== null && !row.gapStated && row.expect !== 'decline' && row.expect !== 'vague');
  const gapLabels = gapRows.map((row): 0 | 1 => (row.expect === 'gap' ? 1 : 0));
  const gapProbabilities = new Map<DecisionRow, number>();
  for (let fold = 0; fold < folds; fold++) {
    const train = gapRows.filter((row) => row.fold !== fold);
    const model = fitLogistic(
      train.map((row) => row.gapFeatures!),
      train.map((row) => (row.expect === 'gap' ? 1 : 0)),
      { l2: 1 },
    );
    for (const row of gapRows) if (row.fold === fold) gapProbabilities.set(row, predictProbability(model, row.gapFeatures!));
  }
  let gapThreshold = { value: 1, score: -Infinity };
  for (let value = 0.05; value <= 1.0001; value += 0.025) {
    // Saying "my sources don't give…" wrongly loses a right answer (2); not saying it when it is true is a wrong answer.
    const score = gapRows.reduce((sum, row) => {
      const says = gapProbabilities.get(row)! >= value;
      return sum + (row.expect === 'gap' ? (says ? 2 : -wrongCost) : says ? 0 : 2);
    }, 0);
    if (score > gapThreshold.score + 1e-9) gapThreshold = { value: Number(value.toFixed(3)), score };
  }
  const saysGap = rows.map((row) => row.gapStated || (gapProbabilities.get(row) ?? 0) >= gapThreshold.value);
  const rightIfAnswered = rows.map((row, i) => answeringIsRight(row, saysGap[i]!));

  // The model's raw probability is over-confident (it learns whether the best entry is right, not whether the
  // answer is); a line fitted on its held-back log-odds against how often answering was right makes "0.9" mean
  // about nine in ten. It keeps the order, so it changes no decision, only what the numbers say.
  const calibrate = fitCalibration(top.probabilities, rightIfAnswered);
  const crossValidated = top.probabilities.map((p, i) => {
    const calibrated = applyCalibration(calibrate, p);
    return { top: calibrated, topThree: Math.max(calibrated, topThree.probabilities[i]!) };
  });

  const grid = Array.from({ length: 39 }, (_, i) => 0.05 + i * 0.025);
  let chosen = { answer: 0.5, clarify: 0.5, score: -Infinity };
  for (const answer of grid) {
    for (const clarify of grid) {
      const tally = tallyDecisions(rows, crossValidated, answer, clarify, saysGap);
      const score = 2 * tally.right + tally.oneClick + declineWorth * tally.declined + tally.vagueNotAnswered - wrongCost * tally.wrong;
      // Ties go to the more careful thresholds.
      if (score > chosen.score + 1e-9) chosen = { answer, clarify, score };
    }
  }
  const high = thresholdFor(
    crossValidated.map((p) => p.top),
    rightIfAnswered,
    precision[0],
    chosen.answer,
  );
  const medium = Math.min(
    high,
    thresholdFor(
      crossValidated.map((p) => p.top),
      rightIfAnswered,
      precision[1],
      chosen.answer,
    ),
  );
  const l2 = top.l2;
  const model: DecisionModel = {
    features: [...decisionFeatures],
    top: rounded(
      fitLogistic(
        rows.map((row) => row.features),
        rows.map((row) => row.top),
        { l2 },
      ),
    ),
    topThree: rounded(
      fitLogistic(
        rows.map((row) => row.features),
        rows.map((row) => row.topThree),
        { l2: topThree.l2 },
      ),
    ),
    gapFeatures: [...gapFeatures],
    // With no question asking for a kind of detail, there is nothing to learn: the model never says a detail is missing.
    gap:
      gapRows.length > 0
        ? rounded(
            fitLogistic(
              gapRows.map((row) => row.gapFeatures!),
              gapLabels,
              { l2: 1 },
            ),
          )
        : untrainedDecisionModel(decisionFeatures, gapFeatures).gap,
    calibrate,
    thresholds: { answer: chosen.answer, clarify: chosen.clarify, high: Number(high.toFixed(4)), medium: Number(medium.toFixed(4)), gap: gapThreshold.value },
    training: {
      questions: rows.length,
      folds,
      l2,
      calibration: calibrationOf(
        crossValidated.map((p) => p.top),
        rightIfAnswered.map((ok) => (ok ? 1 : 0)),
      ),
    },
  };
  return { model, crossValidated, tally: tallyDecisions(rows, crossValidated, chosen.answer, chosen.clarify, saysGap), rows: [...rows] };
}

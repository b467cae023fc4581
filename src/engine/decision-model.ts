import * as z from 'zod';
import { RtpError } from '../errors.js';

/**
 * A logistic regression over standardised features: the probability is
 * `1 / (1 + e^-(bias + Σ weight·(x − mean) / scale))`.
 */
export interface LogisticModel {
  /** Each feature's mean on the training questions. */
  means: number[];
  /** Each feature's spread on the training questions (never 0). */
  scales: number[];
  weights: number[];
  bias: number;
}

/** One row of a calibration table: of the held-back predictions in a band of probability, how many were right. */
export interface CalibrationBand {
  /** The band: predictions `from` ≤ p < `to`. */
  from: number;
  to: number;
  /** Predictions in the band. */
  count: number;
  /** Their mean probability. */
  predicted: number;
  /** The share of them that were right. */
  observed: number;
}

/**
 * The learned answer / clarify / decline decision: two calibrated
 * probabilities worked out from the ranking's features, and the thresholds
 * that turn them into a decision and into confidence words. Written by
 * `npm run kb -- train` (see DESIGN.md), read at start-up.
 */
export interface DecisionModel {
  /** The names of the features, in the order the models take them (see decision-features.ts). */
  features: string[];
  /** The probability that the best-ranked entry answers the question. */
  top: LogisticModel;
  /** The probability that an entry answering the question is among the three best-ranked. */
  topThree: LogisticModel;
  /**
   * The line that turns the top model's log-odds into a calibrated probability that an answer is right
   * (Platt scaling, fitted on held-back probabilities): `1 / (1 + e^-(slope · logit(p) + intercept))`.
   */
  calibrate: { slope: number; intercept: number };
  /** The names of the honest-gap features, in the order the gap model takes them. */
  gapFeatures: string[];
  /** The probability that the question asks for a detail the answering entry does not give (an honest partial answer). */
  gap: LogisticModel;
  thresholds: {
    /** Answer when the top probability is at least this. */
    answer: number;
    /** Otherwise, ask which of the best entries was meant when the top-three probability is at least this; else decline. */
    clarify: number;
    /** An answer is shown with high confidence from this top probability… */
    high: number;
    /** …and with medium confidence from this one (below it, low). */
    medium: number;
    /** An answer says first that its sources don't give the detail asked for when the gap probability is at least this. */
    gap: number;
  };
  /** How the model was trained, for people reading the file. */
  training: {
    questions: number;
    folds: number;
    l2: number;
    /** Cross-validated calibration of the top probability on the training questions. */
    calibration: CalibrationBand[];
  };
}

const numbers = z.array(z.number().finite());
const logisticSchema = z.strictObject({ means: numbers, scales: numbers, weights: numbers, bias: z.number().finite() });
const probability = z.number().min(0).max(1);
const modelSchema = z.strictObject({
  features: z.array(z.string().min(1)).min(1),
  top: logisticSchema,
  topThree: logisticSchema,
  calibrate: z.strictObject({ slope: z.number().finite().positive(), intercept: z.number().finite() }),
  gapFeatures: z.array(z.string().min(1)).min(1),
  gap: logisticSchema,
  thresholds: z.strictObject({ answer: probability, clarify: probability, high: probability, medium: probability, gap: probability }),
  training: z.strictObject({
    questions: z.number().int().nonnegative(),
    folds: z.number().int().nonnegative(),
    l2: z.number().nonnegative(),
    calibration: z.array(z.strictObject({ from: probability, to: probability, count: z.number().int().nonnegative(), predicted: probability, observed: probability })),
  }),
});

/**
 * Checks a decision model read from JSON against the features the engine computes.
 * @throws {RtpError} `MODEL_INVALID`, saying what is wrong and how to mend it (retrain).
 */
export function readDecisionModel(value: unknown, expectedFeatures: readonly string[], expectedGapFeatures: readonly string[], where: string): DecisionModel {
  const parsed = modelSchema.safeParse(value);
  const fail = (message: string): never => {
    throw new RtpError('MODEL_INVALID', `rtp-bot: ${where}: ${message}. Run \`npm run kb -- train --write\` to train it again.`);
  };
  if (!parsed.success) fail(parsed.error.issues.map((issue) => `"${issue.path.join('.')}" ${issue.message}`).join('; '));
  const model = parsed.data as DecisionModel;
  if (model.features.join(',') !== expectedFeatures.join(','))
    fail(`its features (${model.features.join(', ')}) are not the ones the engine computes (${expectedFeatures.join(', ')})`);
  if (model.gapFeatures.join(',') !== expectedGapFeatures.join(','))
    fail(`its gap features (${model.gapFeatures.join(', ')}) are not the ones the engine computes (${expectedGapFeatures.join(', ')})`);
  for (const [name, part, n] of [
    ['top', model.top, expectedFeatures.length],
    ['topThree', model.topThree, expectedFeatures.length],
    ['gap', model.gap, expectedGapFeatures.length],
  ] as const) {
    if (part.means.length !== n || part.scales.length !== n || part.weights.length !== n) fail(`"${name}" must have ${n} means, scales and weights`);
    if (part.scales.some((scale) => scale <= 0)) fail(`"${name}.scales" must all be positive`);
  }
  return model;
}

/** A model that knows nothing yet (every probability ½): what training starts from, when no trained model fits the features. */
export function untrainedDecisionModel(features: readonly string[], gapFeatures: readonly string[]): DecisionModel {
  const blank = (names: readonly string[]): LogisticModel => ({ means: names.map(() => 0), scales: names.map(() => 1), weights: names.map(() => 0), bias: 0 });
  return {
    features: [...features],
    top: blank(features),
    topThree: blank(features),
    calibrate: { slope: 1, intercept: 0 },
    gapFeatures: [...gapFeatures],
    gap: blank(gapFeatures),
    thresholds: { answer: 0.5, clarify: 0.5, high: 1, medium: 1, gap: 1 },
    training: { questions: 0, folds: 0, l2: 0, calibration: [] },
  };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The log-odds of a probability, kept finite at 0 and 1. */
export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/** A probability through a calibration line (see {@link DecisionModel.calibrate}). */
export function applyCalibration(calibrate: { slope: number; intercept: number }, p: number): number {
  return sigmoid(calibrate.slope * logit(p) + calibrate.intercept);
}

/** The probability a logistic model gives for one row of features. */
export function predictProbability(model: LogisticModel, features: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i]! * ((features[i] ?? 0) - model.means[i]!)) / model.scales[i]!;
  return sigmoid(z);
}

/** Options for {@link fitLogistic}. */
export interface FitOptions {
  /**
   * Strength of the L2 penalty on the weights (not the bias), against
   * over-fitting a few hundred questions.
   * @default 1
   */
  l2: number;
  /**
   * Newton steps at most; it stops earlier once the weights settle.
   * @default 50
   */
  maxSteps: number;
}

/** The defaults of every {@link FitOptions} field. */
export const defaultFitOptions: Readonly<FitOptions> = Object.freeze({ l2: 1, maxSteps: 50 });

/**
 * Fits an L2-penalised logistic regression by Newton's method
 * (iteratively reweighted least squares) on standardised features.
 * Deterministic: the same rows give the same model.
 */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly (0 | 1)[], options: Partial<FitOptions> = {}): LogisticModel {
  const { l2, maxSteps } = { ...defaultFitOptions, ...options };
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => (n === 0 ? 0 : rows.reduce((sum, row) => sum + row[j]!, 0) / n));
  const scales = means.map((mean, j) => {
    const variance = n === 0 ? 0 : rows.reduce((sum, row) => sum + (row[j]! - mean) ** 2, 0) / n;
    return Math.sqrt(variance) > 1e-9 ? Math.sqrt(variance) : 1;
  });
  // Column 0 is the bias, unpenalised.
  const x = rows.map((row) => [1, ...row.map((value, j) => (value - means[j]!) / scales[j]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  for (let step = 0; step < maxSteps; step++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const p = sigmoid(xi.reduce((sum, value, j) => sum + value * beta[j]!, 0));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += (labels[i]! - p) * xi[j]!;
        for (let k = j; k <= d; k++) hessian[j]![k]! += w * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) {
      for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
      if (j > 0) {
        gradient[j]! -= l2 * beta[j]!;
        hessian[j]![j]! += l2;
      }
    }
    const delta = solveLinear(hessian, gradient);
    beta = beta.map((value, j) => value + delta[j]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-8) break;
  }
  return { means, scales, weights: beta.slice(1), bias: beta[0]! };
}

/** Solves `a · x = b` by Gaussian elimination with partial pivoting (a is small and, here, positive definite). */
function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let row = col + 1; row < n; row++) {
      const factor = m[row]![col]! / lead;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = m[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= m[row]![k]! * x[k]!;
    x[row] = Math.abs(m[row]![row]!) < 1e-12 ? 0 : sum / m[row]![row]!;
  }
  return x;
}

import { decisionFeatures, gapFeatures } from '../../src/engine/decision-features.js';
import type { DecisionModel, LogisticModel } from '../../src/engine/decision-model.js';

/** A logistic model that reads only some features, each with its weight (features on their own scale). */
const reading = (names: readonly string[], weights: Readonly<Record<string, number>>, bias: number): LogisticModel => ({
  means: names.map(() => 0),
  scales: names.map(() => 1),
  weights: names.map((name) => weights[name] ?? 0),
  bias,
});

/**
 * A made-up decision model for the decision tests, easy to reason about: the
 * best entry's probability rises with its coverage and its lead over the
 * runner-up (all of a question covered and a clear lead: about 1; all of it
 * but a tie: 0.75; a third of it: about 0); one of the best three is right
 * whenever the best covers most of the question; and an answer says a detail
 * is missing exactly when the question asks for one the entry does not state.
 */
export function makeDecisionModel(): DecisionModel {
  return {
    features: [...decisionFeatures],
    top: reading(decisionFeatures, { coverage: 20, margin: 4 }, -19),
    topThree: reading(decisionFeatures, { coverage: 20 }, -14),
    calibrate: { slope: 1, intercept: 0 },
    gapFeatures: [...gapFeatures],
    gap: reading(gapFeatures, { states: -10 }, 5),
    thresholds: { answer: 0.8, clarify: 0.5, high: 0.99, medium: 0.9, gap: 0.5 },
    training: { questions: 0, folds: 0, l2: 0, calibration: [] },
  };
}

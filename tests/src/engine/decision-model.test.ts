import { describe, expect, it } from 'vitest';
import { decisionFeatures, gapFeatures } from '../../../src/engine/decision-features.js';
import { fitLogistic, predictProbability, readDecisionModel, untrainedDecisionModel } from '../../../src/engine/decision-model.js';
import shipped from '../../../src/engine/decision-model.json' with { type: 'json' };

describe('fitLogistic', () => {
  it('learns a separating feature, and the same rows always give the same model', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2, (i * 7) % 5]);
    const labels = rows.map(([first]) => (first === 1 ? 1 : 0) as 0 | 1);
    const model = fitLogistic(rows, labels, { l2: 0.1 });
    expect(predictProbability(model, [1, 2])).toBeGreaterThan(0.9);
    expect(predictProbability(model, [0, 2])).toBeLessThan(0.1);
    expect(fitLogistic(rows, labels, { l2: 0.1 })).toEqual(model);
  });

  it('shrinks the weights with a stronger penalty', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2]);
    const labels = rows.map(([first]) => (first === 1 ? 1 : 0) as 0 | 1);
    expect(Math.abs(fitLogistic(rows, labels, { l2: 100 }).weights[0]!)).toBeLessThan(Math.abs(fitLogistic(rows, labels, { l2: 0.1 }).weights[0]!));
  });
});

describe('readDecisionModel', () => {
  it('accepts the shipped model, which fits the features the engine computes', () => {
    expect(readDecisionModel(shipped, decisionFeatures, gapFeatures, 'shipped').features).toEqual([...decisionFeatures]);
  });

  it('refuses a model for other features, or a malformed one, saying how to mend it', () => {
    const model = untrainedDecisionModel(decisionFeatures, gapFeatures);
    expect(() => readDecisionModel({ ...model, features: ['coverage'] }, decisionFeatures, gapFeatures, 'm.json')).toThrow(
      /^rtp-bot: m\.json: its features \(coverage\) are not the ones the engine computes .*Run `npm run kb -- train --write` to train it again\.$/s,
    );
    expect(() => readDecisionModel({ ...model, thresholds: { ...model.thresholds, answer: 2 } }, decisionFeatures, gapFeatures, 'm.json')).toThrow(/"thresholds\.answer"/);
    expect(() => readDecisionModel({ ...model, top: { ...model.top, scales: model.top.scales.map(() => 0) } }, decisionFeatures, gapFeatures, 'm.json')).toThrow(
      /"top\.scales" must all be positive/,
    );
    expect(() => readDecisionModel(null, decisionFeatures, gapFeatures, 'm.json')).toThrow(/MODEL_INVALID|m\.json/);
  });
});

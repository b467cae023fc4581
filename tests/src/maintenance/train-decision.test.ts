import { describe, expect, it } from 'vitest';
import { decisionFeatures } from '../../../src/engine/decision-features.js';
import { calibrationOf, tallyDecisions, trainDecisionModel, type DecisionRow } from '../../../src/maintenance/train-decision.js';

/** A made-up row: its first feature says how clear the question is; the rest are noise-free zeros. */
const row = (clarity: number, change: Partial<DecisionRow>, fold: number): DecisionRow => ({
  features: decisionFeatures.map((_, i) => (i === 0 ? clarity : 0)),
  top: 1,
  topThree: 1,
  expect: 'entry',
  gapFeatures: null,
  gapStated: false,
  fold,
  ...change,
});

describe('tallyDecisions', () => {
  const rows: DecisionRow[] = [
    row(1, {}, 0),
    row(1, { top: 0 }, 0),
    row(0.5, {}, 0),
    row(0, { expect: 'decline', top: 0, topThree: 0 }, 0),
    row(1, { expect: 'gap' }, 0),
    row(1, { expect: 'gap' }, 0),
    row(1, {}, 0),
  ];
  const p = (top: number, topThree = top) => ({ top, topThree });

  it('scores each row as the decision would have answered it', () => {
    const tally = tallyDecisions(rows, [p(0.9), p(0.9), p(0.4, 0.7), p(0.1), p(0.9), p(0.9), p(0.9)], 0.8, 0.5, [false, false, false, false, true, false, true]);
    // Right: the first, the honest gap; wrong: a wrong entry, and a gap answered as if the detail were there; one click: the clarified one;
    // a false "my sources don't give…" on a right entry is neither.
    expect(tally).toEqual({ questions: 7, inScope: 6, right: 2, oneClick: 1, outOfScope: 1, declined: 1, vague: 0, vagueNotAnswered: 0, wrong: 2 });
  });

  it('counts a plain decline of a gap case as handled', () => {
    expect(tallyDecisions([row(1, { expect: 'gap' }, 0)], [p(0.1)], 0.8, 0.5).right).toBe(1);
  });
});

describe('calibrationOf', () => {
  it('bands the probabilities and gives the share right in each band', () => {
    expect(calibrationOf([0.05, 0.07, 0.92, 0.97, 0.99], [0, 1, 1, 1, 0])).toEqual([
      { from: 0, to: 0.1, count: 2, predicted: 0.06, observed: 0.5 },
      { from: 0.9, to: 0.95, count: 1, predicted: 0.92, observed: 1 },
      { from: 0.95, to: 1, count: 2, predicted: 0.98, observed: 0.5 },
    ]);
  });
});

describe('trainDecisionModel', () => {
  // Clear questions are answered right; unclear ones are near misses.
  const rows = Array.from({ length: 200 }, (_, i) => {
    const clear = i % 4 !== 0;
    return row(clear ? 0.8 + (i % 5) * 0.04 : 0.1 + (i % 5) * 0.04, clear ? {} : { expect: 'decline', top: 0, topThree: 0 }, i % 5);
  });
  const result = trainDecisionModel(rows, { l2: [1] });

  it('answers what the cross-validated probabilities say it can, and declines the rest', () => {
    expect(result.tally).toMatchObject({ inScope: 150, right: 150, wrong: 0, outOfScope: 50, declined: 50 });
    expect(result.model.thresholds.answer).toBeGreaterThan(0);
    expect(result.model.features).toEqual([...decisionFeatures]);
    expect(result.crossValidated).toHaveLength(200);
  });

  it('keeps a calibration table of the held-back predictions, and promises high confidence only where it was earned', () => {
    const counted = result.model.training.calibration.reduce((sum, band) => sum + band.count, 0);
    expect(counted).toBe(200);
    expect(result.model.thresholds.high).toBeGreaterThanOrEqual(result.model.thresholds.medium);
    expect(result.model.thresholds.medium).toBeGreaterThanOrEqual(result.model.thresholds.answer);
  });
});

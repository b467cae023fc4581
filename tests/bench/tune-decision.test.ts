import { describe, expect, it } from 'vitest';
import { crossValidate, foldOf, objectiveOf, rulesOf, type Tally } from '../../bench/tune-decision.js';
import { defaultDecisionRule } from '../../src/engine/decide-answer.js';

const tally = (change: Partial<Tally>): Tally => ({ answeredCorrectly: 0, rightChoiceOffered: 0, declined: 0, vagueNotAnswered: 0, wrongAnswers: 0, clarified: 0, honestGaps: 0, smallTalkReplied: 0, inScope: 0, outOfScope: 0, vague: 0, ...change });

describe('rulesOf', () => {
  it('makes every combination of the values tried, keeping the other settings at their defaults', () => {
    const rules = rulesOf({ minCoverage: [0.5, 0.6], answerMargin: [1, 1.1, 1.2] });
    expect(rules).toHaveLength(6);
    expect(new Set(rules.map((rule) => `${rule.minCoverage}/${rule.answerMargin}`)).size).toBe(6);
    expect(rules.every((rule) => rule.minStrength === defaultDecisionRule.minStrength)).toBe(true);
  });
});

describe('foldOf', () => {
  it('puts a question in the same fold every time, and spreads questions over all folds', () => {
    const questions = Array.from({ length: 200 }, (_, index) => ({ question: `question ${index}` }));
    expect(questions.map((question) => foldOf(question, 5))).toEqual(questions.map((question) => foldOf(question, 5)));
    expect(new Set(questions.map((question) => foldOf(question, 5)))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(foldOf({ question: 'q', after: 'a' }, 1000)).not.toBe(foldOf({ question: 'q' }, 1000));
  });
});

describe('objectiveOf', () => {
  it('counts a right answer twice (answered, and one click away), a right choice, a decline and a vague question once, and a wrong answer minus three', () => {
    expect(objectiveOf(tally({ answeredCorrectly: 1 }))).toBe(2);
    expect(objectiveOf(tally({ rightChoiceOffered: 1, declined: 1, vagueNotAnswered: 1 }))).toBe(3);
    expect(objectiveOf(tally({ wrongAnswers: 1 }))).toBe(-3);
  });
});

describe('crossValidate', () => {
  const rules = rulesOf({ answerMargin: [1, 2] });
  // Rule 0 does well on folds 0 and 1 and badly on fold 2; rule 1 is steady.
  const tallies = [
    [tally({ answeredCorrectly: 5 }), tally({ answeredCorrectly: 5 }), tally({ wrongAnswers: 4 })],
    [tally({ answeredCorrectly: 3 }), tally({ answeredCorrectly: 3 }), tally({ answeredCorrectly: 3 })],
  ];

  it('measures each fold under the rule chosen on the other folds, and reports the best rule in-sample', () => {
    const tuning = crossValidate(rules, tallies);
    expect(tuning.inSample.rule.answerMargin).toBe(2);
    expect(tuning.chosen.map((rule) => rule.answerMargin)).toEqual([2, 2, 1]);
    // Fold 0 and 1 under rule 1, fold 2 under rule 0 (chosen on folds 0 and 1).
    expect(tuning.crossValidated).toMatchObject({ answeredCorrectly: 6, wrongAnswers: 4 });
  });

  it('never chooses a rule the bar rules out, and says so when none is left', () => {
    expect(crossValidate(rules, tallies, (rule) => rule === 0).chosen.every((rule) => rule.answerMargin === 1)).toBe(true);
    expect(() => crossValidate(rules, tallies, () => false)).toThrow(/no rule of the grid meets the bar/);
  });
});

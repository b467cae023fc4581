import { describe, expect, it } from 'vitest';
import type { BuiltEngine, EngineHits } from '../../bench/engines/engine.js';
import { scoreRule } from '../../bench/quality.js';
import type { EvalCase } from '../../src/index.js';

const testCase = (question: string, expect: EvalCase['expect'], after?: string): EvalCase => ({ question, expect, file: 'set.yaml', line: 1, ...(after ? { after } : {}) });

// A peer's hits, scripted: score of the best hit, and its ranking.
const hits: Record<string, EngineHits> = {
  'sure and right': { best: 9, ranked: ['a', 'b'] },
  'sure and wrong': { best: 9, ranked: ['b', 'a'] },
  'unsure, right second': { best: 1, ranked: ['b', 'a', 'c'] },
  'unsure, right fourth': { best: 1, ranked: ['b', 'c', 'd', 'a'] },
  'out of scope, unsure': { best: 1, ranked: ['c'] },
  'earlier question': { best: 9, ranked: ['c'] },
};
const peer: BuiltEngine = { query: (question) => hits[question]! };
const cases = [
  testCase('sure and right', ['a']),
  testCase('sure and wrong', ['a']),
  testCase('unsure, right second', ['a']),
  testCase('unsure, right fourth', ['a'], 'earlier question'),
  testCase('out of scope, unsure', 'decline'),
];

describe('scoreRule: answered or one click away', () => {
  it('counts, for a peer, its right answers and its top 3 when below the threshold, while its non-answers still count as declines', () => {
    const scored = scoreRule(peer, { kind: 'threshold', threshold: 5, description: 't' }, cases);
    expect(scored.report.top1).toBeCloseTo(1 / 4);
    expect(scored.oneClick).toBeCloseTo(2 / 4);
    expect(scored.report.declineRate).toBe(1);
    expect(scored.rankTop1).toBeCloseTo(1 / 4);
  });

  it('counts, for an engine with its own rule, its clarification choices, and passes the previous answer to a follow-up', () => {
    const previousSeen: (string | null | undefined)[] = [];
    const own: BuiltEngine = {
      query: peer.query,
      answer(question, previous) {
        previousSeen.push(previous);
        if (question === 'sure and right' || question === 'earlier question') return { entry: hits[question]!.ranked[0]!, choices: [] };
        if (question === 'unsure, right fourth') return { entry: null, choices: ['d', 'a'] };
        return { entry: null, choices: [] };
      },
    };
    const scored = scoreRule(own, { kind: 'own', description: 'own' }, cases);
    expect(scored.report.top1).toBeCloseTo(1 / 4);
    expect(scored.oneClick).toBeCloseTo(2 / 4);
    expect(previousSeen).toEqual([null, null, null, null, 'c', null]);
  });
});

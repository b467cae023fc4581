import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from '../errors.js';
import { readYaml } from '../knowledge/read-yaml.js';

/** One evaluation question: what a user might type, and the entry (or entries) that should answer it. */
export interface EvalCase {
  question: string;
  /** Acceptable entry ids, or `'decline'` for an out-of-scope question. */
  expect: string[] | 'decline';
  /** 1-based line in the question set file. */
  line: number;
}

/** What one engine did with one question. */
export interface EvalOutcome {
  /** Entry ids, best first, as the engine ranked them (even when it declined). */
  ranked: string[];
  /** The entry the engine would answer with, or `null` when it declined. */
  answeredWith: string | null;
}

/** A question the engine got wrong. */
export interface EvalMiss {
  question: string;
  line: number;
  expected: string;
  got: string;
}

/** Quality figures for one engine over one question set. Rates are 0 to 1. */
export interface EvalReport {
  inScope: number;
  outOfScope: number;
  /** In-scope questions answered with an expected entry. */
  top1: number;
  /** Mean reciprocal rank of the first expected entry in the ranking. */
  mrr: number;
  /** In-scope questions with an expected entry in the top 3 of the ranking. */
  recallAt3: number;
  /** Out-of-scope questions declined. */
  declineRate: number;
  misses: EvalMiss[];
}

const caseSchema = z.strictObject({
  q: z.string().trim().min(1, { message: 'must not be empty' }),
  expect: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)], { error: 'must be an entry id, a list of entry ids, or "decline"' }),
});

/**
 * Reads a question set file (YAML list of `{ q, expect }`).
 * @throws {KnowledgeError} naming the file and line of every problem.
 */
export function readQuestionSet(path: string): EvalCase[] {
  if (!existsSync(path)) throw new KnowledgeError([{ file: path, line: 1, level: 'error', message: 'is missing: the evaluation question set' }]);
  const located = readYaml(readFileSync(path, 'utf8'));
  const issues: KnowledgeIssue[] = located.errors.map((error) => ({ file: path, line: error.line, level: 'error', message: `unreadable YAML: ${error.message}` }));
  const cases: EvalCase[] = [];
  if (issues.length === 0) {
    const items: unknown[] = Array.isArray(located.value) ? located.value : [];
    if (!Array.isArray(located.value)) issues.push({ file: path, line: 1, level: 'error', message: 'must be a list of { q, expect } items' });
    items.forEach((item, index) => {
      const parsed = caseSchema.safeParse(item);
      const line = located.lineOf([index]);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) issues.push({ file: path, line: located.lineOf([index, ...issue.path]), level: 'error', message: `"${issue.path.join('.') || 'item'}" ${issue.message}` });
        return;
      }
      const { q, expect } = parsed.data;
      cases.push({ question: q, expect: expect === 'decline' ? 'decline' : Array.isArray(expect) ? expect : [expect], line });
    });
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  return cases;
}

/** Runs every case through an engine and computes top-1, MRR, Recall@3 and the decline rate. */
export function evaluateCases(cases: readonly EvalCase[], run: (question: string) => EvalOutcome): EvalReport {
  let inScope = 0;
  let outOfScope = 0;
  let top1 = 0;
  let reciprocalRanks = 0;
  let recall3 = 0;
  let declined = 0;
  const misses: EvalMiss[] = [];
  for (const testCase of cases) {
    const outcome = run(testCase.question);
    const got = outcome.answeredWith ?? 'decline';
    if (testCase.expect === 'decline') {
      outOfScope++;
      if (outcome.answeredWith === null) declined++;
      else misses.push({ question: testCase.question, line: testCase.line, expected: 'decline', got });
      continue;
    }
    inScope++;
    const expected = testCase.expect;
    if (outcome.answeredWith !== null && expected.includes(outcome.answeredWith)) top1++;
    else misses.push({ question: testCase.question, line: testCase.line, expected: expected.join(' | '), got });
    const rank = outcome.ranked.findIndex((id) => expected.includes(id));
    if (rank >= 0) reciprocalRanks += 1 / (rank + 1);
    if (rank >= 0 && rank < 3) recall3++;
  }
  const rate = (count: number, total: number): number => (total === 0 ? 1 : count / total);
  return {
    inScope,
    outOfScope,
    top1: rate(top1, inScope),
    mrr: rate(reciprocalRanks, inScope),
    recallAt3: rate(recall3, inScope),
    declineRate: rate(declined, outOfScope),
    misses,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Answerer } from '../engine/create-answerer.js';
import { KnowledgeError, type KnowledgeIssue } from '../errors.js';
import { normaliseQuestionKey } from '../knowledge/load-knowledge.js';
import { readYaml } from '../knowledge/read-yaml.js';
import type { Entry } from '../types.js';

/**
 * What a question should get: the entry ids that may answer it (any one is
 * right), `'decline'` for an out-of-scope question (a plain `no_match`, not
 * even a clarification), or `'vague'` for a question with no topic of its own
 * (it must not be answered: a clarification or a decline are both right).
 */
export type EvalExpectation = string[] | 'decline' | 'vague';

/** One evaluation question: what a user might type, and what it should get. */
export interface EvalCase {
  question: string;
  expect: EvalExpectation;
  /**
   * A question asked just before, in the same conversation: it is asked
   * first, and the entry it is answered with is passed as `previous`.
   */
  after?: string;
  /** The question set file it came from. */
  file: string;
  /** 1-based line in that file. */
  line: number;
}

/** What one engine did with one question. */
export interface EvalOutcome {
  /** Entry ids, best first, as the engine ranked them (even when it declined). */
  ranked: string[];
  /** The entry the engine answered with, or `null` when it did not answer. */
  answeredWith: string | null;
  /**
   * When the engine asked which question was meant (a clarification): the
   * entries it offered, best first. Empty or absent for an answer or a plain decline.
   */
  choices?: string[];
}

/**
 * Asks an engine one question; `previous` is the entry that answered the
 * question asked just before in the same conversation, or `null`.
 */
export type EvalRunner = (question: string, previous: string | null) => EvalOutcome;

/** A question the engine did not get right. */
export interface EvalMiss {
  question: string;
  /** The question asked just before it, for a follow-up. */
  after?: string;
  file: string;
  line: number;
  /** Entry ids joined by " | ", `decline` or `vague`. */
  expected: string;
  /** An entry id, `decline`, or `clarify: a | b | c` (the choices offered). */
  got: string;
  /** Whether it was a wrong answer (not merely a refusal or a clarification). */
  wrong: boolean;
}

/** The counts behind an {@link EvalReport}'s rates. */
export interface EvalCounts {
  /** In-scope questions answered with an expected entry. */
  answeredCorrectly: number;
  /** In-scope questions not answered, but clarified with an expected entry among the choices. */
  rightChoiceOffered: number;
  /** Out-of-scope questions given a plain decline (no answer and no clarification). */
  declined: number;
  /** Vague questions not answered (clarified or declined). */
  vagueNotAnswered: number;
  /**
   * Wrong answers: in-scope questions answered with an entry not expected, and
   * out-of-scope or vague questions answered at all.
   */
  wrongAnswers: number;
  /** Questions of any kind answered with a clarification. */
  clarified: number;
}

/** Quality figures for one engine over one question set. Rates are 0 to 1. */
export interface EvalReport {
  /** Questions with expected entries. */
  inScope: number;
  /** Questions to decline. */
  outOfScope: number;
  /** Questions with no topic of their own. */
  vague: number;
  /** Answered correctly: in-scope questions answered with an expected entry (1 when there are none). */
  top1: number;
  /** Mean reciprocal rank of the first expected entry in the ranking. */
  mrr: number;
  /** In-scope questions with an expected entry in the top 3 of the ranking. */
  recallAt3: number;
  /** Out-of-scope questions given a plain decline (a clarification does not count). */
  declineRate: number;
  /** In-scope questions answered correctly, or clarified with an expected entry among the choices: answered or one click away. */
  answeredOrOneClick: number;
  /** Vague questions not answered (1 when there are none). */
  vagueNotAnsweredRate: number;
  /** Wrong answers as a share of all questions (0 when there are none). */
  wrongRate: number;
  counts: EvalCounts;
  misses: EvalMiss[];
}

/** The ids an in-scope case accepts, or `null` for a decline or vague case. */
export const expectedIds = (testCase: Pick<EvalCase, 'expect'>): string[] | null => (Array.isArray(testCase.expect) ? testCase.expect : null);

/** How an expectation reads in reports: ids joined by " | ", `decline` or `vague`. */
export const describeExpectation = (expect: EvalExpectation): string => (Array.isArray(expect) ? expect.join(' | ') : expect);

const keywords = ['decline', 'vague'] as const;
const text = z.string({ error: 'must be text' }).trim().min(1, { message: 'must not be empty' });
const expectMessage = 'must be an entry id, a list of entry ids, "decline" or "vague"';
const caseSchema = z.strictObject({
  q: text,
  expect: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)], { error: expectMessage }),
  after: text.optional(),
});

/** The issue for one zod problem, in the words a question set's writer needs. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}: an item has q, expect and, for a follow-up, after`;
  if (issue.path.length === 0) return 'must be an item with q and expect (and, for a follow-up, after)';
  return `"${issue.path.join('.')}" ${issue.message}`;
}

/**
 * Reads a question set file: a YAML list of `{ q, expect, after? }`, where
 * `expect` is an entry id, a list of entry ids, `decline` or `vague`.
 * @throws {KnowledgeError} naming the file and line of every problem.
 */
export function readQuestionSet(path: string): EvalCase[] {
  if (!existsSync(path)) throw new KnowledgeError([{ file: path, line: 1, level: 'error', message: 'is missing: the evaluation question set' }]);
  const located = readYaml(readFileSync(path, 'utf8'));
  const issues: KnowledgeIssue[] = located.errors.map((error) => ({ file: path, line: error.line, level: 'error', message: `unreadable YAML: ${error.message}` }));
  const cases: EvalCase[] = [];
  const problem = (line: number, message: string): void => {
    issues.push({ file: path, line, level: 'error', message });
  };
  if (issues.length === 0) {
    const items: unknown[] = Array.isArray(located.value) ? located.value : [];
    if (!Array.isArray(located.value)) problem(1, 'must be a list of { q, expect } items');
    items.forEach((item, index) => {
      const parsed = caseSchema.safeParse(item);
      const line = located.lineOf([index]);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problem(located.lineOf([index, ...issue.path]), describeIssue(issue));
        return;
      }
      const { q, expect, after } = parsed.data;
      const keyword = keywords.find((word) => word === expect);
      if (Array.isArray(expect) && expect.some((id) => (keywords as readonly string[]).includes(id))) {
        problem(located.lineOf([index, 'expect']), '"expect" takes "decline" or "vague" on its own, not in a list of entry ids');
        return;
      }
      cases.push({ question: q, expect: keyword ?? (Array.isArray(expect) ? expect : [expect]), ...(after === undefined ? {} : { after }), file: path, line });
    });
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  return cases;
}

/** Problems with cases that expect entries the knowledge base does not have. */
export function findUnknownEntries(cases: readonly EvalCase[], entryIds: ReadonlySet<string>): KnowledgeIssue[] {
  return cases.flatMap((testCase) =>
    (expectedIds(testCase) ?? []).filter((id) => !entryIds.has(id)).map((id): KnowledgeIssue => ({ file: testCase.file, line: testCase.line, level: 'error', message: `"expect" names no entry: "${id}"` })),
  );
}

/**
 * Held-out questions that are not unseen any more: word for word (ignoring
 * case and punctuation) a question of the tuned split, or a phrasing of an
 * entry, which is tuning on them. The warnings name the file and line only,
 * never the question.
 */
export function findHeldOutLeaks(heldOut: readonly EvalCase[], tuned: readonly EvalCase[], entries: readonly Pick<Entry, 'id' | 'questions'>[]): KnowledgeIssue[] {
  const tunedAt = new Map(tuned.map((testCase) => [normaliseQuestionKey(testCase.question), `${testCase.file}:${testCase.line}`]));
  const phrasingOf = new Map(entries.flatMap((entry) => entry.questions.map((question) => [normaliseQuestionKey(question), entry.id] as const)));
  return heldOut.flatMap((testCase): KnowledgeIssue[] => {
    const key = normaliseQuestionKey(testCase.question);
    const where = tunedAt.get(key);
    const entry = phrasingOf.get(key);
    const warn = (message: string): KnowledgeIssue => ({ file: testCase.file, line: testCase.line, level: 'warning', message });
    return [
      ...(where === undefined ? [] : [warn(`this held-out question is also in the tuned split (${where}): it is no longer unseen`)]),
      ...(entry === undefined ? [] : [warn(`this held-out question is a phrasing of entry "${entry}": that is tuning on it`)]),
    ];
  });
}

/** Asks an answerer, as the evaluation does: with the conversation's previous entry, and its ranking `depth` deep. */
export function runAnswerer(answerer: Answerer, depth = 10): EvalRunner {
  return (question, previous) => {
    const answer = answerer.ask(question, { previous });
    return {
      ranked: answerer.rank(question, depth).map((hit) => hit.id),
      answeredWith: answer.status === 'answered' ? answer.entryId : null,
      choices: answer.status === 'clarify' ? answer.suggestions.map((link) => link.id) : [],
    };
  };
}

/** Asks a case's question: after its `after` question, when it is a follow-up. */
export function runCase(testCase: EvalCase, run: EvalRunner): EvalOutcome {
  const previous = testCase.after === undefined ? null : run(testCase.after, null).answeredWith;
  return run(testCase.question, previous);
}

/** The choices of a clarification, or none when the engine answered or declined plainly. */
const choicesOf = (outcome: EvalOutcome): string[] => (outcome.answeredWith === null ? (outcome.choices ?? []) : []);

/** What an engine did, in one word or phrase: an entry id, `decline`, or `clarify: a | b | c`. */
export function describeOutcome(outcome: EvalOutcome): string {
  const choices = choicesOf(outcome);
  return outcome.answeredWith ?? (choices.length > 0 ? `clarify: ${choices.join(' | ')}` : 'decline');
}

/**
 * Whether an outcome is what the case asks for: an expected entry answered, a
 * plain decline of an out-of-scope question, or anything but an answer to a vague one.
 */
export function isRightOutcome(testCase: Pick<EvalCase, 'expect'>, outcome: EvalOutcome): boolean {
  const expected = expectedIds(testCase);
  if (expected !== null) return outcome.answeredWith !== null && expected.includes(outcome.answeredWith);
  if (testCase.expect === 'vague') return outcome.answeredWith === null;
  return outcome.answeredWith === null && choicesOf(outcome).length === 0;
}

const rate = (count: number, total: number, whenEmpty = 1): number => (total === 0 ? whenEmpty : count / total);

/**
 * Runs every case through an engine and computes the figures: answered
 * correctly (top-1), MRR and Recall@3 of the ranking, answered or one click
 * away, plain declines of out-of-scope questions, vague questions not
 * answered, and wrong answers.
 */
export function evaluateCases(cases: readonly EvalCase[], run: EvalRunner): EvalReport {
  const counts: EvalCounts = { answeredCorrectly: 0, rightChoiceOffered: 0, declined: 0, vagueNotAnswered: 0, wrongAnswers: 0, clarified: 0 };
  let inScope = 0;
  let outOfScope = 0;
  let vague = 0;
  let reciprocalRanks = 0;
  let recall3 = 0;
  const misses: EvalMiss[] = [];
  for (const testCase of cases) {
    const outcome = runCase(testCase, run);
    const answered = outcome.answeredWith !== null;
    const choices = choicesOf(outcome);
    if (choices.length > 0) counts.clarified++;
    const got = describeOutcome(outcome);
    const miss = (wrong: boolean): void => {
      if (wrong) counts.wrongAnswers++;
      misses.push({ question: testCase.question, ...(testCase.after === undefined ? {} : { after: testCase.after }), file: testCase.file, line: testCase.line, expected: describeExpectation(testCase.expect), got, wrong });
    };
    const expected = expectedIds(testCase);
    if (expected === null) {
      const isDecline = testCase.expect === 'decline';
      if (isDecline) outOfScope++;
      else vague++;
      if (answered) miss(true);
      else if (!isDecline) counts.vagueNotAnswered++;
      else if (choices.length === 0) counts.declined++;
      else miss(false);
      continue;
    }
    inScope++;
    if (answered && expected.includes(outcome.answeredWith!)) counts.answeredCorrectly++;
    else {
      if (choices.some((id) => expected.includes(id))) counts.rightChoiceOffered++;
      miss(answered);
    }
    const rank = outcome.ranked.findIndex((id) => expected.includes(id));
    if (rank >= 0) reciprocalRanks += 1 / (rank + 1);
    if (rank >= 0 && rank < 3) recall3++;
  }
  return {
    inScope,
    outOfScope,
    vague,
    top1: rate(counts.answeredCorrectly, inScope),
    mrr: rate(reciprocalRanks, inScope),
    recallAt3: rate(recall3, inScope),
    declineRate: rate(counts.declined, outOfScope),
    answeredOrOneClick: rate(counts.answeredCorrectly + counts.rightChoiceOffered, inScope),
    vagueNotAnsweredRate: rate(counts.vagueNotAnswered, vague),
    wrongRate: rate(counts.wrongAnswers, cases.length, 0),
    counts,
    misses,
  };
}

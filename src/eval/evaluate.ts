import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import type { Answerer } from '../engine/create-answerer.js';
import { KnowledgeError, type KnowledgeIssue } from '../errors.js';
import { normaliseQuestionKey } from '../text/question-key.js';
import { readYaml } from '../knowledge/read-yaml.js';
import type { Answer, Entry } from '../types.js';

/**
 * What a question should get: the entry ids that may answer it (any one is
 * right), `'decline'` for an out-of-scope question (a plain `no_match`, not
 * even a clarification), `'vague'` for a question with no topic of its own
 * (it must not be answered: a clarification or a decline are both right), or
 * `'small_talk'` for a greeting, thanks or goodbye (a small-talk reply).
 */
export type EvalExpectation = string[] | 'decline' | 'vague' | 'small_talk';

/** One evaluation question: what a user might type, and what it should get. */
export interface EvalCase {
  question: string;
  expect: EvalExpectation;
  /**
   * A question asked just before, in the same conversation: it is asked
   * first, and the entry it is answered with is passed as `previous`.
   */
  after?: string;
  /**
   * Groups of entries that may answer it together, as one answer covering
   * each (a comparison, "X vs Y"): any group all of whose entries the answer
   * covers is right, as is any single id of `expect`. Absent for most questions.
   */
  together?: string[][];
  /**
   * For a near miss that asks, about a subject the knowledge covers, for a
   * detail the sources never give: the kind of detail (`date`, `amount`,
   * `name`…). It is handled by an honest partial answer (an expected entry,
   * saying the detail is not given) or by a plain decline; an answer that
   * does not say the detail is missing reads as if it were there: wrong.
   */
  gap?: string;
  /** The shape of the question (`long-post`, `comparison`, `typos`…), for figures per shape. */
  shape?: string;
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
  /** Every entry the answer covers (the main one first; a comparison covers more than one). Absent: just `answeredWith`. */
  answeredEntries?: string[];
  /** The kind of detail the answer says its sources do not give (an honest partial answer), or `null`/absent. */
  gap?: string | null;
  /** Whether the engine replied with small talk. */
  smallTalk?: boolean;
  /** Why the engine did what it did (the decision's reason), for reports. */
  reason?: string;
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
  /** Why the engine did what it did, when it said. */
  reason?: string;
  /** The shape of the question, when its file gives one. */
  shape?: string;
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
  /** Near misses asking for a detail the sources don't give (see {@link EvalCase.gap}) answered honestly, saying so. */
  honestGaps: number;
  /** Greetings, thanks and goodbyes given a small-talk reply. */
  smallTalkReplied: number;
}

/** Quality figures for one engine over one question set. Rates are 0 to 1. */
export interface EvalReport {
  /** Questions with expected entries. */
  inScope: number;
  /** Questions to decline. */
  outOfScope: number;
  /** Questions with no topic of their own. */
  vague: number;
  /** Greetings, thanks and goodbyes. */
  smallTalk: number;
  /** In-scope questions that are near misses asking for a detail the sources don't give (they count in `inScope`). */
  gaps: number;
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
  /** Greetings, thanks and goodbyes given a small-talk reply (1 when there are none). */
  smallTalkRate: number;
  /** Wrong answers as a share of all questions (0 when there are none). */
  wrongRate: number;
  counts: EvalCounts;
  /**
   * Figures for each shape of question (the `shape` of the question set's
   * items; none when no item gives one): how many there are, how many were
   * handled right, right or one click away, and answered wrong.
   */
  byShape: Record<string, ShapeFigures>;
  misses: EvalMiss[];
}

/** How the questions of one shape fared. */
export interface ShapeFigures {
  questions: number;
  right: number;
  /** Right, or clarified with a right entry among the choices. */
  rightOrOneClick: number;
  wrong: number;
}

/** The ids an in-scope case accepts (single ids, then those of its groups), or `null` for a decline, vague or small-talk case. */
export const expectedIds = (testCase: Pick<EvalCase, 'expect' | 'together'>): string[] | null =>
  Array.isArray(testCase.expect) ? [...new Set([...testCase.expect, ...(testCase.together ?? []).flat()])] : null;

/** How an expectation reads in reports: ids joined by " | " (a group as `a + b`), `decline`, `vague` or `small_talk`; a gap case says so. */
export const describeExpectation = (expect: EvalExpectation, together: readonly string[][] = [], gap?: string): string =>
  Array.isArray(expect) ? [...expect, ...together.map((group) => group.join(' + '))].join(' | ') + (gap ? ` (saying the ${gap} is not given), or decline` : '') : expect;

const keywords = ['decline', 'vague', 'small_talk'] as const;
const text = z.string({ error: 'must be text' }).trim().min(1, { message: 'must not be empty' });
const id = z.string().trim().min(1);
const expectMessage = 'must be an entry id, a list of entry ids (a list inside it: entries answered together), "decline", "vague" or "small_talk"';
const caseSchema = z.strictObject({
  q: text,
  expect: z.union([id, z.array(z.union([id, z.array(id).min(2)])).min(1)], { error: expectMessage }),
  after: text.optional(),
  gap: z.string().trim().min(1).optional(),
  shape: z.string().trim().min(1).optional(),
});

/** The issue for one zod problem, in the words a question set's writer needs. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}: an item has q, expect and, optionally, after (a follow-up), gap and shape`;
  if (issue.path.length === 0) return 'must be an item with q and expect (and, for a follow-up, after)';
  return `"${issue.path.join('.')}" ${issue.message}`;
}

/**
 * Reads a question set file: a YAML list of `{ q, expect, after?, gap?, shape? }`,
 * where `expect` is an entry id, a list of entry ids (a list inside it names
 * entries to be answered together), `decline`, `vague` or `small_talk`.
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
      const { q, expect, after, gap, shape } = parsed.data;
      const keyword = keywords.find((word) => word === expect);
      const listed = Array.isArray(expect) ? expect : [expect];
      if (Array.isArray(expect) && expect.flat().some((id) => (keywords as readonly string[]).includes(id))) {
        problem(located.lineOf([index, 'expect']), '"expect" takes "decline", "vague" or "small_talk" on its own, not in a list of entry ids');
        return;
      }
      if (gap !== undefined && keyword !== undefined) {
        problem(located.lineOf([index, 'gap']), '"gap" needs the entries that cover the subject in "expect" (a near miss with no such entry is "decline")');
        return;
      }
      const together = listed.filter((item): item is string[] => Array.isArray(item));
      cases.push({
        question: q,
        expect: keyword ?? listed.filter((item): item is string => typeof item === 'string'),
        ...(together.length > 0 ? { together } : {}),
        ...(after === undefined ? {} : { after }),
        ...(gap === undefined ? {} : { gap }),
        ...(shape === undefined ? {} : { shape }),
        file: path,
        line,
      });
    });
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  return cases;
}

/** Problems with cases that expect entries the knowledge base does not have. */
export function findUnknownEntries(cases: readonly EvalCase[], entryIds: ReadonlySet<string>): KnowledgeIssue[] {
  return cases.flatMap((testCase) =>
    (expectedIds(testCase) ?? [])
      .filter((id) => !entryIds.has(id))
      .map((id): KnowledgeIssue => ({ file: testCase.file, line: testCase.line, level: 'error', message: `"expect" names no entry: "${id}"` })),
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
    const outcome = outcomeOfAnswer(answerer.ask(question, { previous }));
    return { ranked: answerer.rankEntries(question, depth).map((hit) => hit.id), ...outcome };
  };
}

/** What an answer did, as the evaluation scores it: everything of an {@link EvalOutcome} but the ranking. */
export function outcomeOfAnswer(answer: Answer): Omit<EvalOutcome, 'ranked'> {
  const answered = answer.status === 'answered';
  return {
    answeredWith: answered ? answer.entryId : null,
    choices: answer.status === 'clarify' ? answer.suggestions.map((link) => link.id) : [],
    answeredEntries: answered ? answeredEntriesOf(answer) : [],
    gap: answered ? (answer.gap?.kind ?? null) : null,
    smallTalk: answer.status === 'small_talk',
    ...(answer.reason === undefined ? {} : { reason: answer.reason }),
  };
}

/** Every entry an answer covers: its entry, then those of its parts (a comparison). */
function answeredEntriesOf(answer: Answer): string[] {
  return [...new Set([...(answer.entryId ? [answer.entryId] : []), ...(answer.parts ?? []).map((part) => part.entryId)])];
}

/** Asks a case's question: after its `after` question, when it is a follow-up. */
export function runCase(testCase: EvalCase, run: EvalRunner): EvalOutcome {
  const previous = testCase.after === undefined ? null : run(testCase.after, null).answeredWith;
  return run(testCase.question, previous);
}

/** The choices of a clarification, or none when the engine answered or declined plainly. */
const choicesOf = (outcome: EvalOutcome): string[] => (outcome.answeredWith === null ? (outcome.choices ?? []) : []);

/** The entries an outcome answered with: every entry it covers. */
const coveredBy = (outcome: EvalOutcome): string[] => (outcome.answeredWith === null ? [] : (outcome.answeredEntries ?? [outcome.answeredWith]));

/** What an engine did, in one word or phrase: an entry id (`a + b` for several, with any gap), `decline`, `small_talk`, or `clarify: a | b | c`. */
export function describeOutcome(outcome: EvalOutcome): string {
  const choices = choicesOf(outcome);
  if (outcome.answeredWith !== null) return coveredBy(outcome).join(' + ') + (outcome.gap ? ` (says the ${outcome.gap} is not given)` : '');
  if (outcome.smallTalk) return 'small_talk';
  return choices.length > 0 ? `clarify: ${choices.join(' | ')}` : 'decline';
}

/** Whether an answer covers what a case expects: one of its ids (as the answer's entry or a part of it), or all of a group. */
function coversExpected(testCase: Pick<EvalCase, 'expect' | 'together'>, outcome: EvalOutcome): boolean {
  if (!Array.isArray(testCase.expect) || outcome.answeredWith === null) return false;
  const covered = coveredBy(outcome);
  return testCase.expect.some((id) => covered.includes(id)) || (testCase.together ?? []).some((group) => group.every((id) => covered.includes(id)));
}

/** A plain decline: no answer, no clarification and no small talk. */
const isPlainDecline = (outcome: EvalOutcome): boolean => outcome.answeredWith === null && choicesOf(outcome).length === 0 && !outcome.smallTalk;

/**
 * Whether an outcome is what the case asks for: an expected entry answered (a
 * gap case: saying the detail is not given, or a plain decline), a plain
 * decline of an out-of-scope question, anything but an answer to a vague one,
 * or small talk for small talk.
 */
export function isRightOutcome(testCase: Pick<EvalCase, 'expect' | 'together' | 'gap'>, outcome: EvalOutcome): boolean {
  if (testCase.expect === 'small_talk') return outcome.smallTalk === true;
  if (testCase.expect === 'vague') return outcome.answeredWith === null;
  if (testCase.expect === 'decline') return isPlainDecline(outcome);
  if (testCase.gap !== undefined) return (coversExpected(testCase, outcome) && Boolean(outcome.gap)) || isPlainDecline(outcome);
  // Saying the sources don't give a detail that the answer does give is not a right answer (nor a wrong entry).
  return coversExpected(testCase, outcome) && !outcome.gap;
}

const rate = (count: number, total: number, whenEmpty = 1): number => (total === 0 ? whenEmpty : count / total);

/**
 * Runs every case through an engine and computes the figures: answered
 * correctly (top-1), MRR and Recall@3 of the ranking, answered or one click
 * away, plain declines of out-of-scope questions, vague questions not
 * answered, small talk replied to, and wrong answers.
 */
export function evaluateCases(cases: readonly EvalCase[], run: EvalRunner): EvalReport {
  const counts: EvalCounts = { answeredCorrectly: 0, rightChoiceOffered: 0, declined: 0, vagueNotAnswered: 0, wrongAnswers: 0, clarified: 0, honestGaps: 0, smallTalkReplied: 0 };
  let inScope = 0;
  let outOfScope = 0;
  let vague = 0;
  let smallTalk = 0;
  let gaps = 0;
  let reciprocalRanks = 0;
  let recall3 = 0;
  const misses: EvalMiss[] = [];
  const byShape: Record<string, ShapeFigures> = {};
  for (const testCase of cases) {
    const outcome = runCase(testCase, run);
    const shape = testCase.shape === undefined ? null : (byShape[testCase.shape] ??= { questions: 0, right: 0, rightOrOneClick: 0, wrong: 0 });
    const wrongBefore = counts.wrongAnswers;
    const answered = outcome.answeredWith !== null;
    const choices = choicesOf(outcome);
    if (choices.length > 0) counts.clarified++;
    const right = isRightOutcome(testCase, outcome);
    const miss = (wrong: boolean): void => {
      if (wrong) counts.wrongAnswers++;
      misses.push({
        question: testCase.question,
        ...(testCase.after === undefined ? {} : { after: testCase.after }),
        file: testCase.file,
        line: testCase.line,
        expected: describeExpectation(testCase.expect, testCase.together, testCase.gap),
        got: describeOutcome(outcome),
        wrong,
        ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
        ...(testCase.shape === undefined ? {} : { shape: testCase.shape }),
      });
    };
    const expected = expectedIds(testCase);
    if (expected === null) {
      if (testCase.expect === 'decline') outOfScope++;
      else if (testCase.expect === 'vague') vague++;
      else smallTalk++;
      if (right) {
        if (testCase.expect === 'decline') counts.declined++;
        else if (testCase.expect === 'vague') counts.vagueNotAnswered++;
        else counts.smallTalkReplied++;
      } else miss(answered);
      if (shape) {
        shape.questions++;
        if (right) shape.right++;
        if (right) shape.rightOrOneClick++;
        if (counts.wrongAnswers > wrongBefore) shape.wrong++;
      }
      continue;
    }
    // A false "my sources don't give…" on an expected entry misleads, but the entry is right.
    const falseGap = testCase.gap === undefined && Boolean(outcome.gap) && coversExpected(testCase, outcome);
    inScope++;
    if (testCase.gap !== undefined) gaps++;
    if (right) {
      counts.answeredCorrectly++;
      if (testCase.gap !== undefined && answered) counts.honestGaps++;
    } else {
      if (choices.some((id) => expected.includes(id))) counts.rightChoiceOffered++;
      miss(answered && !falseGap);
    }
    if (shape) {
      shape.questions++;
      if (right) shape.right++;
      if (right || choices.some((id) => expected.includes(id))) shape.rightOrOneClick++;
      if (counts.wrongAnswers > wrongBefore) shape.wrong++;
    }
    const rank = outcome.ranked.findIndex((id) => expected.includes(id));
    if (rank >= 0) reciprocalRanks += 1 / (rank + 1);
    if (rank >= 0 && rank < 3) recall3++;
  }
  return {
    inScope,
    outOfScope,
    vague,
    smallTalk,
    gaps,
    top1: rate(counts.answeredCorrectly, inScope),
    mrr: rate(reciprocalRanks, inScope),
    recallAt3: rate(recall3, inScope),
    declineRate: rate(counts.declined, outOfScope),
    answeredOrOneClick: rate(counts.answeredCorrectly + counts.rightChoiceOffered, inScope),
    vagueNotAnsweredRate: rate(counts.vagueNotAnswered, vague),
    smallTalkRate: rate(counts.smallTalkReplied, smallTalk),
    wrongRate: rate(counts.wrongAnswers, cases.length, 0),
    counts,
    byShape,
    misses,
  };
}

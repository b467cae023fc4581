import { parseArgs } from 'node:util';
import { createAnswerer, evaluateCases, readQuestionSet, type Answer, type Answerer, type EvalCase, type EvalReport } from '../../src/index.js';
import { knowledgeDirOf, defaultQuestionSetPath, describeError, readEnvironment } from '../shared/settings.js';
import { exportKnowledgeAt } from './git-knowledge.js';
import { kbExitCodes, UsageError } from './kb/command.js';

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** Runs the question set through an answerer. */
export function evaluateAnswerer(answerer: Answerer, questionSetPath: string): EvalReport {
  return evaluateCases(readQuestionSet(questionSetPath), (question) => {
    const answer = answerer.ask(question);
    return { ranked: answerer.rank(question, 10).map((hit) => hit.id), answeredWith: answer.status === 'answered' ? answer.entryId : null };
  });
}

/** Prints a report: the four figures, then (unless `misses` is false) every miss. */
export function formatReport(report: EvalReport, { misses = true }: { misses?: boolean } = {}): string {
  const lines = [
    `questions: ${report.inScope} in scope, ${report.outOfScope} out of scope`,
    `top-1 accuracy: ${percent(report.top1)}`,
    `MRR:            ${report.mrr.toFixed(3)}`,
    `Recall@3:       ${percent(report.recallAt3)}`,
    `decline rate:   ${percent(report.declineRate)} of out-of-scope questions`,
  ];
  if (misses && report.misses.length > 0) {
    lines.push('', `misses (${report.misses.length}):`);
    for (const miss of report.misses) lines.push(`  line ${miss.line}: "${miss.question}"\n      expected ${miss.expected}, got ${miss.got}`);
  }
  return lines.join('\n');
}

/** A question from the set whose answer differs between two knowledge bases. */
export interface AnswerChange {
  line: number;
  question: string;
  /** What the question set expects: entry ids joined by " | ", or "decline". */
  expected: string;
  /** What each side did: an entry id, "decline" or "invalid". */
  before: string;
  after: string;
  /** Whether each side's answer is one the question set expects. */
  beforeRight: boolean;
  afterRight: boolean;
}

const outcomeOf = (answer: Answer): string => (answer.status === 'answered' ? (answer.entryId ?? 'decline') : answer.status === 'no_match' ? 'decline' : 'invalid');
const isRight = (testCase: EvalCase, outcome: string): boolean => (testCase.expect === 'decline' ? outcome === 'decline' : testCase.expect.includes(outcome));

/** Asks every question of the set of both answerers and lists the questions whose answer changed. */
export function compareAnswerers(before: Answerer, after: Answerer, cases: readonly EvalCase[]): AnswerChange[] {
  return cases.flatMap((testCase) => {
    const was = outcomeOf(before.ask(testCase.question));
    const is = outcomeOf(after.ask(testCase.question));
    if (was === is) return [];
    const expected = testCase.expect === 'decline' ? 'decline' : testCase.expect.join(' | ');
    return [{ line: testCase.line, question: testCase.question, expected, before: was, after: is, beforeRight: isRight(testCase, was), afterRight: isRight(testCase, is) }];
  });
}

/**
 * What a change did: `fixed` (now right), `BROKEN` (was right, or declined
 * honestly, and is now a wrong answer) or `changed` (wrong before and after, or
 * a wrong answer that became a decline).
 */
export function verdictOf(change: AnswerChange): 'fixed' | 'BROKEN' | 'changed' {
  if (change.afterRight) return change.beforeRight ? 'changed' : 'fixed';
  // A wrong answer is worse than saying "I don't know".
  return change.beforeRight || (change.before === 'decline' && change.after !== 'decline') ? 'BROKEN' : 'changed';
}

/** Prints a comparison: the changed answers (fixed, broken or just different), then both sets of figures. */
export function formatComparison(ref: string, changes: readonly AnswerChange[], before: EvalReport, after: EvalReport): string {
  const lines = [`Knowledge at ${ref} compared with the working tree: ${changes.length} answer${changes.length === 1 ? '' : 's'} changed.`];
  for (const change of changes) {
    lines.push(`  line ${change.line}: "${change.question}" [${verdictOf(change)}]`, `      ${ref}: ${change.before}  ->  working tree: ${change.after}  (expected ${change.expected})`);
  }
  lines.push('', `${ref}:`, formatReport(before, { misses: false }), '', 'working tree:', formatReport(after, { misses: false }));
  return lines.join('\n');
}

const usage = `Usage: npm run eval -- [--knowledge DIR] [--questions FILE] [--json] [--compare REF]
   or: npm run kb -- eval [same options]

Runs the evaluation question set (default tests/eval/questions.yaml) and prints top-1 accuracy, MRR,
Recall@3, the decline rate and every miss. With --compare REF (a branch, tag or commit, e.g. main), runs
the same questions against the knowledge files as they are at REF and as they are now, and prints every
question whose answer changed, marked fixed, BROKEN or changed, then both sets of figures. BROKEN means a
right answer (or an honest decline) became a wrong answer; --compare exits 1 when any answer broke.`;

/** The evaluation command, shared by `npm run eval` and `npm run kb -- eval`. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    let values: { questions?: string; knowledge?: string; json?: boolean; compare?: string; help?: boolean };
    try {
      ({ values } = parseArgs({ args: argv, options: { questions: { type: 'string' }, knowledge: { type: 'string' }, json: { type: 'boolean' }, compare: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return kbExitCodes.ok;
    }
    const env = readEnvironment();
    const knowledgeDir = knowledgeDirOf(env, values.knowledge);
    const questionSet = values.questions ?? defaultQuestionSetPath;
    const answerer = createAnswerer(knowledgeDir);
    const report = evaluateAnswerer(answerer, questionSet);
    if (values.compare === undefined) {
      process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
      return kbExitCodes.ok;
    }
    const ref = values.compare;
    const exported = exportKnowledgeAt(ref, knowledgeDir);
    try {
      const before = createAnswerer(exported.dir);
      const changes = compareAnswerers(before, answerer, readQuestionSet(questionSet));
      const beforeReport = evaluateAnswerer(before, questionSet);
      process.stdout.write(values.json ? `${JSON.stringify({ ref, changes, before: beforeReport, after: report })}\n` : `${formatComparison(ref, changes, beforeReport, report)}\n`);
      return changes.some((change) => verdictOf(change) === 'BROKEN') ? kbExitCodes.problems : kbExitCodes.ok;
    } finally {
      exported.remove();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
      return kbExitCodes.usage;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return error instanceof Error && (error as { code?: string }).code === 'KNOWLEDGE_INVALID' ? kbExitCodes.knowledge : kbExitCodes.internal;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));

import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultEvalDir,
  evalSplitsIn,
  looksHeldOut,
  type EvalSplit,
  createAnswerer,
  describeExpectation,
  describeOutcome,
  evaluateCases,
  findHeldOutLeaks,
  findUnknownEntries,
  formatKnowledgeIssue,
  isRightOutcome,
  KnowledgeError,
  readQuestionSet,
  runAnswerer,
  runCase,
  type Answerer,
  type EvalCase,
  type EvalReport,
} from '../../src/index.js';
import { knowledgeDirOf, describeError, readEnvironment } from '../shared/settings.js';
import { paletteFor, plain, type Palette } from './colour.js';
import { exportKnowledgeAt } from './git-knowledge.js';
import { kbExitCodes } from './kb/command.js';
import { exitCodeOf, kbFailureCodes, UsageError } from '../shared/exit-codes.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** A path as people see it: relative to the working folder when inside it. */
const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** Figures without the questions: what a held-out split may show. */
export type EvalFigures = Omit<EvalReport, 'misses'> & { misses?: EvalReport['misses'] };

/** The figures of a report, with the questions (its misses) left out. */
const figuresOnly = ({ misses: _misses, ...figures }: EvalReport): EvalFigures => figures;

/** Runs question set cases through an answerer (follow-ups with their earlier question first). */
export function evaluateAnswerer(answerer: Answerer, cases: readonly EvalCase[]): EvalReport {
  return evaluateCases(cases, runAnswerer(answerer));
}

/** One file of a split: evaluated, or skipped because it is not there. */
export interface SplitFileResult {
  path: string;
  present: boolean;
  /** Its own figures, when the split has more than one file present. */
  report?: EvalFigures;
}

/** A split's figures: every present file together, and each on its own. */
export interface SplitResult {
  name: string;
  purpose: string;
  heldOut: boolean;
  files: SplitFileResult[];
  /** Every present file together; `null` when none is there. Held-out splits carry no misses. */
  report: EvalFigures | null;
}

/** A split's files read: the cases of each present file. */
interface LoadedSplit {
  split: EvalSplit;
  files: { path: string; cases: EvalCase[] | null }[];
}

/** Reads a split's files; a missing file is skipped when `optional`, else an error. */
function loadSplit(split: EvalSplit, optional: boolean): LoadedSplit {
  return { split, files: split.files.map((path) => ({ path, cases: optional && !existsSync(path) ? null : readQuestionSet(path) })) };
}

const casesOf = (loaded: LoadedSplit): EvalCase[] => loaded.files.flatMap((file) => file.cases ?? []);

/** Evaluates a split; a held-out split's reports keep no questions. */
function evaluateSplit(answerer: Answerer, loaded: LoadedSplit): SplitResult {
  const { split } = loaded;
  const hide = (report: EvalReport): EvalFigures => (split.heldOut ? figuresOnly(report) : report);
  const present = loaded.files.filter((file) => file.cases !== null);
  const files = loaded.files.map((file): SplitFileResult => {
    if (file.cases === null) return { path: file.path, present: false };
    return present.length > 1 ? { path: file.path, present: true, report: figuresOnly(evaluateAnswerer(answerer, file.cases)) } : { path: file.path, present: true };
  });
  const report = present.length === 0 ? null : hide(evaluateAnswerer(answerer, casesOf(loaded)));
  return { name: split.name, purpose: split.purpose, heldOut: split.heldOut, files, report };
}

/** A rate with the counts behind it, e.g. `93.9%  (155 of 165 in scope)`; a dash when there is nothing to count. */
const measure = (rate: number, count: number, total: number, what: string): string =>
  total === 0 ? '-       (none in this set)' : `${percent(rate).padEnd(7)} (${count} of ${total} ${what})`;

/** Prints a report: the figures, then (unless `misses` is false or it has none) every miss. */
export function formatReport(report: EvalFigures, { misses = true, palette = plain }: { misses?: boolean; palette?: Palette } = {}): string {
  const { counts } = report;
  const total = report.inScope + report.outOfScope + report.vague;
  const lines = [
    `questions: ${report.inScope} in scope, ${report.outOfScope} out of scope, ${report.vague} vague`,
    `answered correctly:          ${measure(report.top1, counts.answeredCorrectly, report.inScope, 'in scope; top-1')}`,
    `answered or one click away:  ${measure(report.answeredOrOneClick, counts.answeredCorrectly + counts.rightChoiceOffered, report.inScope, 'in scope: answered, or the right entry among the clarification choices')}`,
    `MRR:                         ${report.inScope === 0 ? '-' : report.mrr.toFixed(3)}`,
    `Recall@3:                    ${report.inScope === 0 ? '-' : percent(report.recallAt3)}`,
    `out-of-scope declined:       ${measure(report.declineRate, counts.declined, report.outOfScope, 'out of scope; plain declines only')}`,
    `vague not answered:          ${measure(report.vagueNotAnsweredRate, counts.vagueNotAnswered, report.vague, 'vague; clarified or declined')}`,
    `wrong answers:               ${palette[counts.wrongAnswers > 0 ? 'red' : 'green'](measure(report.wrongRate, counts.wrongAnswers, total, 'questions'))}`,
    `clarifications:              ${counts.clarified}`,
  ];
  const shapes = Object.entries(report.byShape ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (shapes.length > 0) {
    lines.push('', 'by shape of question:             right   right or one click away   wrong');
    for (const [shape, figures] of shapes) {
      const share = (count: number): string => `${count}/${figures.questions}`.padStart(7) + ` (${percent(count / figures.questions)})`.padEnd(9);
      lines.push(`  ${shape.padEnd(30)} ${share(figures.right)}  ${share(figures.rightOrOneClick)}            ${String(figures.wrong).padStart(3)}`);
    }
  }
  if (misses && report.misses && report.misses.length > 0) {
    const wrong = report.misses.filter((miss) => miss.wrong).length;
    lines.push('', palette.bold(`misses (${report.misses.length}; ${wrong} wrong answer${wrong === 1 ? '' : 's'}):`));
    for (const miss of report.misses) {
      lines.push(`  ${shown(miss.file)}:${miss.line}: "${miss.question}"${miss.wrong ? ` ${palette.red('[WRONG]')}` : ''}`);
      if (miss.after !== undefined) lines.push(`      after "${miss.after}"`);
      lines.push(`      expected ${miss.expected}, got ${miss.got}`);
      if (miss.reason !== undefined) lines.push(palette.dim(`      why: ${miss.reason}`));
    }
  }
  return lines.join('\n');
}

/** One line of figures for one file of a split. */
const fileLine = (report: EvalFigures): string =>
  `answered correctly ${percent(report.top1)}, or one click away ${percent(report.answeredOrOneClick)}, out-of-scope declined ${percent(report.declineRate)}, wrong answers ${report.counts.wrongAnswers}`;

/** Prints every split: its files (or why one was skipped), then its figures; misses for splits that are not held out. */
export function formatSplits(results: readonly SplitResult[], palette: Palette = plain): string {
  return results
    .map((result) => {
      const lines = [palette.bold(`${result.name} split`) + palette.dim(` (${result.purpose})`)];
      for (const file of result.files) {
        if (!file.present) lines.push(`  skipped ${shown(file.path)}: not there`);
        else lines.push(`  ${shown(file.path)}${file.report ? `: ${fileLine(file.report)}` : ''}`);
      }
      if (result.report === null) lines.push('  no questions to evaluate');
      else lines.push('', formatReport(result.report, { misses: !result.heldOut, palette }));
      return lines.join('\n');
    })
    .join('\n\n');
}

/** A question from the set whose answer differs between two knowledge bases. */
export interface AnswerChange {
  file: string;
  line: number;
  question: string;
  /** The question asked just before it, for a follow-up: ask that first to ask this one as it was. */
  askedAfter?: string;
  /** What the question set expects: entry ids joined by " | ", "decline" or "vague". */
  expected: string;
  /** What each side did: an entry id, "decline" or "clarify: a | b". */
  before: string;
  after: string;
  /** Whether each side's answer is one the question set expects. */
  beforeRight: boolean;
  afterRight: boolean;
  /** Why each side did what it did (the decision's reason), when it said. */
  beforeReason?: string;
  afterReason?: string;
}

/** Asks every question of the set of both answerers and lists the questions whose answer changed. */
export function compareAnswerers(before: Answerer, after: Answerer, cases: readonly EvalCase[]): AnswerChange[] {
  const [runBefore, runAfter] = [runAnswerer(before), runAnswerer(after)];
  return cases.flatMap((testCase) => {
    const [was, is] = [runCase(testCase, runBefore), runCase(testCase, runAfter)];
    const [wasText, isText] = [describeOutcome(was), describeOutcome(is)];
    if (wasText === isText) return [];
    return [
      {
        file: testCase.file,
        line: testCase.line,
        question: testCase.question,
        ...(testCase.after === undefined ? {} : { askedAfter: testCase.after }),
        expected: describeExpectation(testCase.expect, testCase.together, testCase.gap),
        before: wasText,
        after: isText,
        beforeRight: isRightOutcome(testCase, was),
        afterRight: isRightOutcome(testCase, is),
        ...(was.reason === undefined ? {} : { beforeReason: was.reason }),
        ...(is.reason === undefined ? {} : { afterReason: is.reason }),
      },
    ];
  });
}

/** True when an outcome (as {@link AnswerChange} words it) gives an entry's answer: not a decline, not a clarification. */
const isAnswer = (outcome: string): boolean => outcome !== 'decline' && !outcome.startsWith('clarify');

/**
 * What a change did: `fixed` (now right), `BROKEN` (was right and is not, or
 * was a decline or a clarification and is now a wrong answer) or `changed`
 * (wrong before and after, or a wrong answer that became a decline).
 */
export function verdictOf(change: AnswerChange): 'fixed' | 'BROKEN' | 'changed' {
  if (change.afterRight) return change.beforeRight ? 'changed' : 'fixed';
  // A wrong answer is worse than saying "I don't know" or asking which question was meant.
  return change.beforeRight || (!isAnswer(change.before) && isAnswer(change.after)) ? 'BROKEN' : 'changed';
}

/** Prints a comparison: the changed answers (fixed, broken or just different), then both sets of figures. */
export function formatComparison(ref: string, changes: readonly AnswerChange[], before: EvalReport, after: EvalReport, palette: Palette = plain): string {
  const colour = { fixed: palette.green, BROKEN: palette.red, changed: (text: string) => text } as const;
  const lines = [`Knowledge at ${ref} compared with the working tree: ${changes.length} answer${changes.length === 1 ? '' : 's'} changed.`];
  for (const change of changes) {
    const verdict = verdictOf(change);
    lines.push(`  ${shown(change.file)}:${change.line}: "${change.question}" [${colour[verdict](verdict)}]`);
    if (change.askedAfter !== undefined) lines.push(`      after "${change.askedAfter}"`);
    lines.push(`      ${ref}: ${change.before}  ->  working tree: ${change.after}  (expected ${change.expected})`);
    if (change.beforeReason !== undefined || change.afterReason !== undefined)
      lines.push(palette.dim(`      why: ${change.beforeReason ?? '-'}  ->  ${change.afterReason ?? '-'}`));
  }
  lines.push('', `${ref}:`, formatReport(before, { misses: false, palette }), '', 'working tree:', formatReport(after, { misses: false, palette }));
  return lines.join('\n');
}

const usage = `Usage: npm run eval -- [--knowledge DIR] [--eval-dir DIR | --questions FILE...] [--json] [--compare REF]
   or: npm run kb -- eval [same options]

Runs the evaluation question sets and reports two splits separately:
  tuned      tests/eval/questions.yaml and tests/eval/unseen-tuned.yaml: the figures and every miss
  held-out   tests/eval/unseen-held-out.yaml: never tune on these, so only the figures, never the questions
A file that is not there is skipped with a note. --eval-dir DIR reads those files from DIR instead;
--questions FILE (repeatable) evaluates just the files given, as one set.

Figures: answered correctly (top-1), answered or one click away (answered correctly, or the right entry
among the clarification choices), MRR and Recall@3 of the ranking, out-of-scope declined (plain declines
only), vague questions not answered, wrong answers (a wrong entry, or any answer to an out-of-scope or
vague question), and how many questions got a clarification.

With --compare REF (a branch, tag or commit, e.g. main), runs the tuned questions against the knowledge
files as they are at REF and as they are now, and prints every question whose answer changed, marked
fixed, BROKEN or changed, then both sets of figures. BROKEN means a right answer became a wrong one (or no
answer), or a decline or clarification became a wrong answer; --compare exits 1 when any answer broke.`;

interface EvalArgs {
  questions?: string[];
  'eval-dir'?: string;
  knowledge?: string;
  json?: boolean;
  compare?: string;
  help?: boolean;
}

function parseEvalArgs(argv: string[]): EvalArgs {
  try {
    const options = {
      questions: { type: 'string', multiple: true },
      'eval-dir': { type: 'string' },
      knowledge: { type: 'string' },
      json: { type: 'boolean' },
      compare: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } as const;
    const { values } = parseArgs({ args: argv, options });
    if (values.questions && values['eval-dir'] !== undefined) throw new UsageError('give either --questions or --eval-dir, not both');
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The splits to run: the files given with --questions as one set, or the tuned and held-out splits of the eval folder. */
function splitsFor(args: EvalArgs): LoadedSplit[] {
  if (args.questions) {
    const files = args.questions;
    return [
      loadSplit({ name: 'given', purpose: files.some(looksHeldOut) ? 'held out: figures only, no questions' : 'the files given', heldOut: files.some(looksHeldOut), files }, false),
    ];
  }
  return evalSplitsIn(args['eval-dir'] ?? defaultEvalDir).map((split) => loadSplit(split, true));
}

/** The evaluation command, shared by `npm run eval` and `npm run kb -- eval`. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseEvalArgs(argv);
    if (args.help) {
      process.stdout.write(`${usage}\n`);
      return kbExitCodes.ok;
    }
    const palette = args.json ? plain : paletteFor(process.stdout);
    const env = readEnvironment();
    const knowledgeDir = knowledgeDirOf(env, args.knowledge);
    const answerer = createAnswerer(knowledgeDir);
    const splits = splitsFor(args);
    const entryIds = new Set(answerer.knowledge.entries.map((entry) => entry.id));
    // A comparison may be of an edit that removed an entry: its questions then show as broken, not as an error.
    const unknown = args.compare === undefined ? findUnknownEntries(splits.flatMap(casesOf), entryIds) : [];
    if (unknown.length > 0) throw new KnowledgeError(unknown);
    const tunedCases = splits.filter((loaded) => !loaded.split.heldOut).flatMap(casesOf);
    const heldOutCases = splits.filter((loaded) => loaded.split.heldOut).flatMap(casesOf);
    const warnings = paletteFor(process.stderr);
    for (const leak of findHeldOutLeaks(heldOutCases, tunedCases, answerer.knowledge.entries))
      process.stderr.write(`${warnings.yellow(formatKnowledgeIssue({ ...leak, file: shown(leak.file) }, { withLevel: true }))}\n`);

    if (args.compare === undefined) {
      const results = splits.map((loaded) => evaluateSplit(answerer, loaded));
      process.stdout.write(args.json ? `${JSON.stringify({ splits: results })}\n` : `${formatSplits(results, palette)}\n`);
      return kbExitCodes.ok;
    }
    // Listing changed answers shows their questions: only the tuned split is compared.
    const ref = args.compare;
    const exported = exportKnowledgeAt(ref, knowledgeDir);
    try {
      const before = createAnswerer(exported.dir);
      const changes = compareAnswerers(before, answerer, tunedCases);
      const [beforeReport, afterReport] = [evaluateAnswerer(before, tunedCases), evaluateAnswerer(answerer, tunedCases)];
      process.stdout.write(
        args.json ? `${JSON.stringify({ ref, changes, before: beforeReport, after: afterReport })}\n` : `${formatComparison(ref, changes, beforeReport, afterReport, palette)}\n`,
      );
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
    return exitCodeOf(error, kbFailureCodes);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  exitQuietlyOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}

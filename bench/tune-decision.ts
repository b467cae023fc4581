/**
 * Tunes the answer / clarify / decline rule on the tuned evaluation split
 * (never the held-out one): a grid over the rule's thresholds, each rule
 * scored on every question, with k-fold cross-validation (the rule chosen on
 * k − 1 folds, measured on the fold left out), so that the figures of a rule
 * chosen on these very questions can be told from what to expect on new ones.
 *
 *   npx tsx bench/tune-decision.ts
 *   TUNE_GRID='{"soleTermTopic":[0]}' npx tsx bench/tune-decision.ts   (replace some of the grid's values)
 *
 * Prints the best rule in-sample with its figures per file, the
 * cross-validated figures, and the rule each fold chose.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultEvalDir, evalSplitsIn } from '../adapters/cli/eval-splits.js';
import { createRankerFor } from '../src/engine/create-answerer.js';
import { defaultDecisionRule, type Candidate, type DecisionRule } from '../src/engine/decide-answer.js';
import { decideMessage, type MessageDecider } from '../src/engine/decide-message.js';
import { createSmallTalkMatcher } from '../src/engine/small-talk.js';
import { evaluateCases, loadKnowledge, readQuestionSet, type EvalCase, type EvalCounts, type EvalRunner, type KnowledgeBase } from '../src/index.js';

/** The thresholds tried, each with its values; every other setting keeps its default. */
export type RuleGrid = { [K in keyof DecisionRule]?: readonly DecisionRule[K][] };

/** Every rule of a grid: the defaults with each combination of the values tried. */
export function rulesOf(grid: RuleGrid, base: DecisionRule = defaultDecisionRule): DecisionRule[] {
  let rules: DecisionRule[] = [{ ...base }];
  for (const [key, values] of Object.entries(grid) as [keyof DecisionRule, readonly unknown[]][]) {
    rules = rules.flatMap((rule) => values.map((value) => ({ ...rule, [key]: value })));
  }
  return rules;
}

/** Counts of one rule on some questions, with how many there were of each kind. */
export interface Tally extends EvalCounts {
  inScope: number;
  outOfScope: number;
  vague: number;
}

const emptyTally = (): Tally => ({ answeredCorrectly: 0, rightChoiceOffered: 0, declined: 0, vagueNotAnswered: 0, wrongAnswers: 0, clarified: 0, honestGaps: 0, smallTalkReplied: 0, inScope: 0, outOfScope: 0, vague: 0 });
const addTallies = (a: Tally, b: Tally): Tally => Object.fromEntries(Object.keys(a).map((key) => [key, a[key as keyof Tally] + b[key as keyof Tally]])) as unknown as Tally;

/**
 * What the tuning maximises: answered correctly, plus answered or one click
 * away, plus plain declines of out-of-scope questions, plus vague questions
 * not answered, minus three for each wrong answer (the worst outcome).
 */
export const objectiveOf = (tally: Tally): number =>
  2 * tally.answeredCorrectly + tally.rightChoiceOffered + tally.declined + tally.vagueNotAnswered - 3 * tally.wrongAnswers;

/** The fold of a question: a hash of its text (and the question before it), so folds never change between runs. */
export const foldOf = (testCase: Pick<EvalCase, 'question' | 'after'>, folds: number): number =>
  createHash('sha256').update(`${testCase.question}\u0000${testCase.after ?? ''}`).digest().readUInt32BE(0) % folds;

/** The figures of a cross-validated tuning. */
export interface Tuning {
  /** The rule that does best on every question, and its figures there. */
  inSample: { rule: DecisionRule; tally: Tally };
  /** Each fold's figures under the rule chosen without it, added up. */
  crossValidated: Tally;
  /** The rule each fold's training chose. */
  chosen: DecisionRule[];
  /** The index (in `rules`) of the rule each fold's training chose. */
  chosenIndex: number[];
}

/**
 * Chooses among rules by cross-validation, from each rule's tally on each
 * fold (`tallies[rule][fold]`). Ties go to the rule listed first.
 * @param allowed Whether a rule may be chosen, from its tally on the training folds (e.g. the test bar).
 */
export function crossValidate(rules: readonly DecisionRule[], tallies: readonly (readonly Tally[])[], allowed: (rule: number, folds: readonly number[]) => boolean = () => true): Tuning {
  const folds = tallies[0]?.length ?? 0;
  const bestOn = (use: readonly number[]): number => {
    let best = -1;
    let bestScore = -Infinity;
    tallies.forEach((perFold, index) => {
      if (!allowed(index, use)) return;
      const score = objectiveOf(use.map((fold) => perFold[fold]!).reduce(addTallies, emptyTally()));
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    });
    if (best < 0) throw new Error('tune-decision: no rule of the grid meets the bar');
    return best;
  };
  const all = Array.from({ length: folds }, (_, fold) => fold);
  const inSample = bestOn(all);
  const chosen = all.map((left) => bestOn(all.filter((fold) => fold !== left)));
  return {
    inSample: { rule: rules[inSample]!, tally: tallies[inSample]!.reduce(addTallies, emptyTally()) },
    crossValidated: chosen.map((rule, fold) => tallies[rule]![fold]!).reduce(addTallies, emptyTally()),
    chosen: chosen.map((rule) => rules[rule]!),
    chosenIndex: chosen,
  };
}

/** A runner of the real decision under any rule, ranking each question once. */
export function createRuleRunner(knowledge: KnowledgeBase): (rule: DecisionRule) => EvalRunner {
  const ranker = createRankerFor(knowledge);
  const ranked = new Map<string, Candidate[]>();
  const entryById = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  const decider: MessageDecider = {
    rank: (question, within) => {
      const key = `${question}\u0000${within ? [...within].join(' ') : ''}`;
      let candidates = ranked.get(key);
      if (!candidates) ranked.set(key, (candidates = ranker.rank(question, within)));
      return candidates;
    },
    contextOf: (previous) => {
      const entry = entryById.get(previous);
      return entry ? new Set([entry.id, ...entry.related]) : null;
    },
  };
  const smallTalk = createSmallTalkMatcher(knowledge.smallTalk);
  return (rule) => (question, previous) => {
    if (smallTalk(question) !== null) return { ranked: [], answeredWith: null, choices: [] };
    const { decision } = decideMessage(question, previous, decider, rule);
    return { ranked: [], answeredWith: decision.outcome === 'answer' ? decision.id : null, choices: decision.outcome === 'clarify' ? decision.ids : [] };
  };
}

/** A rule's tally on some questions. */
export function tallyOf(cases: readonly EvalCase[], run: EvalRunner): Tally {
  const report = evaluateCases(cases, run);
  return { ...report.counts, inScope: report.inScope, outOfScope: report.outOfScope, vague: report.vague };
}

const percent = (count: number, total: number): string => (total === 0 ? '   -  ' : `${((100 * count) / total).toFixed(1).padStart(5)}%`);

/** One line of figures: the four measures and the clarifications. */
export const formatTally = (tally: Tally): string =>
  [
    `answered correctly ${percent(tally.answeredCorrectly, tally.inScope)}`,
    `or one click away ${percent(tally.answeredCorrectly + tally.rightChoiceOffered, tally.inScope)}`,
    `out-of-scope declined ${percent(tally.declined, tally.outOfScope)}`,
    `vague not answered ${percent(tally.vagueNotAnswered, tally.vague)}`,
    `wrong ${String(tally.wrongAnswers).padStart(3)} (${percent(tally.wrongAnswers, tally.inScope + tally.outOfScope + tally.vague)})`,
    `clarified ${tally.clarified}`,
  ].join(', ');

/** The grid DESIGN.md reports: round values around the chosen rule. */
export const defaultGrid: RuleGrid = {
  minCoverage: [0.55, 0.65, 0.75],
  minStrength: [5, 7, 9],
  answerWeightedCoverage: [0.3, 0.4, 0.5, 0.6],
  answerTopic: [0.3, 0.4, 0.5],
  answerMargin: [1.05, 1.1, 1.2, 1.3],
  soleTermTopic: [0, 0.75],
  checkAskedFact: [false, true],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folds = 5;
  const files = evalSplitsIn(defaultEvalDir).filter((split) => !split.heldOut).flatMap((split) => split.files);
  const cases = files.flatMap((file) => readQuestionSet(file));
  const byFold = Array.from({ length: folds }, (_, fold) => cases.filter((testCase) => foldOf(testCase, folds) === fold));
  const barCases = byFold.map((foldCases) => foldCases.filter((testCase) => testCase.file === files[0]));
  const runnerFor = createRuleRunner(loadKnowledge(join(fileURLToPath(new URL('..', import.meta.url)), 'knowledge')));
  const rules = rulesOf({ ...defaultGrid, ...(JSON.parse(process.env.TUNE_GRID ?? '{}') as RuleGrid) });
  const started = Date.now();
  const tallies = rules.map((rule) => byFold.map((foldCases) => tallyOf(foldCases, runnerFor(rule))));
  // The test bar on questions.yaml (top-1 ≥ 90%, every out-of-scope question
  // declined) holds on the training folds, with two points to spare, so that
  // an ordinary knowledge edit does not break `npm test`.
  const barTallies = rules.map((rule) => barCases.map((foldCases) => tallyOf(foldCases, runnerFor(rule))));
  const meetsBar = (rule: number, use: readonly number[]): boolean => {
    const tally = use.map((fold) => barTallies[rule]![fold]!).reduce(addTallies, emptyTally());
    return tally.answeredCorrectly >= 0.92 * tally.inScope && tally.declined === tally.outOfScope;
  };
  const tuning = crossValidate(rules, tallies, meetsBar);
  const keys = Object.keys(defaultGrid) as (keyof DecisionRule)[];
  const describe = (rule: DecisionRule): string => keys.map((key) => `${key} ${String(rule[key])}`).join(', ');
  console.log(`${rules.length} rules, ${cases.length} questions, ${folds} folds (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`\nbest in-sample: ${describe(tuning.inSample.rule)}`);
  const run = runnerFor(tuning.inSample.rule);
  for (const file of files) console.log(`  ${file.slice(file.lastIndexOf('/') + 1).padEnd(20)} ${formatTally(tallyOf(cases.filter((testCase) => testCase.file === file), run))}`);
  console.log(`  ${'both'.padEnd(20)} ${formatTally(tuning.inSample.tally)}`);
  console.log('\ncross-validated (each fold under the rule chosen on the other four):');
  for (const file of files) {
    const perFold = byFold.map((foldCases, fold) => tallyOf(foldCases.filter((testCase) => testCase.file === file), runnerFor(rules[tuning.chosenIndex[fold]!]!)));
    console.log(`  ${file.slice(file.lastIndexOf('/') + 1).padEnd(20)} ${formatTally(perFold.reduce(addTallies, emptyTally()))}`);
  }
  console.log(`  ${'both'.padEnd(20)} ${formatTally(tuning.crossValidated)}`);
  for (const [fold, rule] of tuning.chosen.entries()) console.log(`  fold ${fold} chose ${describe(rule)}`);
}

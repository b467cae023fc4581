import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultEvalDir,
  evalSplitsIn,
  createAnswerer,
  decisionFeatures,
  gapFeatures,
  makeDirectory,
  untrainedDecisionModel,
  decisionRowsOf,
  readQuestionSet,
  trainDecisionModel,
  type CalibrationBand,
  type DecisionTally,
  type TrainingResult,
} from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';

/** Where the engine's trained decision model lives. */
export const decisionModelPath = fileURLToPath(new URL('../../../src/engine/decision-model.json', import.meta.url));

const percent = (count: number, total: number): string => (total === 0 ? '    -' : `${((100 * count) / total).toFixed(1).padStart(5)}%`);

/** The decision's cross-validated figures, one line. */
export function formatTally(tally: DecisionTally): string {
  return [
    `answered correctly ${percent(tally.right, tally.inScope)}`,
    `or one click away ${percent(tally.right + tally.oneClick, tally.inScope)}`,
    `near misses declined ${percent(tally.declined, tally.outOfScope)}`,
    `vague not answered ${percent(tally.vagueNotAnswered, tally.vague)}`,
    `wrong ${tally.wrong} (${percent(tally.wrong, tally.questions).trim()})`,
  ].join(', ');
}

/** The calibration table: for each band of predicted probability, how often an answer would have been right. */
export function formatCalibration(bands: readonly CalibrationBand[]): string {
  const lines = ['  probability   questions   mean predicted   right'];
  for (const band of bands)
    lines.push(
      `  ${band.from.toFixed(2)}–${band.to.toFixed(2)}   ${String(band.count).padStart(9)}   ${band.predicted.toFixed(3).padStart(14)}   ${percent(Math.round(band.observed * band.count), band.count)}`,
    );
  return lines.join('\n');
}

/** What `kb train` prints: the data, the chosen thresholds, the cross-validated figures and the calibration table. */
export function formatTraining(result: TrainingResult, files: readonly string[]): string {
  const { model, tally } = result;
  const { answer, clarify, high, medium } = model.thresholds;
  return [
    `trained on ${result.rows.length} questions of the tuned split (${files.join(', ')}), ${model.training.folds}-fold cross-validation, L2 ${model.training.l2}`,
    `thresholds: answer p ≥ ${answer.toFixed(3)}, else clarify when one of the best three p ≥ ${clarify.toFixed(3)}, else decline`,
    `confidence: high p ≥ ${high.toFixed(3)}, medium p ≥ ${medium.toFixed(3)}, low below`,
    `cross-validated: ${formatTally(tally)}`,
    '',
    'calibration (cross-validated probability that the best entry answers, against how often it did):',
    formatCalibration(model.training.calibration),
  ].join('\n');
}

/** `npm run kb -- train`: trains the decision model on the tuned split and prints how it does; `--write` keeps it. */
export const trainCommand: KbCommand = {
  name: 'train',
  summary: 'train the answer/clarify/decline model on the tuned evaluation split and print its calibration; --write keeps it',
  usage: `Usage: npm run kb -- train [--knowledge DIR] [--eval-dir DIR] [--write [--out FILE]]

Trains the decision model (when to answer, ask which was meant, or decline) on the tuned evaluation split
only, with 5-fold cross-validation, and prints the thresholds, the cross-validated figures and the calibration
table. The held-out split is never read. --eval-dir DIR reads the split's files from DIR (a missing one is
skipped). --write saves the model to src/engine/decision-model.json, where the engine reads it (or to --out
FILE); review the diff like any change.`,
  run(argv) {
    const { values } = parseCommandArgs(argv, { knowledge: { type: 'string' }, 'eval-dir': { type: 'string' }, write: { type: 'boolean' }, out: { type: 'string' } });
    if (values.out !== undefined && !values.write) throw new UsageError('--out says where --write saves the model: give --write too');
    const knowledgeDir = values.knowledge ?? knowledgeDirOf(readEnvironment());
    const tuned = evalSplitsIn(values['eval-dir'] ?? defaultEvalDir).find((split) => !split.heldOut)!;
    const files = tuned.files.filter((file) => existsSync(file));
    if (files.length === 0) throw new UsageError(`no tuned question set to train on: none of ${tuned.files.join(', ')} is there`);
    const cases = files.flatMap((file) => readQuestionSet(file));
    // What the decision sees does not depend on the model, so training needs none (the shipped one may no longer fit).
    const answerer = createAnswerer(knowledgeDir, {}, { model: untrainedDecisionModel(decisionFeatures, gapFeatures) });
    const rows = decisionRowsOf(cases, (question) => answerer.analyse(question), 5);
    const result = trainDecisionModel(rows);
    process.stdout.write(
      `${formatTraining(
        result,
        files.map((file) => basename(file)),
      )}\n`,
    );
    if (values.write) {
      const out = values.out ?? decisionModelPath;
      makeDirectory(dirname(resolve(out)));
      writeFileSync(out, `${JSON.stringify(result.model, null, 1)}\n`);
      process.stdout.write(`\nwrote ${out}\n`);
    }
    return kbExitCodes.ok;
  },
};

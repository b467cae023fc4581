import { readQuestionLogFiles } from '../../../src/index.js';
import { describePostgresUrl, importQuestionLog, isPostgresUrl } from '../../shared/postgres-question-log.js';
import { readQuestionLogSettings } from '../../shared/question-log-settings.js';
import { readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';

const usage = `Usage: npm run kb -- log import [--from DIR|FILE] [--to postgres://…]

Copies a question log kept in JSON Lines files into PostgreSQL, creating or migrating its table first.
  --from  a data folder (all its daily files, and an older questions.jsonl) or one file; default DATA_DIR
  --to    the database; default QUESTION_LOG_URL
Each record goes in once: one already there (the same answer id, or the same rating at the same time) is
left alone, so it is safe to run again, after an interrupted run or with files that grew since. The files
are not changed: once \`npm run kb -- stats\` counts the same from PostgreSQL, remove them yourself.
Corrupt lines are skipped with a warning, as kb gaps skips them.`;

const plural = (count: number, word: string): string => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;

/** `kb log import`: the JSON Lines log of one replica (or of the time before PostgreSQL) into the shared one. */
async function importLog(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { from: { type: 'string' }, to: { type: 'string' } }, true);
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}"`);
  const settings = readQuestionLogSettings(readEnvironment());
  const to = values.to ?? settings.url;
  const toSetting = values.to === undefined ? 'QUESTION_LOG_URL' : '--to';
  if (to === undefined) throw new UsageError('say where to import to: --to postgres://USER:PASSWORD@HOST:5432/DATABASE, or set QUESTION_LOG_URL');
  if (!isPostgresUrl(to)) throw new UsageError(`${toSetting} must be a postgres:// URL`);
  const from = values.from ?? settings.dataDir;
  const stored = readQuestionLogFiles(from);
  for (const line of stored.corrupt) process.stderr.write(`${line.file ?? from}:${line.line}: warning: skipped: ${line.message}\n`);
  if (!stored.exists) {
    process.stderr.write(`No question log at ${from}: nothing to import (give the folder or file with --from).\n`);
    return kbExitCodes.problems;
  }
  const { added, alreadyThere } = await importQuestionLog(to, toSetting, stored.records);
  const skipped = stored.corrupt.length > 0 ? `; ${plural(stored.corrupt.length, 'corrupt line')} skipped` : '';
  process.stdout.write(
    `Imported ${plural(added, 'record')} from ${plural(stored.files.length, 'file')} in ${from} into ${describePostgresUrl(to)} (${plural(alreadyThere, 'record')} already there${skipped}).\n`,
  );
  return kbExitCodes.ok;
}

export const logCommand: KbCommand = {
  name: 'log',
  summary: 'log import: copy a JSON Lines question log into PostgreSQL (safe to run twice)',
  usage,
  run(argv) {
    const [action, ...rest] = argv;
    if (action === 'import') return importLog(rest);
    throw new UsageError(action === undefined ? 'say what to do with the log: import' : `unknown action "${action}" (there is: import)`);
  },
};

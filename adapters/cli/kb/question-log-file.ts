import { readQuestionLogFiles, type CorruptLogLine, type LogRecord } from '../../../src/index.js';
import { isPostgresUrl, readPostgresQuestionLog } from '../../shared/postgres-question-log.js';
import { describeQuestionLogLocation, questionLogLocation, readQuestionLogSettings } from '../../shared/question-log-settings.js';
import { readEnvironment } from '../../shared/settings.js';

/** The question log as the kb commands read it. */
export interface LoadedQuestionLog {
  /** Where it was read from, for a person: a folder, a file, or a PostgreSQL server and database (never a password). */
  path: string;
  /** True when read from PostgreSQL: `path` is then a URL, not a file. */
  inDatabase: boolean;
  records: LogRecord[];
  /** Lines (or rows) skipped as unreadable. */
  corrupt: CorruptLogLine[];
}

/** The `--log` option every command that reads the log takes. */
export const logOptionHelp = `--log takes a data folder (its daily files read as one log), one file, or a postgres:// URL;
without it, the log is where the bot writes it: QUESTION_LOG_URL when set, else DATA_DIR.`;

/**
 * Reads the question log: `--log` when given (a folder, a file or a
 * postgres:// URL), else where the settings put it (QUESTION_LOG_URL, else
 * DATA_DIR's daily files), in the same order and shape whichever it is. Says
 * on stderr when there is none yet (an empty log, not an error) and names
 * every corrupt line it skipped.
 * @throws {RtpError} `QUESTION_LOG_UNREACHABLE` when PostgreSQL cannot be read.
 */
export async function loadQuestionLog(logOption: string | undefined): Promise<LoadedQuestionLog> {
  const location = logOption ?? questionLogLocation(readQuestionLogSettings(readEnvironment()));
  const path = describeQuestionLogLocation(location);
  const inDatabase = isPostgresUrl(location);
  const stored = inDatabase ? await readPostgresQuestionLog(location, logOption === undefined ? 'QUESTION_LOG_URL' : '--log') : readQuestionLogFiles(location);
  if (!stored.exists) process.stderr.write(`No question log yet at ${path}: it fills as people ask questions (see DATA_DIR and QUESTION_LOG_URL in .env.example).\n`);
  for (const line of stored.corrupt) process.stderr.write(`${line.file ?? path}:${line.line}: warning: skipped: ${line.message}\n`);
  return { path, inDatabase, records: stored.records, corrupt: stored.corrupt };
}

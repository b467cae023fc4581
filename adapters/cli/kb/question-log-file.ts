import { readQuestionLogFile, type CorruptLogLine, type LogRecord } from '../../../src/index.js';
import { readQuestionLogSettings } from '../../shared/question-log-settings.js';
import { readEnvironment } from '../../shared/settings.js';

/** The question log as the kb commands read it. */
export interface LoadedQuestionLog {
  path: string;
  records: LogRecord[];
  /** Lines skipped as unreadable. */
  corrupt: CorruptLogLine[];
}

/**
 * Reads the question log: `--log FILE` when given, else DATA_DIR's. Says on
 * stderr when there is none yet (an empty log, not an error) and names every
 * corrupt line it skipped.
 */
export function loadQuestionLog(logOption: string | undefined): LoadedQuestionLog {
  const path = logOption ?? readQuestionLogSettings(readEnvironment()).path;
  const { exists, records, corrupt } = readQuestionLogFile(path);
  if (!exists) process.stderr.write(`No question log yet at ${path}: it fills as people ask questions (see DATA_DIR in .env.example).\n`);
  for (const line of corrupt) process.stderr.write(`${path}:${line.line}: warning: skipped: ${line.message}\n`);
  return { path, records, corrupt };
}

import { readQuestionLogFiles, type LogRecord } from '../../src/index.js';
import { readPostgresQuestionLog } from '../../adapters/shared/postgres-question-log.js';

/**
 * The question records a load leg's bot wrote: from PostgreSQL when the leg
 * ran with a QUESTION_LOG_URL (its own database), else from the daily files
 * in its DATA_DIR.
 */
export async function countLoggedQuestions(dataDir: string, questionLogUrl: string | undefined): Promise<number> {
  const records: LogRecord[] = questionLogUrl ? (await readPostgresQuestionLog(questionLogUrl, 'QUESTION_LOG_URL')).records : readQuestionLogFiles(dataDir).records;
  return records.filter((record) => record.type === 'question').length;
}

import * as z from 'zod';
import { createJsonlQuestionLog, defaultQuestionLogRetentionDays, type QuestionLog, type QuestionLogBuffer } from '../../src/index.js';
import type { LogLine } from './log-format.js';
import { describePostgresUrl, openPostgresQuestionLog } from './postgres-question-log.js';
import { dataDirOf, parseSettings } from './settings.js';

export { defaultDataDir } from './settings.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

// `.env` files hold `NAME=` for settings not in use: blank means unset.
const blankAsUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const retentionMessage = `must be a whole number of days to keep questions for, from 0 (keep everything) to 36500 (default ${defaultQuestionLogRetentionDays})`;

const questionLogSchema = z
  .object({
    DATA_DIR: z.string().optional(),
    QUESTION_LOG_HASH_ASKERS: flag,
    QUESTION_LOG_SALT: z.string().optional(),
    QUESTION_LOG_URL: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol) && new URL(value).hostname !== '', {
          message: 'must be a postgres:// URL with a host, like postgres://rtp:PASSWORD@db.internal:5432/rtp (see .env.example)',
        })
        .optional(),
    ),
    QUESTION_LOG_RETENTION_DAYS: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .regex(/^\d{1,5}$/, { message: retentionMessage })
        .transform(Number)
        .refine((days) => days <= 36_500, { message: retentionMessage })
        .optional(),
    ),
  })
  .superRefine((settings, context) => {
    if (settings.QUESTION_LOG_HASH_ASKERS && (settings.QUESTION_LOG_SALT ?? '').length < 16) {
      context.addIssue({
        code: 'custom',
        path: ['QUESTION_LOG_SALT'],
        message: 'must be a secret random string of at least 16 characters when QUESTION_LOG_HASH_ASKERS is true (e.g. the output of `openssl rand -hex 32`)',
      });
    }
  });

/** Where the question log lives, how long it keeps records, and whether askers are hashed, as the settings say. */
export interface QuestionLogSettings {
  /** The data folder (DATA_DIR, default ./data in the repository): the log's daily files, unless `url` is set. */
  dataDir: string;
  /** QUESTION_LOG_URL: the log is in PostgreSQL there instead of DATA_DIR. Holds a password: never print it. */
  url: string | undefined;
  /** QUESTION_LOG_RETENTION_DAYS: days of records kept; 0 keeps everything. */
  retentionDays: number;
  /** The salt for hashing askers, or undefined when no asker is stored. */
  askerSalt: string | undefined;
}

/**
 * Reads the question log settings: DATA_DIR, QUESTION_LOG_URL, QUESTION_LOG_RETENTION_DAYS,
 * QUESTION_LOG_HASH_ASKERS, QUESTION_LOG_SALT.
 * @throws {ConfigError} naming every wrong setting, never its value.
 */
export function readQuestionLogSettings(env: NodeJS.ProcessEnv): QuestionLogSettings {
  const settings = parseSettings('question log', questionLogSchema, env);
  return {
    dataDir: dataDirOf(settings),
    url: settings.QUESTION_LOG_URL,
    retentionDays: settings.QUESTION_LOG_RETENTION_DAYS ?? defaultQuestionLogRetentionDays,
    askerSalt: settings.QUESTION_LOG_HASH_ASKERS ? settings.QUESTION_LOG_SALT : undefined,
  };
}

/** Where the settings put the log, as the kb tools read it: the PostgreSQL URL, or the data folder. */
export const questionLogLocation = (settings: QuestionLogSettings): string => settings.url ?? settings.dataDir;

/**
 * Opens the question log the settings describe: in PostgreSQL with
 * QUESTION_LOG_URL, else JSON Lines files in DATA_DIR. A failing store is
 * reported once on the operator's log and then tolerated: answers never
 * depend on it.
 * @throws {ConfigError} when the settings are wrong.
 * @throws {RtpError} `QUESTION_LOG_UNREACHABLE` when PostgreSQL cannot be reached or refuses the login.
 */
export async function openQuestionLog(env: NodeJS.ProcessEnv, log: LogLine): Promise<QuestionLog & QuestionLogBuffer> {
  const { dataDir, url, retentionDays, askerSalt } = readQuestionLogSettings(env);
  if (url) return openPostgresQuestionLog(url, { log, askerSalt, retentionDays });
  return createJsonlQuestionLog({
    dir: dataDir,
    askerSalt,
    retentionDays,
    onError: (error) => log('warn', `question log: cannot write to ${dataDir} (${error.message}); questions are still answered, and the log catches up when the disk recovers`),
    onPrune: (removed) =>
      log(
        'info',
        `question log: removed ${removed.length} daily file${removed.length === 1 ? '' : 's'} older than ${retentionDays} days (QUESTION_LOG_RETENTION_DAYS): ${removed.join(', ')}`,
      ),
  });
}

/** The question log's location for a person: the data folder, or the PostgreSQL server and database without credentials. */
export const describeQuestionLogLocation = (location: string): string => (/^postgres(ql)?:\/\//i.test(location) ? describePostgresUrl(location) : location);

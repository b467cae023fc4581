import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createJsonlQuestionLog, defaultJsonlQuestionLogOptions, type QuestionLog } from '../../src/index.js';
import type { LogLine } from './platform.js';
import { packageRoot, parseSettings } from './settings.js';

/** The repository's data/ folder (git-ignored), where the question log goes by default. */
export const defaultDataDir = join(packageRoot, 'data');

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const questionLogSchema = z
  .object({
    DATA_DIR: z.string().optional(),
    QUESTION_LOG_HASH_ASKERS: flag,
    QUESTION_LOG_SALT: z.string().optional(),
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

/** Where the question log lives and whether askers are hashed, as the settings say. */
export interface QuestionLogSettings {
  /** The data folder (DATA_DIR, default ./data in the repository). */
  dataDir: string;
  /** The log file. */
  path: string;
  /** The salt for hashing askers, or undefined when no asker is stored. */
  askerSalt: string | undefined;
}

/**
 * Reads the question log settings: DATA_DIR, QUESTION_LOG_HASH_ASKERS, QUESTION_LOG_SALT.
 * @throws {ConfigError} naming every wrong setting, never its value.
 */
export function readQuestionLogSettings(env: NodeJS.ProcessEnv): QuestionLogSettings {
  const settings = parseSettings('question log', questionLogSchema, env);
  const dataDir = settings.DATA_DIR ? resolve(settings.DATA_DIR) : defaultDataDir;
  return {
    dataDir,
    path: resolve(dataDir, defaultJsonlQuestionLogOptions.fileName),
    askerSalt: settings.QUESTION_LOG_HASH_ASKERS ? settings.QUESTION_LOG_SALT : undefined,
  };
}

/**
 * Opens the question log the settings describe. A failing disk is reported
 * once on the operator's log and then tolerated: answers never depend on it.
 * @throws {ConfigError} when the settings are wrong.
 */
export function openQuestionLog(env: NodeJS.ProcessEnv, log: LogLine): QuestionLog {
  const { dataDir, askerSalt } = readQuestionLogSettings(env);
  return createJsonlQuestionLog({
    dir: dataDir,
    askerSalt,
    onError: (error) => log('warn', `question log: cannot write to ${dataDir} (${error.message}); questions are still answered, and the log catches up when the disk recovers`),
  });
}

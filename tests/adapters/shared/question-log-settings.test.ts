import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionLogSettings, defaultDataDir } from '../../../adapters/shared/question-log-settings.js';
import { ConfigError } from '../../../src/index.js';

describe('readQuestionLogSettings', () => {
  it('defaults to data/ in the repository and stores no asker', () => {
    expect(readQuestionLogSettings({})).toEqual({ dataDir: defaultDataDir, path: join(defaultDataDir, 'questions.jsonl'), askerSalt: undefined });
    expect(defaultDataDir).toBe(resolve(import.meta.dirname, '../../../data'));
  });

  it('resolves DATA_DIR and turns hashing on with a salt', () => {
    const settings = readQuestionLogSettings({ DATA_DIR: 'some/where', QUESTION_LOG_HASH_ASKERS: 'true', QUESTION_LOG_SALT: '0123456789abcdef0123' });
    expect(settings).toEqual({ dataDir: resolve('some/where'), path: resolve('some/where/questions.jsonl'), askerSalt: '0123456789abcdef0123' });
    expect(readQuestionLogSettings({ QUESTION_LOG_HASH_ASKERS: 'false', QUESTION_LOG_SALT: '0123456789abcdef0123' }).askerSalt).toBeUndefined();
  });

  it('names every wrong setting and never prints the salt', () => {
    const attempt = () => readQuestionLogSettings({ QUESTION_LOG_HASH_ASKERS: 'true', QUESTION_LOG_SALT: 'short-secret' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.setting)).toEqual(['QUESTION_LOG_SALT']);
      expect((error as Error).message).not.toContain('short-secret');
    }
    expect(() => readQuestionLogSettings({ QUESTION_LOG_HASH_ASKERS: 'maybe' })).toThrow(/QUESTION_LOG_HASH_ASKERS: must be true or false/);
  });
});

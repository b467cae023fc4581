import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionLogSettings, defaultDataDir } from '../../../adapters/shared/question-log-settings.js';
import { ConfigError } from '../../../src/index.js';

describe('readQuestionLogSettings', () => {
  it('defaults to data/ in the repository and stores no asker', () => {
    expect(readQuestionLogSettings({})).toEqual({ dataDir: defaultDataDir, url: undefined, retentionDays: 180, askerSalt: undefined });
    expect(defaultDataDir).toBe(resolve(import.meta.dirname, '../../../data'));
  });

  it('resolves DATA_DIR and turns hashing on with a salt', () => {
    const settings = readQuestionLogSettings({ DATA_DIR: 'some/where', QUESTION_LOG_HASH_ASKERS: 'true', QUESTION_LOG_SALT: '0123456789abcdef0123' });
    expect(settings).toEqual({ dataDir: resolve('some/where'), url: undefined, retentionDays: 180, askerSalt: '0123456789abcdef0123' });
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

  it('reads QUESTION_LOG_URL (postgres:// or postgresql://) and QUESTION_LOG_RETENTION_DAYS, blank meaning unset', () => {
    const url = 'postgres://rtp:a-secret-password@db.internal:5432/rtp';
    expect(readQuestionLogSettings({ QUESTION_LOG_URL: url, QUESTION_LOG_RETENTION_DAYS: '30' })).toMatchObject({ url, retentionDays: 30 });
    expect(readQuestionLogSettings({ QUESTION_LOG_URL: 'postgresql://db.internal/rtp' }).url).toBe('postgresql://db.internal/rtp');
    expect(readQuestionLogSettings({ QUESTION_LOG_URL: ' ', QUESTION_LOG_RETENTION_DAYS: '' })).toMatchObject({ url: undefined, retentionDays: 180 });
    // 0 keeps everything.
    expect(readQuestionLogSettings({ QUESTION_LOG_RETENTION_DAYS: '0' }).retentionDays).toBe(0);
  });

  it('names a QUESTION_LOG_URL that is not a postgres:// URL and a retention that is not a number of days, never the URL', () => {
    const url = 'mysql://rtp:a-secret-password@db.internal/rtp';
    const attempt = () => readQuestionLogSettings({ QUESTION_LOG_URL: url, QUESTION_LOG_RETENTION_DAYS: '-3' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.setting)).toEqual(['QUESTION_LOG_URL', 'QUESTION_LOG_RETENTION_DAYS']);
      expect((error as Error).message).toMatch(/QUESTION_LOG_URL: must be a postgres:\/\/ URL with a host/);
      expect((error as Error).message).toMatch(/QUESTION_LOG_RETENTION_DAYS: must be a whole number of days/);
      expect((error as Error).message).not.toContain('a-secret-password');
    }
    for (const days of ['7.5', 'forever', '36501']) expect(() => readQuestionLogSettings({ QUESTION_LOG_RETENTION_DAYS: days }), days).toThrow(/QUESTION_LOG_RETENTION_DAYS/);
    expect(() => readQuestionLogSettings({ QUESTION_LOG_URL: 'postgres:///rtp' })).toThrow(/QUESTION_LOG_URL/);
  });
});

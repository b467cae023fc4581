import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../../src/index.js';
import { readOperationsSettings } from '../../../adapters/shared/operations-settings.js';
import { rateLimitSettingsShape } from '../../../adapters/shared/rate-limit.js';
import { checkEverySetting, packageRoot, parseSettings } from '../../../adapters/shared/settings.js';

const issuesOf = (read: () => unknown): { setting: string; message: string }[] => {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
};

describe('readOperationsSettings', () => {
  it('defaults to human logs, no health server, no Redis and 10 questions a minute, blank settings counting as unset', () => {
    const defaults = { logFormat: 'human', health: undefined, redisUrl: undefined, rateLimitPerMinute: 10 };
    expect(readOperationsSettings({})).toEqual(defaults);
    expect(readOperationsSettings({ LOG_FORMAT: '', HEALTH_PORT: ' ', HEALTH_HOST: '', REDIS_URL: '', RATE_LIMIT_PER_MINUTE: '' })).toEqual(defaults);
  });

  it('reads every setting', () => {
    expect(
      readOperationsSettings({ LOG_FORMAT: 'json', HEALTH_PORT: '9090', HEALTH_HOST: '127.0.0.1', REDIS_URL: 'rediss://:pw@redis.internal:6380/2', RATE_LIMIT_PER_MINUTE: '0' }),
    ).toEqual({
      logFormat: 'json',
      health: { port: 9090, host: '127.0.0.1' },
      redisUrl: 'rediss://:pw@redis.internal:6380/2',
      rateLimitPerMinute: 0,
    });
    expect(readOperationsSettings({ HEALTH_PORT: '0' }).health).toEqual({ port: 0, host: undefined });
  });

  it('names every bad setting, never its value', () => {
    const values = { LOG_FORMAT: 'XML-format', HEALTH_PORT: '70000', REDIS_URL: 'http://user:secret-in-url@cache:6379' };
    const issues = issuesOf(() => readOperationsSettings(values));
    expect(issues.map((issue) => issue.setting)).toEqual(['LOG_FORMAT', 'HEALTH_PORT', 'REDIS_URL']);
    for (const value of Object.values(values)) expect(JSON.stringify(issues)).not.toContain(value);
    for (const url of ['redis://', 'not a url', 'redis//cache:6379'])
      expect(issuesOf(() => readOperationsSettings({ REDIS_URL: url })).map((issue) => issue.setting)).toEqual(['REDIS_URL']);
  });
});

describe('.env.example', () => {
  it('lists every operations setting, empty, under a comment saying what it does', () => {
    const lines = readFileSync(`${packageRoot}/.env.example`, 'utf8').split('\n');
    for (const setting of ['LOG_FORMAT', 'HEALTH_PORT', 'HEALTH_HOST', 'REDIS_URL', 'RATE_LIMIT_PER_MINUTE']) {
      const at = lines.indexOf(`${setting}=`);
      expect(at, setting).toBeGreaterThan(0);
      expect(lines[at - 1], setting).toMatch(/^# \S/);
    }
  });
});

describe('checkEverySetting', () => {
  const rateLimit = z.object({ ...rateLimitSettingsShape });
  const token = z.object({ TOKEN_A: z.string({ error: 'is required' }) });

  it('names the bad settings of every part in one ConfigError, a setting read by several parts once', () => {
    let error: unknown;
    try {
      checkEverySetting({ RATE_LIMIT_PER_MINUTE: 'many' }, [
        { scope: 'Slack', check: (env) => parseSettings('Slack', rateLimit.extend(token.shape), env) },
        { scope: 'question log', check: () => undefined },
        { scope: 'Discord', check: (env) => parseSettings('Discord', rateLimit, env) },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^rtp-bot: the Slack and Discord settings are not usable:\n/);
    expect((error as ConfigError).issues.map((issue) => issue.setting)).toEqual(['RATE_LIMIT_PER_MINUTE', 'TOKEN_A']);
  });

  it('passes when every part is fine, and lets any other error through as it is', () => {
    expect(() => checkEverySetting({ TOKEN_A: 'a' }, [{ scope: 'Slack', check: (env) => parseSettings('Slack', token, env) }])).not.toThrow();
    expect(() =>
      checkEverySetting({}, [
        {
          scope: 'x',
          check: () => {
            throw new RangeError('not a settings problem');
          },
        },
      ]),
    ).toThrow(RangeError);
  });
});

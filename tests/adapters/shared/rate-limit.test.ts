import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../../src/index.js';
import { checkAskerLimit, createAskerLimiter, rateLimitSettingsShape } from '../../../adapters/shared/rate-limit.js';
import { parseSettings } from '../../../adapters/shared/settings.js';

const schema = z.object({ ...rateLimitSettingsShape });
const parse = (env: NodeJS.ProcessEnv) => parseSettings('rate limit', schema, env);

describe('RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to 10 when missing or empty, and reads a whole number', () => {
    expect(parse({}).RATE_LIMIT_PER_MINUTE).toBe(10);
    expect(parse({ RATE_LIMIT_PER_MINUTE: '' }).RATE_LIMIT_PER_MINUTE).toBe(10);
    expect(parse({ RATE_LIMIT_PER_MINUTE: ' 25 ' }).RATE_LIMIT_PER_MINUTE).toBe(25);
    expect(parse({ RATE_LIMIT_PER_MINUTE: '0' }).RATE_LIMIT_PER_MINUTE).toBe(0);
  });

  it('names the setting, and says what it wants, when it is not a whole number', () => {
    for (const value of ['ten', '-1', '2.5', '1e3']) {
      let error: unknown;
      try {
        parse({ RATE_LIMIT_PER_MINUTE: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([{ setting: 'RATE_LIMIT_PER_MINUTE', message: expect.stringMatching(/whole number .* per minute/) }]);
      expect((error as ConfigError).message).not.toContain(value);
    }
  });
});

describe('checkAskerLimit', () => {
  it('lets a user ask up to the limit, then returns the polite refusal', async () => {
    const limiter = createAskerLimiter({ RATE_LIMIT_PER_MINUTE: 2 });
    expect(await checkAskerLimit(limiter, 'slack', 'U1')).toBeNull();
    expect(await checkAskerLimit(limiter, 'slack', 'U1')).toBeNull();
    expect(await checkAskerLimit(limiter, 'slack', 'U1')).toMatch(/^You have asked a lot of questions .* Please try again in \d+ seconds?\.$/);
    // Another user, or the same id on another platform, is counted apart.
    expect(await checkAskerLimit(limiter, 'slack', 'U2')).toBeNull();
    expect(await checkAskerLimit(limiter, 'discord', 'U1')).toBeNull();
  });

  it('never refuses when the setting is 0', async () => {
    const limiter = createAskerLimiter({ RATE_LIMIT_PER_MINUTE: 0 });
    for (let question = 0; question < 1_000; question += 1) expect(await checkAskerLimit(limiter, 'discord', 'U1')).toBeNull();
  });
});

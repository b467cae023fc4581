import * as z from 'zod';
import type { LogFormat } from './log-format.js';
import { rateLimitSettingsShape } from './rate-limit.js';
import { parseSettings } from './settings.js';

// `.env` files hold `NAME=` for settings not in use: blank means unset.
const blankAsUnset = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const portMessage = 'must be a port number from 0 to 65535 (0 picks a free one, printed at start-up)';

/** The settings of `npm start` itself, beyond any platform's. Every message names the fault, never the value. */
const operationsSchema = z.object({
  LOG_FORMAT: blankAsUnset(z.enum(['human', 'json'], { error: 'must be "human" (the default: one readable line per event) or "json" (one JSON object per line)' })),
  HEALTH_PORT: blankAsUnset(z.coerce.number({ error: portMessage }).int({ message: portMessage }).min(0, { message: portMessage }).max(65535, { message: portMessage })),
  HEALTH_HOST: blankAsUnset(z.string().trim()),
  REDIS_URL: blankAsUnset(
    z
      .string()
      .trim()
      .refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol) && new URL(value).hostname !== '', {
        message: 'must be a redis:// or rediss:// URL with a host, like redis://127.0.0.1:6379 (see .env.example for a password)',
      }),
  ),
  ...rateLimitSettingsShape,
});

/** Where the health server listens. */
export interface HealthSettings {
  /** `HEALTH_PORT`; 0 picks a free port. */
  port: number;
  /** `HEALTH_HOST`. @default all addresses */
  host: string | undefined;
}

/** The settings of `npm start` itself, validated. */
export interface OperationsSettings {
  /** `LOG_FORMAT`. @default 'human' */
  logFormat: LogFormat;
  /** `HEALTH_PORT` and `HEALTH_HOST`; no health server when `HEALTH_PORT` is unset. */
  health: HealthSettings | undefined;
  /** `REDIS_URL`: share the rate limit and Slack event de-duplication through Redis; in memory when unset. Holds a secret when it carries a password: never print it. */
  redisUrl: string | undefined;
  /** `RATE_LIMIT_PER_MINUTE`: questions each user may ask per minute, 0 for no limit. @default 10 */
  rateLimitPerMinute: number;
}

/**
 * Reads `LOG_FORMAT`, `HEALTH_PORT`, `HEALTH_HOST`, `REDIS_URL` and `RATE_LIMIT_PER_MINUTE`.
 * @throws {ConfigError} naming every bad setting, never its value.
 */
export function readOperationsSettings(env: NodeJS.ProcessEnv): OperationsSettings {
  const parsed = parseSettings('operations', operationsSchema, env);
  return {
    logFormat: parsed.LOG_FORMAT ?? 'human',
    health: parsed.HEALTH_PORT === undefined ? undefined : { port: parsed.HEALTH_PORT, host: parsed.HEALTH_HOST },
    redisUrl: parsed.REDIS_URL,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
  };
}

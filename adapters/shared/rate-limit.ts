import { createHash } from 'node:crypto';
import * as z from 'zod';
import { createRateLimiter, defaultRateLimitOptions, formatRateLimitMessage, type Platform, type RateLimitDecision } from '../../src/index.js';
import type { SharedStore } from './redis.js';

/**
 * The rate-limit setting, as a zod shape that each adapter spreads into its
 * own settings schema, so one ConfigError lists every bad setting at once:
 * `z.object({ ...adapterShape, ...rateLimitSettingsShape })`.
 *
 * `RATE_LIMIT_PER_MINUTE`: questions each user may ask per minute (default 10);
 * `0` turns the limit off.
 */
export const rateLimitSettingsShape = {
  RATE_LIMIT_PER_MINUTE: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, { message: `must be a whole number of questions each user may ask per minute (0 turns the limit off; default ${defaultRateLimitOptions.limit})` })
    .optional()
    .transform((value) => (value === undefined || value === '' ? defaultRateLimitOptions.limit : Number(value))),
};

/** The parsed rate-limit setting. */
export type RateLimitSettings = { RATE_LIMIT_PER_MINUTE: number };

/**
 * The per-user limit as adapters see it. Asynchronous, so that the count can
 * live outside the process (shared by several replicas) as well as in memory.
 */
export interface AskerLimiter {
  /** Counts a request by `key` if it is within the limit, and says whether it may go ahead. Never rejects. */
  take(key: string): Promise<RateLimitDecision>;
}

const unlimited: AskerLimiter = { take: () => Promise.resolve({ allowed: true, retryAfterMs: 0 }) };

/** The per-user limiter an adapter uses by default: one-minute windows in memory, or no limit when the setting is 0. */
export function createAskerLimiter(settings: RateLimitSettings): AskerLimiter {
  if (settings.RATE_LIMIT_PER_MINUTE === 0) return unlimited;
  const limiter = createRateLimiter({ limit: settings.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });
  return { take: (key) => Promise.resolve(limiter.take(key)) };
}

/** Where the Redis-backed limiter keeps its counts: `rtp:rate:<hash of platform:user id>`. */
export const redisRateLimitPrefix = 'rtp:rate';

/** A user's key as Redis sees it: a SHA-256 hash, so the shared store never holds a platform user id in plain. */
export const redisAskerKey = (key: string): string => createHash('sha256').update(key).digest('base64url');

/**
 * The per-user limiter shared by every process using the same Redis
 * (`REDIS_URL`): a user's 11th question in a minute is refused whichever
 * replica gets it. One-minute windows from a user's first question, counted
 * atomically in Redis by rate-limiter-flexible. When Redis fails, the limit
 * fails open (questions go ahead; the store warns once), so an outage never
 * stops answers. No limit when the setting is 0.
 */
export async function createRedisAskerLimiter(store: SharedStore, settings: RateLimitSettings): Promise<AskerLimiter> {
  if (settings.RATE_LIMIT_PER_MINUTE === 0) return unlimited;
  const { RateLimiterRedis, RateLimiterRes } = await import('rate-limiter-flexible');
  const limiter = new RateLimiterRedis({
    storeClient: store.client,
    points: settings.RATE_LIMIT_PER_MINUTE,
    duration: 60,
    keyPrefix: redisRateLimitPrefix,
    rejectIfRedisNotReady: true,
  });
  const allowed: RateLimitDecision = { allowed: true, retryAfterMs: 0 };
  return {
    take: (key) =>
      store.run(
        () =>
          limiter.consume(redisAskerKey(key)).then(
            () => allowed,
            // Over the limit, rate-limiter-flexible rejects with its result; anything else is a store failure.
            (rejection: unknown) => {
              if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
              throw rejection;
            },
          ),
        () => allowed,
      ),
  };
}

/** The key {@link checkAskerLimit} counts a user's questions under: the platform, then the user's id. */
export const askerKey = (platform: Platform, userId: string): string => `${platform}:${userId}`;

/** The platform an {@link askerKey} belongs to (for metrics, which never see the user). */
export const platformOfAskerKey = (key: string): string => key.slice(0, key.indexOf(':'));

/**
 * Counts a question from a user and returns the polite refusal to send
 * instead of an answer when they are over the limit, or `null` to go ahead.
 * Keys are per platform, so a Slack id and a Discord id never collide.
 */
export async function checkAskerLimit(limiter: AskerLimiter, platform: Platform, userId: string): Promise<string | null> {
  const decision = await limiter.take(askerKey(platform, userId));
  return decision.allowed ? null : formatRateLimitMessage(decision.retryAfterMs);
}

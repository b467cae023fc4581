/** Options for {@link createRateLimiter}. Every one has a default in `defaultRateLimitOptions`. */
export interface RateLimitOptions {
  /**
   * Most requests one key may make in any window of `windowMs`.
   * @default 10
   */
  limit: number;
  /**
   * Length of the sliding window, in milliseconds.
   * @default 60000
   */
  windowMs: number;
  /**
   * Most keys remembered at once. Idle keys are forgotten as soon as their
   * window is empty; past this cap, the key that was allowed longest ago is
   * forgotten too, so a flood of new keys cannot grow memory without bound.
   * @default 10000
   */
  maxKeys: number;
  /**
   * The clock, in milliseconds. Monotonic by default, so a change of the
   * system time neither locks everyone out nor lets everyone in.
   * @default () => performance.now()
   */
  now: () => number;
}

/** Whether a request may go ahead. */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused, how long until the key may try again (whole milliseconds); 0 when allowed. */
  retryAfterMs: number;
}

/** Counts requests per key (for example per platform user) in a sliding window. */
export interface RateLimiter {
  /** Records a request by `key` if it is within the limit, and says whether it may go ahead. Refused requests are not counted. */
  take(key: string): RateLimitDecision;
  /** How many keys are remembered now: bounded by `maxKeys`. */
  readonly size: number;
}

/** The defaults of every {@link RateLimitOptions} field: 10 requests a minute per key. */
export const defaultRateLimitOptions: Readonly<RateLimitOptions> = Object.freeze({
  limit: 10,
  windowMs: 60_000,
  maxKeys: 10_000,
  now: () => performance.now(),
});

const requireWhole = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`rate limit: "${name}" must be a whole number of at least 1 (got ${value})`);
};

/**
 * Creates a sliding-window rate limiter: a key may make at most `limit`
 * requests in any `windowMs`. Exact (a log of the allowed times per key, at
 * most `limit` numbers) and bounded in memory (see `maxKeys`).
 * @throws {RangeError} when an option is not a positive whole number.
 */
export function createRateLimiter(options: Partial<RateLimitOptions> = {}): RateLimiter {
  const { limit, windowMs, maxKeys, now } = { ...defaultRateLimitOptions, ...options };
  requireWhole('limit', limit);
  requireWhole('windowMs', windowMs);
  requireWhole('maxKeys', maxKeys);

  // The times each key was allowed, oldest first. The map is kept in order of
  // each key's latest allowed time (a key is moved to the end when allowed),
  // so idle keys are always at the front and eviction never scans the rest.
  const allowedTimes = new Map<string, number[]>();

  const forgetIdle = (windowStart: number): void => {
    for (const [key, times] of allowedTimes) {
      if (times[times.length - 1]! > windowStart) break;
      allowedTimes.delete(key);
    }
  };

  return {
    take(key) {
      const time = now();
      const windowStart = time - windowMs;
      forgetIdle(windowStart);
      const times = allowedTimes.get(key) ?? [];
      while (times.length > 0 && times[0]! <= windowStart) times.shift();
      if (times.length >= limit) {
        return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(times[0]! + windowMs - time)) };
      }
      times.push(time);
      allowedTimes.delete(key);
      allowedTimes.set(key, times);
      if (allowedTimes.size > maxKeys) allowedTimes.delete(allowedTimes.keys().next().value!);
      return { allowed: true, retryAfterMs: 0 };
    },
    get size() {
      return allowedTimes.size;
    },
  };
}

/**
 * The polite reply to someone over the limit, saying how long to wait
 * (rounded up to whole seconds, or minutes from two minutes on).
 */
export function formatRateLimitMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `You have asked a lot of questions in a short time, so I am pausing to keep things fair for everyone. Please try again in ${wait}.`;
}

import { createExpiringMap } from './expiring-map.js';
import type { SharedStore } from './redis.js';

/**
 * Remembers which platform events were already handled, so that an event a
 * platform delivers twice (Slack retries an event it thinks was missed, and
 * may send the same `event_id` again) is answered once. In memory by default;
 * an implementation shared through a store lets several replicas agree.
 */
export interface EventDeduplicator {
  /**
   * Claims an event: `true` the first time `key` is seen within the time to
   * live, `false` for every repeat. Never rejects: when the store cannot be
   * reached an implementation answers `true`, since a rare double answer is
   * better than none.
   */
  claim(key: string): Promise<boolean>;
  /** Releases what it holds (timers, connections). */
  close(): Promise<void>;
}

/** Options for {@link createMemoryDeduplicator}. Every one has a default in `defaultDeduplicatorOptions`. */
export interface DeduplicatorOptions {
  /**
   * How long a key is remembered, in milliseconds. Slack retries a missed event
   * three times over about five minutes.
   * @default 600000 (10 minutes)
   */
  ttlMs: number;
  /**
   * Most keys remembered at once; past it the oldest is forgotten first, so a
   * flood of events cannot grow memory without bound.
   * @default 10000
   */
  maxKeys: number;
  /**
   * The clock, in milliseconds.
   * @default () => performance.now()
   */
  now: () => number;
}

/** The defaults of every {@link DeduplicatorOptions} field. */
export const defaultDeduplicatorOptions: Readonly<DeduplicatorOptions> = Object.freeze({
  ttlMs: 10 * 60_000,
  maxKeys: 10_000,
  now: () => performance.now(),
});

/** An in-memory {@link EventDeduplicator}: exact for one process, bounded in time and size. */
export function createMemoryDeduplicator(options: Partial<DeduplicatorOptions> = {}): EventDeduplicator {
  const { ttlMs, maxKeys, now } = { ...defaultDeduplicatorOptions, ...options };
  const seen = createExpiringMap<true>({ ttlMs, maxSize: maxKeys, now });
  return {
    claim(key) {
      // A repeat does not restart the key's clock: the window runs from the first delivery.
      if (seen.has(key)) return Promise.resolve(false);
      seen.set(key, true);
      return Promise.resolve(true);
    },
    close() {
      seen.clear();
      return Promise.resolve();
    },
  };
}

/** Where the Redis-backed de-duplicator keeps its claims: `rtp:event:<key>`. */
export const redisEventPrefix = 'rtp:event:';

/**
 * An {@link EventDeduplicator} shared by every process using the same Redis
 * (`REDIS_URL`), so an event retried to another replica is still handled once:
 * a claim is `SET rtp:event:<key> 1 NX PX <ttl>`, which only one process can
 * win. While Redis is down, claims fall back to this process's own memory
 * (repeats to the same replica are still caught) and the store warns once.
 */
export function createRedisDeduplicator(store: SharedStore, options: Partial<Pick<DeduplicatorOptions, 'ttlMs'>> = {}): EventDeduplicator {
  const ttlMs = options.ttlMs ?? defaultDeduplicatorOptions.ttlMs;
  const fallback = createMemoryDeduplicator({ ttlMs });
  return {
    claim: (key) =>
      store.run(
        async () => (await store.client.set(`${redisEventPrefix}${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK',
        () => fallback.claim(key),
      ),
    // The connection belongs to the store, which start-up closes.
    close: () => fallback.close(),
  };
}

/** Options for {@link createExpiringMap}. */
export interface ExpiringMapOptions {
  /** How long a key is kept after it was last set, in milliseconds. */
  ttlMs: number;
  /** Most keys kept at once; past it the key set longest ago is dropped first. */
  maxSize: number;
  /** The clock, in milliseconds. */
  now: () => number;
}

/** A map whose keys expire, bounded in size; see {@link createExpiringMap}. */
export interface ExpiringMap<V> {
  /** The value of a key that has not expired, or `undefined`. */
  get(key: string): V | undefined;
  /** Whether a key is held and has not expired. */
  has(key: string): boolean;
  /** Sets a key; its clock restarts, and it becomes the newest. */
  set(key: string, value: V): void;
  /** How many keys it holds now (expired ones may count until the next call). */
  readonly size: number;
  clear(): void;
}

/**
 * A small in-process map for state that must stay bounded in time and size
 * whatever the traffic: conversations and seen platform events. Insertion
 * order is set order (a set re-inserts), so the stalest key is always first,
 * and expiry and eviction only ever look at the front.
 */
export function createExpiringMap<V>({ ttlMs, maxSize, now }: ExpiringMapOptions): ExpiringMap<V> {
  const items = new Map<string, { value: V; at: number }>();
  const forgetExpired = (time: number): void => {
    for (const [key, { at }] of items) {
      if (time - at < ttlMs) break;
      items.delete(key);
    }
  };
  return {
    get(key) {
      forgetExpired(now());
      return items.get(key)?.value;
    },
    has(key) {
      forgetExpired(now());
      return items.has(key);
    },
    set(key, value) {
      const time = now();
      forgetExpired(time);
      items.delete(key);
      if (items.size >= maxSize) items.delete(items.keys().next().value!);
      items.set(key, { value, at: time });
    },
    get size() {
      return items.size;
    },
    clear() {
      items.clear();
    },
  };
}

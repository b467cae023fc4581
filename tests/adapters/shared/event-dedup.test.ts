import { describe, expect, it } from 'vitest';
import { createMemoryDeduplicator } from '../../../adapters/shared/event-dedup.js';

describe('createMemoryDeduplicator', () => {
  it('claims a key once, and refuses every repeat while it is remembered', async () => {
    const dedup = createMemoryDeduplicator();
    expect(await dedup.claim('Ev1')).toBe(true);
    expect(await dedup.claim('Ev1')).toBe(false);
    expect(await dedup.claim('Ev1')).toBe(false);
    expect(await dedup.claim('Ev2')).toBe(true);
  });

  it('forgets a key after its time to live', async () => {
    let time = 0;
    const dedup = createMemoryDeduplicator({ ttlMs: 1_000, now: () => time });
    expect(await dedup.claim('Ev1')).toBe(true);
    time = 999;
    expect(await dedup.claim('Ev1')).toBe(false);
    time = 1_000;
    expect(await dedup.claim('Ev1')).toBe(true);
  });

  it('holds at most maxKeys, forgetting the oldest first', async () => {
    const dedup = createMemoryDeduplicator({ maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) expect(await dedup.claim(key)).toBe(true);
    // "a" was pushed out by "c"; "b" and "c" are still remembered.
    expect(await dedup.claim('b')).toBe(false);
    expect(await dedup.claim('c')).toBe(false);
    expect(await dedup.claim('a')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createExpiringMap } from '../../../adapters/shared/expiring-map.js';

describe('createExpiringMap', () => {
  it('forgets a key its time to live after it was last set, and setting it again restarts its clock', () => {
    let time = 0;
    const map = createExpiringMap<string>({ ttlMs: 100, maxSize: 10, now: () => time });
    map.set('a', 'first');
    time = 90;
    map.set('a', 'second');
    time = 150;
    expect(map.get('a')).toBe('second');
    time = 190;
    expect(map.has('a')).toBe(false);
    expect(map.size).toBe(0);
  });

  it('drops the key set longest ago when full', () => {
    let time = 0;
    const map = createExpiringMap<number>({ ttlMs: 1_000, maxSize: 2, now: () => time++ });
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true]);
    map.clear();
    expect(map.size).toBe(0);
  });
});

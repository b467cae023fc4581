import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, defaultRateLimitOptions, formatRateLimitMessage } from '../../../src/index.js';

/** A clock the test moves by hand. */
function createClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

const takeMany = (take: () => { allowed: boolean }, count: number): boolean[] => Array.from({ length: count }, () => take().allowed);

describe('createRateLimiter', () => {
  it('defaults to 10 requests a minute', () => {
    expect(defaultRateLimitOptions.limit).toBe(10);
    expect(defaultRateLimitOptions.windowMs).toBe(60_000);
    const clock = createClock();
    const limiter = createRateLimiter({ now: clock.now });
    expect(takeMany(() => limiter.take('slack:U1'), 11)).toEqual([...Array(10).fill(true), false]);
  });

  it('says how long until the oldest request leaves the window', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: clock.now });
    expect(limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0 });
    clock.advance(3_000);
    expect(limiter.take('a').allowed).toBe(true);
    clock.advance(1_000);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 6_000 });
    clock.advance(5_999);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    // The first request has just left the window; the second is still in it.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 3_000 });
  });

  it('keeps each key separate', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ limit: 1, now: clock.now });
    expect(limiter.take('slack:U1').allowed).toBe(true);
    expect(limiter.take('slack:U1').allowed).toBe(false);
    expect(limiter.take('discord:U1').allowed).toBe(true);
    expect(limiter.take('slack:U2').allowed).toBe(true);
  });

  it('does not count refused requests, so hammering does not prolong the wait', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: clock.now });
    limiter.take('a');
    for (let step = 0; step < 9; step += 1) {
      clock.advance(100);
      expect(limiter.take('a').allowed).toBe(false);
    }
    clock.advance(100);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('forgets keys once their window is empty, so memory does not grow with every user ever seen', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 1_000, now: clock.now });
    for (let user = 0; user < 500; user += 1) limiter.take(`user-${user}`);
    expect(limiter.size).toBe(500);
    clock.advance(1_000);
    limiter.take('someone-new');
    expect(limiter.size).toBe(1);
  });

  it('never remembers more than maxKeys keys, forgetting the one allowed longest ago', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ limit: 1, maxKeys: 100, now: clock.now });
    for (let user = 0; user < 1_000; user += 1) {
      limiter.take(`user-${user}`);
      clock.advance(1);
    }
    expect(limiter.size).toBe(100);
    // The most recent users are still limited; the oldest were forgotten.
    expect(limiter.take('user-999').allowed).toBe(false);
    expect(limiter.take('user-0').allowed).toBe(true);
  });

  it('rejects options that make no sense', () => {
    expect(() => createRateLimiter({ limit: 0 })).toThrow(/"limit" must be a whole number of at least 1/);
    expect(() => createRateLimiter({ limit: 2.5 })).toThrow(RangeError);
    expect(() => createRateLimiter({ windowMs: Number.NaN })).toThrow(/"windowMs"/);
    expect(() => createRateLimiter({ maxKeys: -1 })).toThrow(/"maxKeys"/);
  });

  it('allows exactly what a naive log of every request would allow, for any sequence of requests', () => {
    const step = fc.record({ key: fc.constantFrom('a', 'b', 'c'), wait: fc.nat({ max: 400 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1_000 }), fc.array(step, { maxLength: 200 }), (limit, windowMs, steps) => {
        const clock = createClock();
        const limiter = createRateLimiter({ limit, windowMs, now: clock.now });
        const allowedAt = new Map<string, number[]>();
        for (const { key, wait } of steps) {
          clock.advance(wait);
          const time = clock.now();
          const inWindow = (allowedAt.get(key) ?? []).filter((at) => at > time - windowMs);
          const expected = inWindow.length < limit;
          const decision = limiter.take(key);
          expect(decision.allowed).toBe(expected);
          if (expected) allowedAt.set(key, [...inWindow, time]);
          else expect(decision.retryAfterMs).toBe(Math.min(...inWindow) + windowMs - time);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatRateLimitMessage', () => {
  it('asks politely and says how long to wait, rounded up', () => {
    expect(formatRateLimitMessage(1)).toMatch(/Please try again in 1 second\.$/);
    expect(formatRateLimitMessage(1_001)).toMatch(/in 2 seconds\.$/);
    expect(formatRateLimitMessage(59_000)).toMatch(/in 59 seconds\.$/);
    expect(formatRateLimitMessage(150_000)).toMatch(/in 3 minutes\.$/);
    expect(formatRateLimitMessage(0)).toMatch(/in 1 second\.$/);
  });

  it('contains no markup that could ping anyone', () => {
    expect(formatRateLimitMessage(5_000)).not.toMatch(/[<@]/);
  });
});

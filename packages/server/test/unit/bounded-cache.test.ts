import { describe, expect, it } from 'vitest';
import { boundedCache } from '../../src/cache/bounded-cache.ts';
import { TestClock } from '../helpers/test-server.ts';

describe("boundedCache (the server's one cache type)", () => {
  it('keeps an entry for ttlSeconds of the given clock, not of real time', () => {
    const clock = new TestClock(new Date(Date.UTC(2026, 0, 1)));
    const cache = boundedCache<string, string>({ max: 10, ttlSeconds: 5, clock });
    cache?.set('k', 'v');
    clock.advance(5000);
    expect(cache?.get('k')).toBe('v');
    clock.advance(1);
    expect(cache?.get('k')).toBeUndefined();
  });

  it('holds at most max entries, dropping the least recently used', () => {
    const cache = boundedCache<number, number>({
      max: 3,
      ttlSeconds: 60,
      clock: new TestClock(new Date(Date.UTC(2026, 0, 1))),
    });
    for (const n of [1, 2, 3]) cache?.set(n, n);
    cache?.get(1);
    cache?.set(4, 4);
    expect(cache?.size).toBe(3);
    expect([1, 2, 3, 4].map((n) => cache?.has(n))).toEqual([true, false, true, true]);
  });

  it('is switched off (nothing to keep anything in) when ttlSeconds is 0', () => {
    expect(boundedCache({ max: 10, ttlSeconds: 0 })).toBeUndefined();
  });
});

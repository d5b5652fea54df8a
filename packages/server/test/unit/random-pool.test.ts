import { describe, expect, it } from 'vitest';
import { randomPooled } from '../../src/crypto/random-pool.ts';

describe('randomPooled', () => {
  it('hands out every byte once: slices never repeat and survive the pool being replaced', () => {
    const first = randomPooled(16);
    const kept = Buffer.from(first);
    const seen = new Set<string>([kept.toString('hex')]);
    // Three pools' worth: the first slice's pool is long used up and replaced.
    for (let i = 0; i < 800; i += 1) {
      const bytes = randomPooled(16);
      expect(bytes.length).toBe(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(801);
    expect(first.equals(kept)).toBe(true);
  });

  it('serves a request larger than the pool', () => {
    expect(randomPooled(5000).length).toBe(5000);
  });
});

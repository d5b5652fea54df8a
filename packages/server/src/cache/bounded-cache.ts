import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.ts';

export interface BoundedCacheOptions {
  /** Most entries kept; the least recently used go first. */
  max: number;
  /** Seconds an entry is trusted. */
  ttlSeconds: number;
  /** Where time comes from: the injectable clock, so tests move time instead of sleeping. Default: real time. */
  clock?: Clock;
}

/**
 * The server's one cache type: lru-cache, bounded by `max` entries and with a TTL. Every in-process cache of
 * data that can go stale is one of these; its owner also drops entries when a write invalidates them.
 * Undefined when `ttlSeconds` is 0 or less: the cache is switched off and nothing is ever reused.
 */
export function boundedCache<K extends {}, V extends {}>(options: BoundedCacheOptions): LRUCache<K, V> | undefined {
  if (options.ttlSeconds <= 0) return undefined;
  const { clock } = options;
  return new LRUCache<K, V>({
    max: options.max,
    ttl: options.ttlSeconds * 1000,
    // Read the clock on every check (lru-cache otherwise reuses one reading for a millisecond of real time,
    // which a test's manual clock would outrun).
    ...(clock ? { perf: { now: () => clock.now().getTime() }, ttlResolution: 0 } : {}),
  });
}

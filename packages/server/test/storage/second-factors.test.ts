/**
 * Storage-port conformance for second-factor single use, over SQLite, PostgreSQL and MariaDB: a TOTP step is
 * claimed once per user and only forward, concurrent claims of one step have one winner, receipts are single-use
 * until purged after their expiry.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSqlStore } from '../helpers/sql-store-suite.ts';

const hex = () => randomBytes(16).toString('hex');

describe.each(['sqlite', 'postgres', 'mysql'] as const)('second factors storage (%s)', (database) => {
  const store = useSqlStore(database);

  it('claims a TOTP step once, and never one at or before the newest used', async () => {
    const user = hex();
    const f = store.secondFactors;
    expect(await f.claimTotpStep(user, 59_000_000)).toBe(true);
    expect(await f.claimTotpStep(user, 59_000_000)).toBe(false);
    expect(await f.claimTotpStep(user, 58_999_999)).toBe(false);
    expect(await f.claimTotpStep(user, 59_000_001)).toBe(true);
    // Each user has a mark of their own.
    expect(await f.claimTotpStep(hex(), 59_000_000)).toBe(true);
    await f.deleteForUser(user);
    expect(await f.claimTotpStep(user, 59_000_000)).toBe(true);
  });

  it('lets one of several concurrent claims of the same step win', async () => {
    for (const first of [true, false]) {
      const user = hex();
      // With and without an existing mark: the update path and the insert path both race.
      if (!first) await store.secondFactors.claimTotpStep(user, 1);
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.secondFactors.claimTotpStep(user, 2_000_000_000)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    }
  });

  it('uses a receipt once, and forgets it after it expired', async () => {
    const f = store.secondFactors;
    const digest = hex() + hex();
    expect(await f.claimReceipt(digest, '2030-01-01T00:05:00.000Z')).toBe(true);
    expect(await f.claimReceipt(digest, '2030-01-01T00:05:00.000Z')).toBe(false);
    await f.purgeReceipts('2030-01-01T00:04:59.000Z');
    expect(await f.claimReceipt(digest, '2030-01-01T00:05:00.000Z')).toBe(false);
    await f.purgeReceipts('2030-01-01T00:05:01.000Z');
    expect(await f.claimReceipt(digest, '2030-01-01T00:05:00.000Z')).toBe(true);
  });
});

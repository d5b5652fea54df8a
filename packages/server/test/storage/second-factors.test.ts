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

  it('keeps one pending enrolment per user, replaced by the next, taken once', async () => {
    const f = store.secondFactors;
    const user = hex();
    const pending = {
      userId: user,
      encryptedSecret: 'gAAAAA-one',
      keyHash: 'k1',
      expiresAt: '2030-01-01T00:10:00.000Z',
    };
    expect(await f.getPendingEnrolment(user)).toBeUndefined();
    await f.putPendingEnrolment(pending);
    await f.putPendingEnrolment({ ...pending, encryptedSecret: 'gAAAAA-two' });
    expect(await f.getPendingEnrolment(user)).toEqual({ ...pending, encryptedSecret: 'gAAAAA-two' });
    await f.updatePendingEnrolmentSecret(user, 'gAAAAA-three', 'k2');
    expect((await f.listPendingEnrolments()).filter((p) => p.userId === user)).toEqual([
      { ...pending, encryptedSecret: 'gAAAAA-three', keyHash: 'k2' },
    ]);
    expect(await f.deletePendingEnrolment(user)).toBe(true);
    expect(await f.deletePendingEnrolment(user)).toBe(false);
  });

  it('records an enrolment once per user', async () => {
    const f = store.secondFactors;
    const user = hex();
    const enrolment = { userId: user, credentialId: hex(), enabledAt: '2030-01-01T00:00:00.000Z' };
    await f.createEnrolment(enrolment);
    expect(await f.getEnrolment(user)).toEqual(enrolment);
    await expect(f.createEnrolment({ ...enrolment, credentialId: hex() })).rejects.toThrow();
    await f.deleteEnrolment(user);
    expect(await f.getEnrolment(user)).toBeUndefined();
  });

  it('replaces recovery codes, claims each once (one of concurrent claims wins), forgets them with the user', async () => {
    const f = store.secondFactors;
    const user = hex();
    const codes = (n: number) =>
      Array.from({ length: n }, () => ({ id: hex(), userId: user, sealedCode: `$sealed$${hex()}` }));
    const first = codes(3);
    await f.replaceRecoveryCodes(user, first);
    expect((await f.listRecoveryCodes(user)).map((c) => c.id).sort()).toEqual(first.map((c) => c.id).sort());
    const second = codes(2);
    await f.replaceRecoveryCodes(user, second);
    expect((await f.listRecoveryCodes(user)).map((c) => c.id).sort()).toEqual(second.map((c) => c.id).sort());
    expect(await f.claimRecoveryCode(first[0]!.id)).toBe(false);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => f.claimRecoveryCode(second[0]!.id)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await f.updateRecoveryCodeSeal(second[1]!.id, '$resealed$');
    expect((await f.listRecoveryCodes()).find((c) => c.id === second[1]!.id)?.sealedCode).toBe('$resealed$');
    await f.putPendingEnrolment({
      userId: user,
      encryptedSecret: 'x',
      keyHash: 'k',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    await f.createEnrolment({ userId: user, credentialId: hex(), enabledAt: '2030-01-01T00:00:00.000Z' });
    await f.deleteForUser(user);
    expect(await f.listRecoveryCodes(user)).toEqual([]);
    expect(await f.getEnrolment(user)).toBeUndefined();
    expect(await f.getPendingEnrolment(user)).toBeUndefined();
  });
});

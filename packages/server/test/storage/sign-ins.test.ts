/**
 * Storage-port conformance for the OS-XLOUD sign-in log, over SQLite, PostgreSQL and MariaDB: flags and nulls returned
 * as stored, newest first with ties broken by insertion order, pruning to the newest N per user, and clean-up.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SignInRecord } from '../../src/services/auth/sign-in-driver.ts';
import { useSqlStore } from '../helpers/sql-store-suite.ts';

const hex = () => randomBytes(16).toString('hex');
const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 0) + second * 1000).toISOString();

function attempt(userId: string, second: number, overrides: Partial<SignInRecord> = {}): SignInRecord {
  return {
    userId,
    attemptedAt: at(second),
    method: 'password',
    success: true,
    sourceAddress: '192.0.2.1',
    userAgent: 'ua ✓',
    ...overrides,
  };
}

describe.each(['sqlite', 'postgres', 'mysql'] as const)('sign-in storage (%s)', (database) => {
  const store = useSqlStore(database);

  it('round-trips flags and nulls; lists newest first, ties in insertion order, per user, limited', async () => {
    const [u1, u2] = [hex(), hex()];
    const a = attempt(u1, 1, {
      success: false,
      sourceAddress: null,
      userAgent: null,
      method: 'application_credential',
    });
    const b = attempt(u1, 2);
    const c = attempt(u1, 2, { success: false });
    await store.signIns.add(a);
    await store.signIns.add(b);
    await store.signIns.add(c);
    await store.signIns.add(attempt(u2, 3));
    const listed = await store.signIns.listForUser(u1, 10);
    expect(listed).toEqual([c, b, a]);
    expect(typeof listed[0]!.success).toBe('boolean');
    expect(await store.signIns.listForUser(u1, 2)).toEqual([c, b]);
    expect(await store.signIns.listForUser(hex(), 10)).toEqual([]);
  });

  it('prunes to the newest N of that user only', async () => {
    const [u1, u2] = [hex(), hex()];
    for (let i = 0; i < 8; i += 1) await store.signIns.add(attempt(u1, i));
    await store.signIns.add(attempt(u2, 0));
    await store.signIns.pruneForUser(u1, 5);
    expect((await store.signIns.listForUser(u1, 100)).map((r) => r.attemptedAt)).toEqual([7, 6, 5, 4, 3].map(at));
    expect(await store.signIns.listForUser(u2, 100)).toHaveLength(1);
    await store.signIns.pruneForUser(u2, 5);
    expect(await store.signIns.listForUser(u2, 100)).toHaveLength(1);
  });

  it('deleteForUser removes only that user', async () => {
    const [u1, u2] = [hex(), hex()];
    await store.signIns.add(attempt(u1, 0));
    await store.signIns.add(attempt(u2, 0));
    await store.signIns.deleteForUser(u1);
    expect(await store.signIns.listForUser(u1, 10)).toEqual([]);
    expect(await store.signIns.listForUser(u2, 10)).toHaveLength(1);
  });

  it('a write inside a rolled-back transaction leaves nothing', async () => {
    const u = hex();
    await expect(
      store.transaction(async (trx) => {
        await trx.signIns.add(attempt(u, 0));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await store.signIns.listForUser(u, 10)).toEqual([]);
  });
});

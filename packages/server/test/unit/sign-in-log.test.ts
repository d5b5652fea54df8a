import { describe, expect, it } from 'vitest';
import type { SignInDriver, SignInRecord } from '../../src/services/auth/sign-in-driver.ts';
import { SignInAttempt, SignInLog } from '../../src/services/auth/sign-in-log.ts';
import { AuditTrail, discardAuditEvents } from '../../src/services/audit/audit-trail.ts';
import type { ServiceContext } from '../../src/services/service-context.ts';
import type { Store } from '../../src/services/store.ts';
import { TestClock } from '../helpers/test-server.ts';

const NOW = new Date('2026-03-04T05:06:07.089Z');

/** An in-memory driver; `failWith` makes every add reject. */
class MemorySignIns implements SignInDriver {
  rows: SignInRecord[] = [];
  pruned: Array<[string, number]> = [];
  failWith?: Error;

  async add(record: SignInRecord) {
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    this.rows.push(record);
  }
  async listForUser(userId: string, limit: number) {
    return this.rows
      .filter((r) => r.userId === userId)
      .reverse()
      .slice(0, limit);
  }
  async pruneForUser(userId: string, keep: number) {
    this.pruned.push([userId, keep]);
  }
  async deleteForUser(userId: string) {
    this.rows = this.rows.filter((r) => r.userId !== userId);
  }
}

function logOver(driver: MemorySignIns, errors: unknown[] = []) {
  const clock = new TestClock(NOW);
  const ctx = {
    store: { signIns: driver } as unknown as Store,
    clock,
    invalidateTokenCache: () => undefined,
    rolesChanged: () => undefined,
    catalogChanged: () => undefined,
    defaultDomainId: 'default',
    audit: new AuditTrail(discardAuditEvents, clock),
  } satisfies ServiceContext;
  return new SignInLog(ctx, { keepPerUser: 3, onWriteError: (error) => errors.push(error) });
}

describe('SignInLog', () => {
  it('records nothing until a user is identified', async () => {
    const driver = new MemorySignIns();
    const log = logOver(driver);
    log.record(new SignInAttempt({ sourceAddress: '192.0.2.1' }), false);
    await log.flush();
    expect(driver.rows).toEqual([]);
  });

  it('keeps the first identification, clips address and user agent, then prunes that user', async () => {
    const driver = new MemorySignIns();
    const log = logOver(driver);
    const attempt = new SignInAttempt({ sourceAddress: 'a'.repeat(80), userAgent: 'u'.repeat(300) });
    attempt.identify('u1', 'password');
    attempt.identify('u2', 'application_credential');
    log.record(attempt, true);
    expect(await log.list('u1', 10)).toEqual([
      {
        userId: 'u1',
        attemptedAt: NOW.toISOString(),
        method: 'password',
        success: true,
        sourceAddress: 'a'.repeat(64),
        userAgent: 'u'.repeat(255),
      },
    ]);
    expect(driver.pruned).toEqual([['u1', 3]]);
  });

  it('stores a missing or empty address and user agent as null', async () => {
    const driver = new MemorySignIns();
    const log = logOver(driver);
    const attempt = new SignInAttempt({ userAgent: '' });
    attempt.identify('u1', 'password');
    log.record(attempt, false);
    await log.flush();
    expect(driver.rows[0]).toMatchObject({ success: false, sourceAddress: null, userAgent: null });
  });

  it('returns before the write finishes; list waits for writes in flight', async () => {
    const driver = new MemorySignIns();
    const log = logOver(driver);
    const attempt = new SignInAttempt();
    attempt.identify('u1', 'password');
    log.record(attempt, true);
    expect(driver.rows).toHaveLength(0);
    expect(await log.list('u1', 10)).toHaveLength(1);
  });

  it('a failed write is reported, never thrown, and never left unhandled', async () => {
    const driver = new MemorySignIns();
    driver.failWith = new Error('database is gone');
    const errors: unknown[] = [];
    const log = logOver(driver, errors);
    const attempt = new SignInAttempt();
    attempt.identify('u1', 'password');
    expect(() => log.record(attempt, true)).not.toThrow();
    await log.flush();
    expect(errors).toEqual([driver.failWith]);
  });
});

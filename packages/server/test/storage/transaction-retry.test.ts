/**
 * SqlStore.transaction runs a transaction again when the database aborted it to break a deadlock (MariaDB 1213,
 * which is also how a Galera node reports a certification conflict; PostgreSQL 40P01): two transactions that lock
 * the same two projects in opposite order both commit, and exactly one of them ran twice.
 * Not on SQLite: it has one writer at a time, so transactions there never interleave.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import type { Store } from '../../src/services/store.ts';
import { useSqlStore } from '../helpers/sql-store-suite.ts';

const hex = () => randomBytes(16).toString('hex');

function project(): ProjectRecord {
  return {
    id: hex(),
    name: `proj-${hex()}`,
    domainId: 'default',
    parentId: 'default',
    isDomain: false,
    enabled: true,
    description: null,
    extra: {},
  };
}

/** Resolves once `parties` callers are waiting on it: each transaction holds its first lock before taking the second. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

describe.each(['postgres', 'mysql'] as const)('transactions retried on deadlock (%s)', (database) => {
  const store = useSqlStore(database);

  it('two transactions locking two rows in opposite order both commit; the victim ran again', async () => {
    const [a, b] = [project(), project()];
    await store.resource.createProject(a);
    await store.resource.createProject(b);
    const bothHoldOne = barrier(2);
    const attempts = { first: 0, second: 0 };

    const lockBoth = (who: 'first' | 'second', one: ProjectRecord, other: ProjectRecord) =>
      store.transaction(async (s: Store) => {
        attempts[who] += 1;
        await s.resource.lockProject(one.id, 'update');
        // Only the first attempt meets the other transaction half-way; a retry goes straight through.
        if (attempts[who] === 1) await bothHoldOne();
        await s.resource.lockProject(other.id, 'update');
        await s.resource.updateProject(one.id, { description: `written by ${who}` });
      });

    await Promise.all([lockBoth('first', a, b), lockBoth('second', b, a)]);

    expect(attempts.first + attempts.second).toBe(3);
    expect((await store.resource.getProject(a.id))?.description).toBe('written by first');
    expect((await store.resource.getProject(b.id))?.description).toBe('written by second');
  });
});

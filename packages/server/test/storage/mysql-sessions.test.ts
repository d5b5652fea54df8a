/**
 * The MariaDB pool of storage/mysql-database.ts against the real server: each session gets the statement timeout,
 * READ COMMITTED and the strict SQL mode; counts and BIGINTs come back as numbers and text as strings (as SQLite and
 * PostgreSQL return them); a connection older than connection_recycle_time is not used again.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/storage/database.ts';
import { createMysqlDatabase, TestClock } from '../helpers/test-server.ts';

describe('MariaDB sessions and pool', () => {
  let database: { url: string; drop(): Promise<void> };
  let open: OpenDatabase;
  /** What connection_recycle_time is measured by: the test moves it instead of waiting the seconds out. */
  const clock = new TestClock();

  beforeAll(async () => {
    database = await createMysqlDatabase();
    // One connection, recycled after 3 s: every query below shares it until it is due.
    open = openDatabase(
      { kind: 'mysql', url: database.url },
      { maxPoolSize: 1, poolTimeout: 5, connectionRecycleTime: 3, statementTimeout: 7 },
      undefined,
      clock,
    );
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  const connectionId = async () =>
    (await sql<{ id: number }>`select connection_id() as id`.execute(open.db)).rows[0]!.id;

  it('sets the statement timeout, READ COMMITTED and the strict SQL mode on each session', async () => {
    const { rows } = await sql<{ timeout: number; isolation: string; mode: string }>`
      select @@session.max_statement_time as timeout, @@session.tx_isolation as isolation, @@session.sql_mode as mode`.execute(
      open.db,
    );
    expect(Number(rows[0]!.timeout)).toBe(7);
    expect(rows[0]!.isolation).toBe('READ-COMMITTED');
    expect(rows[0]!.mode.split(',')).toEqual(expect.arrayContaining(['STRICT_TRANS_TABLES', 'STRICT_ALL_TABLES']));
  });

  it('returns counts and BIGINTs as numbers, text as strings', async () => {
    const { rows } = await sql<{ n: unknown; big: unknown; text: unknown }>`
      select count(*) as n, cast(9007199254740991 as signed) as big, cast('✓ text' as char) as text`.execute(open.db);
    expect(rows[0]).toEqual({ n: 1, big: 9007199254740991, text: '✓ text' });
  });

  it('replaces a connection older than connection_recycle_time when it is next taken', async () => {
    const first = await connectionId();
    expect(await connectionId()).toBe(first);
    clock.advance(2900);
    expect(await connectionId()).toBe(first);
    clock.advance(200);
    const second = await connectionId();
    expect(second).not.toBe(first);
    expect(await connectionId()).toBe(second);
  });
});

/**
 * Migrations are discovered from src/storage/migrations/ (src/storage/migration-files.ts), not listed. The migrator
 * records each name in `xloud_migration`, so the released names must never change or reorder: a database migrated by
 * an older release would otherwise run a migration twice or skip one. Checked on every database, from the sources
 * and from the compiled dist/ the bins run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverMigrations } from '../../src/storage/migration-files.ts';
import { syncDatabase } from '../../src/storage/migrate.ts';
import type { Database } from '../../src/storage/tables.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** Every migration released so far, in the order databases have applied them. Only ever append to this list. */
const RELEASED = [
  '001-initial',
  '002-credential-key-hash-and-policy',
  '003-trusts',
  '004-unbounded-email',
  '005-change-counter',
  '006-endpoint-filter',
  '007-domain-config',
  '008-sign-ins',
  '009-audit-events',
  '010-fernet-keys',
  '011-application-credential-unrestricted-unset',
  '012-list-indexes',
  '013-second-factor',
  '014-self-service-mfa',
  '015-oauth1',
];

describe('migration discovery', () => {
  it('finds the released migrations, by their released names and in their order, then any newer ones', async () => {
    const names = Object.keys(await discoverMigrations('sqlite'));
    expect(names.slice(0, RELEASED.length)).toEqual(RELEASED);
    expect([...names].sort()).toEqual(names);
  });

  it('finds the same migrations in the compiled dist/', async () => {
    const compiled = new URL('../../dist/storage/migration-files.js', import.meta.url);
    const listed = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { discoverMigrations } = await import(${JSON.stringify(compiled.href)});
         console.log(JSON.stringify(Object.keys(await discoverMigrations('sqlite'))));`,
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' },
    );
    expect(JSON.parse(listed)).toEqual(Object.keys(await discoverMigrations('sqlite')));
  });
});

describe.each(['sqlite', 'postgres', 'mysql'] as const)('migrations on %s', (database) => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records every discovered migration under its name, and a second sync applies nothing', async () => {
    const db = server!.container.database.db as Kysely<Database>;
    const { rows } = await sql<{ name: string }>`select name from xloud_migration order by name`.execute(db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(await discoverMigrations(database)));
    expect(rows.map((r) => r.name).slice(0, RELEASED.length)).toEqual(RELEASED);
    expect(await syncDatabase(db, database)).toEqual([]);
  });
});

describe('011 on an SQLite database that already holds application credentials', () => {
  it('keeps their rows and their false, allows null, and still refuses a second name per user', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    try {
      const all = await discoverMigrations('sqlite');
      const upTo010 = new Migrator({
        db,
        provider: { getMigrations: async () => Object.fromEntries(Object.entries(all).filter(([n]) => n < '011')) },
        migrationTableName: 'xloud_migration',
        migrationLockTableName: 'xloud_migration_lock',
      });
      expect((await upTo010.migrateToLatest()).error).toBeUndefined();
      const row = (id: string, name: string, unrestricted: number | null) => ({
        id,
        name,
        secret_hash: 'h',
        user_id: 'u1',
        unrestricted,
        created_at: '2026-01-01T00:00:00.000Z',
      });
      await db
        .insertInto('application_credential')
        .values(row('a', 'one', 0))
        .execute();
      // 011 first (later migrations follow it).
      expect((await syncDatabase(db, 'sqlite'))[0]).toBe('011-application-credential-unrestricted-unset');
      await db
        .insertInto('application_credential')
        .values(row('b', 'two', null))
        .execute();
      const rows = await db.selectFrom('application_credential').select(['id', 'unrestricted']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'a', unrestricted: 0 },
        { id: 'b', unrestricted: null },
      ]);
      await expect(
        db
          .insertInto('application_credential')
          .values(row('c', 'one', 1))
          .execute(),
      ).rejects.toThrow(/UNIQUE/);
    } finally {
      await db.destroy();
    }
  });
});

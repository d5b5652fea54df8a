/**
 * The migrated schema, read back from each database's own catalogue: every table has a PRIMARY KEY (Galera
 * replicates row events by key and refuses, or silently diverges on, tables without one), and on MariaDB / MySQL
 * every table is InnoDB and every text column has the binary utf8mb4 collation (names compare exactly, as on
 * SQLite and PostgreSQL; see src/storage/migrations/mysql-schema.ts).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectKind } from '../../src/storage/dialect-kind.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

type Db = Kysely<unknown>;

/** Tables of the schema, each with whether it has a primary key. */
async function tablesWithPrimaryKey(db: Db, dialect: DialectKind): Promise<Record<string, boolean>> {
  const query = {
    sqlite: sql<{ name: string; has_pk: number }>`
      select t.name as name, exists (select 1 from pragma_table_info(t.name) c where c.pk > 0) as has_pk
      from sqlite_master t where t.type = 'table' and t.name not like 'sqlite_%'`,
    postgres: sql<{ name: string; has_pk: boolean }>`
      select t.table_name as name, exists (
        select 1 from information_schema.table_constraints c
        where c.table_schema = t.table_schema and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY') as has_pk
      from information_schema.tables t where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'`,
    mysql: sql<{ name: string; has_pk: number }>`
      select t.table_name as name, exists (
        select 1 from information_schema.table_constraints c
        where c.table_schema = t.table_schema and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY') as has_pk
      from information_schema.tables t where t.table_schema = database() and t.table_type = 'BASE TABLE'`,
  }[dialect];
  const { rows } = await query.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Boolean(Number(r.has_pk))]));
}

/** A migrated server on `database` for the suite; its Kysely handle. */
function useMigratedDatabase(database: DialectKind): () => Db {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => server!.container.database.db as unknown as Db;
}

describe.each(['sqlite', 'postgres', 'mysql'] as const)('schema shape (%s)', (database) => {
  const migrated = useMigratedDatabase(database);

  it('every table has a primary key', async () => {
    const tables = await tablesWithPrimaryKey(migrated(), database);
    // the newest tables and the migration bookkeeping are there: the query saw the whole schema
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['project', 'assignment', 'sign_in', 'domain_config', 'xloud_migration']),
    );
    expect(
      Object.entries(tables)
        .filter(([, hasPk]) => !hasPk)
        .map(([name]) => name),
    ).toEqual([]);
  });
});

describe('schema shape, MariaDB / MySQL only', () => {
  const migrated = useMigratedDatabase('mysql');

  it('InnoDB tables, binary utf8mb4 text columns', async () => {
    const db = migrated();
    const engines = await sql<{ name: string; engine: string }>`
      select table_name as name, engine from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'`.execute(
      db,
    );
    expect(engines.rows.filter((r) => r.engine !== 'InnoDB')).toEqual([]);
    const ours = (name: string) => !name.startsWith('xloud_migration');
    const columns = await sql<{ table_name: string; column_name: string; collation_name: string }>`
      select table_name, column_name, collation_name from information_schema.columns
      where table_schema = database() and collation_name is not null`.execute(db);
    const schemaColumns = columns.rows.filter((c) => ours(c.table_name));
    expect(schemaColumns.length).toBeGreaterThan(50);
    expect(schemaColumns.filter((c) => !/^utf8mb4_(nopad_bin|0900_bin|bin)$/.test(c.collation_name))).toEqual([]);
  });
});

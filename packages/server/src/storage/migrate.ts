import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import type { DialectKind } from './dialect-kind.ts';
import { discoverMigrations } from './migration-files.ts';
import type { Database } from './tables.ts';

/** Brings the schema to the newest version (`xloud-manage db sync`). Idempotent. */
export async function syncDatabase(db: Kysely<Database>, dialect: DialectKind): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => discoverMigrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'xloud_migration',
    migrationLockTableName: 'xloud_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function databaseVersion(db: Kysely<Database>, dialect: DialectKind): Promise<string | null> {
  const provider: MigrationProvider = { getMigrations: () => discoverMigrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'xloud_migration',
    migrationLockTableName: 'xloud_migration_lock',
  });
  const done = (await migrator.getMigrations()).filter((m) => m.executedAt);
  return done.at(-1)?.name ?? null;
}

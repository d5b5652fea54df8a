import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectKind } from './dialect-kind.ts';
import { initialSchema } from './migrations/001-initial.ts';
import { credentialKeyHashAndPolicy } from './migrations/002-credential-key-hash-and-policy.ts';
import { trusts } from './migrations/003-trusts.ts';
import { unboundedEmail } from './migrations/004-unbounded-email.ts';
import { changeCounter } from './migrations/005-change-counter.ts';
import { endpointFilter } from './migrations/006-endpoint-filter.ts';
import { domainConfig } from './migrations/007-domain-config.ts';
import { signIns } from './migrations/008-sign-ins.ts';
import { auditEvents } from './migrations/009-audit-events.ts';
import { fernetKeys } from './migrations/010-fernet-keys.ts';
import type { Database } from './tables.ts';

function migrationsFor(dialect: DialectKind): Record<string, Migration> {
  return {
    '001-initial': initialSchema(dialect),
    '002-credential-key-hash-and-policy': credentialKeyHashAndPolicy(dialect),
    '003-trusts': trusts(dialect),
    '004-unbounded-email': unboundedEmail(dialect),
    '005-change-counter': changeCounter(dialect),
    '006-endpoint-filter': endpointFilter(dialect),
    '007-domain-config': domainConfig(dialect),
    '008-sign-ins': signIns(dialect),
    '009-audit-events': auditEvents(dialect),
    '010-fernet-keys': fernetKeys(dialect),
  };
}

/** Brings the schema to the newest version (`xloud-manage db sync`). Idempotent. */
export async function syncDatabase(db: Kysely<Database>, dialect: DialectKind): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
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
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'xloud_migration',
    migrationLockTableName: 'xloud_migration_lock',
  });
  const done = (await migrator.getMigrations()).filter((m) => m.executedAt);
  return done.at(-1)?.name ?? null;
}

import type { Kysely } from 'kysely';
import type { ErrorCode } from '../../errors.ts';
import type { OpenDatabase } from '../database.ts';
import type { DialectKind } from '../dialect-kind.ts';
import { KNOWN_KEYSTONE_VERSIONS, keystoneSchemaVersions, readTableIfPresent } from './keystone-source.ts';
import { mapKeystone, type KeystoneTables, type MappedTable, type Row } from './map-keystone.ts';

/** Keystone's tables the import reads; a table missing from the source is read as empty. */
const SOURCE_TABLES = [
  'project',
  'project_tag',
  'project_option',
  'user',
  'local_user',
  'password',
  'user_option',
  'nonlocal_user',
  'group',
  'user_group_membership',
  'expiring_user_group_membership',
  'role',
  'role_option',
  'implied_role',
  'assignment',
  'system_assignment',
  'region',
  'service',
  'endpoint',
  'endpoint_group',
  'project_endpoint',
  'project_endpoint_group',
  'application_credential',
  'application_credential_role',
  'access_rule',
  'application_credential_access_rule',
  'credential',
  'trust',
  'trust_role',
  'revocation_event',
];

interface ImportCount {
  /** Rows the import writes (new ones plus ones already here, which are updated). */
  total: number;
  new: number;
  updated: number;
}

export interface ImportReport {
  schemaVersions: string[];
  dryRun: boolean;
  counts: Record<string, ImportCount>;
  skipped: Record<string, { count: number; reason: string }>;
}

export class KeystoneImportError extends Error {
  override readonly name = 'KeystoneImportError';
  readonly code = 'ERR_KEYSTONE_IMPORT' satisfies ErrorCode;
}

/** Our tables are all shaped like Database's, but the importer addresses them by name. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

const keyOf = (row: Record<string, unknown>, keys: string[]): string => JSON.stringify(keys.map((k) => String(row[k])));

async function existingKeys(db: Untyped, table: MappedTable): Promise<Set<string>> {
  const rows = await db.selectFrom(table.table).select(table.keys).execute();
  return new Set(rows.map((r) => keyOf(r, table.keys)));
}

async function upsert(db: Untyped, dialect: DialectKind, table: MappedTable): Promise<void> {
  const others = (row: Row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !table.keys.includes(column)));
  for (const row of table.rows) {
    const insert = db.insertInto(table.table).values(row);
    const update = others(row);
    const hasUpdate = Object.keys(update).length > 0;
    if (dialect === 'mysql') {
      await (hasUpdate ? insert.onDuplicateKeyUpdate(update) : insert.ignore()).execute();
    } else {
      await insert
        .onConflict((oc) =>
          hasUpdate ? oc.columns(table.keys).doUpdateSet(update) : oc.columns(table.keys).doNothing(),
        )
        .execute();
    }
  }
}

const revocationKey = (e: Record<string, unknown>): string =>
  JSON.stringify(
    [
      'domain_id',
      'project_id',
      'user_id',
      'role_id',
      'trust_id',
      'consumer_id',
      'access_token_id',
      'issued_before',
      'revoked_at',
      'audit_id',
      'audit_chain_id',
    ].map((c) => e[c] ?? null),
  );

/**
 * Copies a Keystone database into this one: the whole import is one transaction, written only when the source
 * schema is a known Keystone version and nothing blocks it, and re-running it updates in place (idempotent).
 * With dryRun the counts are computed and nothing is written.
 */
export async function importKeystone(
  source: OpenDatabase,
  target: OpenDatabase,
  options: {
    dryRun: boolean;
    now: Date /** false: a dry run against a database with no schema yet, so nothing is here. */;
    targetHasSchema?: boolean;
  },
): Promise<ImportReport> {
  const empty = options.targetHasSchema === false;
  const sourceDb = source.db as unknown as Kysely<unknown>;
  const versions = await keystoneSchemaVersions(sourceDb);
  const unknown = versions.filter((v) => !KNOWN_KEYSTONE_VERSIONS.has(v));
  if (versions.length === 0 || unknown.length > 0) {
    throw new KeystoneImportError(
      versions.length === 0
        ? 'the source is not a Keystone database this importer knows: it has no alembic_version table (Keystone before 2023 used sqlalchemy-migrate; upgrade it with keystone-manage db_sync first)'
        : `unknown Keystone schema version ${unknown.join(', ')} (found ${versions.join(', ')}; known: ${[...KNOWN_KEYSTONE_VERSIONS].join(', ')}); nothing was written`,
    );
  }
  const tables: KeystoneTables = {};
  // A missing table reads as empty; an error reading one that exists stops the import before anything is written.
  for (const name of SOURCE_TABLES) tables[name] = await readTableIfPresent(sourceDb, name);
  const mapping = mapKeystone(tables, options.now);

  const db = target.db as unknown as Untyped;
  const counts: Record<string, ImportCount> = {};
  for (const table of mapping.tables) {
    const present = empty ? new Set<string>() : await existingKeys(db, table);
    const updated = table.rows.filter((row) => present.has(keyOf(row, table.keys))).length;
    counts[table.table] = { total: table.rows.length, new: table.rows.length - updated, updated };
  }
  const knownEvents = new Set(
    empty ? [] : (await db.selectFrom('revocation_event').selectAll().execute()).map(revocationKey),
  );
  const newEvents = mapping.revocations.filter((e) => !knownEvents.has(revocationKey(e)));
  counts.revocation_event = {
    total: mapping.revocations.length,
    new: newEvents.length,
    updated: mapping.revocations.length - newEvents.length,
  };
  counts.password_history = { total: mapping.history.length, new: mapping.history.length, updated: 0 };

  if (!options.dryRun) {
    await db.transaction().execute(async (trx) => {
      for (const table of mapping.tables) await upsert(trx, target.dialect, table);
      if (mapping.historyUsers.length > 0) {
        // Replaced as a whole: the history of a user is Keystone's, in Keystone's order.
        for (let i = 0; i < mapping.historyUsers.length; i += 500) {
          await trx
            .deleteFrom('password_history')
            .where('user_id', 'in', mapping.historyUsers.slice(i, i + 500))
            .execute();
        }
        for (const row of mapping.history) await trx.insertInto('password_history').values(row).execute();
      }
      for (const event of newEvents) await trx.insertInto('revocation_event').values(event).execute();
      // Running nodes drop what they cached (the change counter is polled by every node).
      await trx
        .updateTable('change_counter')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .execute();
    });
  }
  return { schemaVersions: versions, dryRun: options.dryRun, counts, skipped: mapping.skipped };
}

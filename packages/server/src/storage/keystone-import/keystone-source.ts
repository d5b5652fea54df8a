import { type Kysely, sql } from 'kysely';

/**
 * Reading a Keystone database, whatever it runs on. Keystone's tables are not ours, so rows come back untyped
 * and each value goes through one of the converters below, which tell SQLite's, PostgreSQL's and MySQL's
 * representations apart (booleans as 0/1 or true/false, DATETIME as text or Date, BIGINT as text or number).
 */
export type KeystoneRow = Readonly<Record<string, unknown>>;

/** Keystone releases whose schema this importer knows (alembic heads, expand and contract). */
export const KNOWN_KEYSTONE_VERSIONS = new Set([
  // Keystone 22 (Zed) to 2024.x: the schema of Debian bookworm's keystone and later releases' unchanged tables.
  '29e87d24a316',
  'e25ffa003242',
]);

async function readTable(db: Kysely<unknown>, table: string): Promise<KeystoneRow[]> {
  const result = await sql<KeystoneRow>`select * from ${sql.table(table)}`.execute(db);
  return result.rows;
}

/** A table the source does not have (older or newer Keystone); any other error is real and must stop the import. */
function isMissingTable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  // PostgreSQL undefined_table, MySQL ER_NO_SUCH_TABLE, SQLite's message (its code is only SQLITE_ERROR).
  return (
    e?.code === '42P01' ||
    e?.code === 'ER_NO_SUCH_TABLE' ||
    (typeof e?.message === 'string' && e.message.startsWith('no such table'))
  );
}

/** A table of the source, or none when the source has no such table. */
export async function readTableIfPresent(db: Kysely<unknown>, table: string): Promise<KeystoneRow[]> {
  try {
    return await readTable(db, table);
  } catch (error) {
    if (isMissingTable(error)) return [];
    throw error;
  }
}

/** The alembic versions of the source; none when it has no alembic_version table. */
export async function keystoneSchemaVersions(db: Kysely<unknown>): Promise<string[]> {
  return (await readTableIfPresent(db, 'alembic_version')).map((row) => text(row.version_num));
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

export function optionalText(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** Keystone's nullable BOOLEAN columns: NULL counts as the given default (enabled: true). */
export function flag(value: unknown, whenNull: boolean): boolean {
  if (value === null || value === undefined) return whenNull;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0;
  return ['1', 't', 'true', 'y', 'yes'].includes(text(value).toLowerCase());
}

export function integer(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A naive UTC DATETIME (Keystone stores UTC without a zone) as our ISO time. */
export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  const raw = text(value).trim().replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`;
  const date = new Date(withZone.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Keystone's *_int columns: microseconds since the epoch. */
export function isoFromMicroseconds(value: unknown): string | null {
  const n = integer(value);
  return n === null ? null : new Date(Math.floor(n / 1000)).toISOString();
}

export function jsonObject(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined || value === '') return {};
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? { ...(parsed as Record<string, unknown>) }
      : {};
  } catch {
    return {};
  }
}

/** Keystone's resource options: option_value is JSON text (`true`, `[["password","totp"]]`). */
export function optionValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  try {
    return JSON.parse(text(value));
  } catch {
    return text(value);
  }
}

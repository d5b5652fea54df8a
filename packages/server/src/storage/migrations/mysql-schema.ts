import { sql, type ColumnDataType, type Expression, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * What MariaDB / MySQL tables need beyond the SQL the other dialects share.
 *
 * Collation: names, tags and ids compare exactly on SQLite and PostgreSQL, and the API tests hold two users
 * `Émile` and `émile` (or `Alpha` and `alpha`) in one domain. The server's default (`utf8mb4_general_ci`,
 * Keystone's own on MySQL) folds case and accents, so those would collide on the unique keys and `name=`
 * filters would find both. A binary collation compares code points, as the other databases do; the NO PAD
 * one also keeps `"a"` and `"a "` apart (PAD SPACE collations, `utf8mb4_bin` included, ignore trailing spaces).
 */
const BINARY_COLLATIONS = [
  'utf8mb4_nopad_bin' /* MariaDB ≥ 10.2 */,
  'utf8mb4_0900_bin' /* MySQL ≥ 8.0 */,
  'utf8mb4_bin',
];

/** Makes the binary utf8mb4 collation the database default, so every table created afterwards has it. */
export async function useBinaryCollation(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{
    name: string;
  }>`select collation_name as name from information_schema.collations where collation_name in (${sql.join(BINARY_COLLATIONS)})`.execute(
    db,
  );
  const available = new Set(rows.map((r) => r.name));
  const collation = BINARY_COLLATIONS.find((c) => available.has(c)) ?? 'utf8mb4_bin';
  await sql`alter database character set utf8mb4 collate ${sql.raw(collation)}`.execute(db);
  return collation;
}

/**
 * Free text (descriptions, `extra` JSON, credential blobs, URLs). MySQL's TEXT holds 64 KiB while a request body
 * may be 112 KiB ([DEFAULT] max_request_body_size), and SQLite's and PostgreSQL's text has no limit: MEDIUMTEXT
 * (16 MiB) accepts whatever the API accepts. Never indexed, so its length does not matter to keys.
 */
export function longText(dialect: DialectKind): ColumnDataType | Expression<unknown> {
  return dialect === 'mysql' ? sql`mediumtext` : 'text';
}

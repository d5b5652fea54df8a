import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { foldAsciiCase, type TextMatch } from '../../services/text-match.ts';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * Keystone's inexact list filters (`name__icontains=…`, see services/text-match.ts) as SQL conditions that answer
 * the same on SQLite and PostgreSQL.
 *
 * No LIKE: SQLite's LIKE ignores ASCII case and PostgreSQL's does not (and `PRAGMA case_sensitive_like` is
 * per connection and deprecated), and a LIKE pattern would need `%`, `_` and the escape character escaped.
 * Substring functions compare text exactly and know no wildcards:
 * - contains: `instr` (SQLite) / `strpos` (PostgreSQL) > 0;
 * - startswith: `substr(col, 1, length(v)) = v`; endswith: the last `length(v)` characters equal v;
 *   `substr` and `length` count characters on both.
 * Case-insensitive comparators fold ASCII letters on both sides: SQLite's built-in `lower()` folds ASCII only;
 * PostgreSQL's depends on the database's LC_CTYPE, so there `translate()` maps A–Z to a–z explicitly.
 * Comparisons use the binary collation (no column declares another), and a null column matches nothing.
 */
export function textMatchCondition(dialect: DialectKind, column: string, match: TextMatch): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  const stored = match.caseSensitive ? ref : foldColumn(dialect, ref);
  const value = sql`cast(${match.caseSensitive ? match.value : foldAsciiCase(match.value)} as text)`;
  switch (match.comparator) {
    case 'contains':
      return dialect === 'postgres' ? sql<SqlBool>`strpos(${stored}, ${value}) > 0` : sql<SqlBool>`instr(${stored}, ${value}) > 0`;
    case 'startswith':
      return sql<SqlBool>`substr(${stored}, 1, length(${value})) = ${value}`;
    case 'endswith':
      return sql<SqlBool>`(length(${stored}) >= length(${value}) and substr(${stored}, length(${stored}) - length(${value}) + 1) = ${value})`;
  }
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function foldColumn(dialect: DialectKind, ref: RawBuilder<unknown>): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`translate(${ref}, ${sql.lit(UPPER)}, ${sql.lit(LOWER)})` : sql<string>`lower(${ref})`;
}

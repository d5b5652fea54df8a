import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { foldAsciiCase, type TextMatch } from '../../services/text-match.ts';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * Keystone's inexact list filters (`name__icontains=…`, see services/text-match.ts) as SQL conditions that answer
 * the same on SQLite, PostgreSQL and MariaDB / MySQL.
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
 *
 * MariaDB / MySQL: both sides are cast to bytes, so no collation (the column's, the connection's) takes part and
 * the functions count bytes; a UTF-8 string contains, starts or ends with another exactly when its bytes do.
 * Its `lower()` folds all of Unicode (É → é), so ASCII folding is 26 nested `replace()`s (always exact).
 */
export function textMatchCondition(dialect: DialectKind, column: string, match: TextMatch): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  const folded = match.caseSensitive ? ref : foldColumn(dialect, ref);
  const text = match.caseSensitive ? match.value : foldAsciiCase(match.value);
  const stored = dialect === 'mysql' ? sql`cast(${folded} as binary)` : folded;
  const value = dialect === 'mysql' ? sql`cast(${text} as binary)` : sql`cast(${text} as text)`;
  switch (match.comparator) {
    case 'contains':
      return dialect === 'postgres'
        ? sql<SqlBool>`strpos(${stored}, ${value}) > 0`
        : sql<SqlBool>`instr(${stored}, ${value}) > 0`;
    case 'startswith':
      return sql<SqlBool>`substr(${stored}, 1, length(${value})) = ${value}`;
    case 'endswith':
      return sql<SqlBool>`(length(${stored}) >= length(${value}) and substr(${stored}, length(${stored}) - length(${value}) + 1) = ${value})`;
  }
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function foldColumn(dialect: DialectKind, ref: RawBuilder<unknown>): RawBuilder<string> {
  switch (dialect) {
    case 'postgres':
      return sql<string>`translate(${ref}, ${sql.lit(UPPER)}, ${sql.lit(LOWER)})`;
    case 'mysql':
      return [...UPPER].reduce<RawBuilder<string>>(
        (folded, letter, i) => sql<string>`replace(${folded}, ${sql.lit(letter)}, ${sql.lit(LOWER[i])})`,
        sql<string>`${ref}`,
      );
    case 'sqlite':
      return sql<string>`lower(${ref})`;
  }
}

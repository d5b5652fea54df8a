/**
 * Keystone's inexact list filters: `GET /v3/users?name__icontains=ali` and the like. The query key is an attribute
 * the list filters by, `__`, and a comparator; a leading `i` on the comparator makes it case-insensitive
 * (keystone/server/flask/common.py `build_driver_hints`, keystone/common/driver_hints.py).
 *
 * The storage drivers apply them in the query. Semantics, the same on every database:
 * - the value is plain text: `%`, `_` and `\` match themselves, never as wildcards;
 * - case-sensitive comparators compare code points exactly;
 * - case-insensitive ones fold ASCII letters only (A–Z = a–z), as Keystone's own SQL does on SQLite
 *   (`lower()`), so SQLite and PostgreSQL answer alike whatever PostgreSQL's locale;
 * - an attribute that is null (a project without a parent) matches nothing;
 * - several filters (also the same key repeated) must all match.
 *
 * @example
 * ```ts
 * const byName: TextMatch<'name'> = { attribute: 'name', comparator: 'contains', value: 'ali', caseSensitive: false };
 * ```
 */
export interface TextMatch<A extends string = string> {
  attribute: A;
  comparator: TextComparator;
  value: string;
  caseSensitive: boolean;
}

const TEXT_COMPARATORS = ['contains', 'startswith', 'endswith'] as const;
export type TextComparator = (typeof TEXT_COMPARATORS)[number];

export function isTextComparator(value: string): value is TextComparator {
  return (TEXT_COMPARATORS as readonly string[]).includes(value);
}

/** The list's filters of the storage attributes it can match as text (`UserFilter.textMatches`, …). */
export type TextMatches<A extends string> = readonly TextMatch<A>[];

/**
 * Folds ASCII letters to lower case and leaves every other character alone — the case-insensitive rule above.
 * Storage drivers fold the stored side the same way in SQL.
 */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

import { OptionValueError } from './config-error.ts';

/**
 * `[database] connection`, an SQLAlchemy URL in keystone.conf, reduced to what our
 * storage layer needs. SQLite `filename` is ':memory:' for an in-memory database.
 */
export type DatabaseConnection =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'mysql'; readonly url: string };

const SQLITE_MEMORY = ':memory:';

const EXPECTED =
  'expected a database URL: sqlite:///relative/path, sqlite:////absolute/path, sqlite:// (in memory), ' +
  'postgresql://user:password@host/db or mysql+pymysql://user:password@host/db';

/** `scheme[+driver]://rest` → [scheme, rest]; the SQLAlchemy driver suffix is dropped. */
function splitScheme(url: string): [string, string] | undefined {
  const match = /^([a-z]+)(?:\+[a-z0-9_]+)?:\/\/(.*)$/is.exec(url);
  return match ? [match[1]!.toLowerCase(), match[2]!] : undefined;
}

function sqliteConnection(rest: string): DatabaseConnection {
  // SQLAlchemy's rules: everything after "sqlite:///" is the path, so three slashes
  // give a relative path and four an absolute one; nothing at all means in memory.
  if (rest === '') return Object.freeze({ kind: 'sqlite', filename: SQLITE_MEMORY });
  if (!rest.startsWith('/')) throw new OptionValueError(EXPECTED);
  const path = rest.slice(1).replace(/\?.*$/, '');
  return Object.freeze({ kind: 'sqlite', filename: path === '' ? SQLITE_MEMORY : path });
}

/** Percent-encodes a user name or password that SQLAlchemy would accept raw. */
function encodeCredential(text: string): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: SQLAlchemy would keep it literally, so do we.
  }
  return encodeURIComponent(decoded);
}

/**
 * SQLAlchemy lets the password hold any character but `@` (`#`, `/`, `;` …), while
 * the Node drivers parse with WHATWG URL rules. Re-encoding the credentials gives
 * them the same user and password SQLAlchemy would have used.
 */
function serverUrl(scheme: 'postgresql' | 'mysql', rest: string): string {
  const match = /^(?:([^:/@]*)(?::([^@]*))?@)?(.*)$/s.exec(rest)!;
  const [, user, password, location] = match;
  const credentials =
    user === undefined
      ? ''
      : `${encodeCredential(user)}${password === undefined ? '' : `:${encodeCredential(password)}`}@`;
  const url = `${scheme}://${credentials}${location}`;
  try {
    new URL(url);
  } catch {
    throw new OptionValueError(EXPECTED);
  }
  return url;
}

/**
 * Parses an SQLAlchemy-style URL as found in keystone.conf. Accepts the driver
 * suffixes deployments use (`postgresql+psycopg2`, `mysql+pymysql`, …) and returns
 * URLs the Node drivers understand. Throws OptionValueError (message: what was expected).
 */
export function parseDatabaseConnection(text: string): DatabaseConnection {
  const parts = splitScheme(text.trim());
  if (!parts) throw new OptionValueError(EXPECTED);
  const [scheme, rest] = parts;
  switch (scheme) {
    case 'sqlite':
      return sqliteConnection(rest);
    case 'postgresql':
    case 'postgres':
      return Object.freeze({ kind: 'postgres', url: serverUrl('postgresql', rest) });
    case 'mysql':
    case 'mariadb':
      return Object.freeze({ kind: 'mysql', url: serverUrl('mysql', rest) });
    default:
      throw new OptionValueError(EXPECTED);
  }
}

/** Back to URL text (used for the sample file). */
export function formatDatabaseConnection(connection: DatabaseConnection): string {
  if (connection.kind !== 'sqlite') return connection.url;
  return connection.filename === SQLITE_MEMORY ? 'sqlite://' : `sqlite:///${connection.filename}`;
}

/** Hides the password of a connection URL so it can appear in error messages and logs. */
export function redactDatabaseUrl(text: string): string {
  return text.replace(/^([^:/]+:\/\/[^:/@]*:)[^@]*@/, '$1****@');
}

/**
 * Is this error the database being unavailable (down, restarting, frozen, out of connections, overloaded),
 * rather than a bug or a bad request? Those are answered 503 with Retry-After: never 401 (a client would drop
 * a good token and re-authenticate into the same outage) and never 500 (nothing is wrong with the request).
 * Recognised by error code and, for pg's own client-side errors that carry none, by message; so no database
 * client is imported here and http/ can use it.
 */

/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention (cancel, shutdown). */
const UNAVAILABLE_SQLSTATE_CLASSES = new Set(['08', '53', '57']);
/** 40001 serialization failure, 40P01 deadlock: transient, the same request will succeed later. */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01']);

const UNAVAILABLE_CODES = new Set([
  // sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLite: another writer holds the lock past busy_timeout, or the file cannot be read or written
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  // MySQL / MariaDB (mysql2)
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_QUERY_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_NET_READ_ERROR',
  // storage/mysql-database.ts: no pooled connection came free within [database] pool_timeout
  'POOL_TIMEOUT',
]);

/** mysql2 errors carry the SQLSTATE apart (`sqlState`); MariaDB's own errors (1969, max_statement_time exceeded:
 * 70100, query interrupted) have no mysql2 code name. */
const UNAVAILABLE_MYSQL_SQLSTATES = new Set(['70100', '08S01', '40001']);

/** pg-pool and pg raise these without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /Client has encountered a connection error and is not queryable/,
  /^Connection terminated due to connection timeout/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (
      /^[0-9A-Z]{5}$/.test(code) &&
      (UNAVAILABLE_SQLSTATE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_SQLSTATES.has(code))
    )
      return true;
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR')) return true;
  }
  const sqlState = (error as { sqlState?: unknown }).sqlState;
  if (typeof sqlState === 'string' && UNAVAILABLE_MYSQL_SQLSTATES.has(sqlState)) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // An AggregateError from a connect attempt to several addresses (localhost: ::1 and 127.0.0.1).
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

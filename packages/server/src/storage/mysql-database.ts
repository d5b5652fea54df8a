import {
  CompiledQuery,
  Kysely,
  MysqlDialect,
  type DatabaseConnection as KyselyConnection,
  type MysqlPool,
  type MysqlPoolConnection,
  type MysqlQueryResult,
} from 'kysely';
import type { Pool, PoolConnection, PoolOptions, QueryError } from 'mysql2';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { DatabaseLimits } from './database.ts';
import type { Database } from './tables.ts';

/**
 * MariaDB / MySQL (Galera included) through mysql2, with the same bounded waits as PostgreSQL:
 * - a request waits at most `poolTimeout` for a connection (mysql2's pool queue has no timeout of its own);
 * - a connection older than `connectionRecycleTime` is closed when next taken from the pool, not reused;
 * - a statement runs at most `statementTimeout` on the server (MariaDB `max_statement_time`, MySQL
 *   `max_execution_time`, which covers SELECTs only), and the client gives up 2 s later (a frozen server).
 */

/** The error a request gets when no connection came free in time; isDatabaseUnavailable answers it 503. */
const POOL_TIMEOUT_CODE = 'POOL_TIMEOUT';

/** A mysql:// URL (as conf/database-connection.ts returns it) to mysql2 options; query parameters other than
 * unix_socket are SQLAlchemy/PyMySQL's (`charset=utf8`, …): the connection is utf8mb4 whatever they say. */
export function mysqlPoolOptions(url: string, limits: DatabaseLimits): PoolOptions {
  const parsed = new URL(url);
  const socketPath = parsed.searchParams.get('unix_socket') ?? undefined;
  return {
    host: parsed.hostname === '' ? 'localhost' : parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    socketPath,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    // utf8mb4: all of Unicode (utf8/utf8mb3 has no emoji). The collation of comparisons is the columns'
    // (see migrations/mysql-collation.ts); the connection's only applies to literals compared with literals.
    charset: 'UTF8MB4_UNICODE_CI',
    // Values come back as SQLite and PostgreSQL return them: BIGINT (counts, the change counter) as numbers
    // while they fit in a double, no Date objects (there are no date columns; times are ISO text).
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: true,
    connectionLimit: limits.maxPoolSize,
    // Every connection stays pooled until recycled (maxIdle = limit switches mysql2's idle reaper off).
    maxIdle: limits.maxPoolSize,
    connectTimeout: limits.poolTimeout * 1000,
    waitForConnections: true,
    queueLimit: 0,
    enableKeepAlive: true,
  };
}

/**
 * Per session, once: the statement timeout; READ COMMITTED, as PostgreSQL's default, which the locking in the
 * drivers was written for (InnoDB's REPEATABLE READ adds gap locks, hence more deadlocks, and reads a snapshot
 * that would hide a row another transaction committed after our first read); oslo.db's `TRADITIONAL` SQL mode,
 * so a value too long for its column is an error rather than silently truncated.
 */
async function prepareSession(connection: KyselyConnection, statementTimeoutSeconds: number): Promise<void> {
  const { rows } = await connection.executeQuery<{ version: string }>(CompiledQuery.raw('select version() as version'));
  const mariadb = /mariadb/i.test(rows[0]?.version ?? '');
  const timeout = mariadb
    ? `set session max_statement_time = ${statementTimeoutSeconds}`
    : `set session max_execution_time = ${statementTimeoutSeconds * 1000}`;
  await connection.executeQuery(CompiledQuery.raw(timeout));
  await connection.executeQuery(CompiledQuery.raw('set session transaction isolation level read committed'));
  await connection.executeQuery(CompiledQuery.raw(`set session sql_mode = 'TRADITIONAL'`));
}

/** Kysely's view of the mysql2 pool, with the bounded acquire, recycling and a client-side query timeout. */
class BoundedPool implements MysqlPool {
  private readonly born = new WeakMap<PoolConnection, number>();
  private readonly views = new WeakMap<PoolConnection, MysqlPoolConnection>();

  constructor(
    private readonly pool: Pool,
    private readonly limits: DatabaseLimits,
    /** What connection_recycle_time is measured by (the wait for a free connection stays on real time). */
    private readonly clock: Clock,
  ) {
    pool.on('connection', (connection) => {
      this.born.set(connection, clock.now().getTime());
      // mysql2 listens with once('error'): a second error on a dropped connection would crash the process.
      // The statement in flight fails on its own (503); the pool has already forgotten the connection.
      connection.on('error', () => undefined);
    });
  }

  getConnection(callback: (error: unknown, connection: MysqlPoolConnection) => void): void {
    this.acquire(Date.now() + this.limits.poolTimeout * 1000, callback);
  }

  end(callback: (error: unknown) => void): void {
    this.pool.end(callback);
  }

  private acquire(deadline: number, callback: (error: unknown, connection: MysqlPoolConnection) => void): void {
    let answered = false;
    const timer = setTimeout(
      () => {
        answered = true;
        const error = Object.assign(new Error(`no database connection came free within ${this.limits.poolTimeout} s`), {
          code: POOL_TIMEOUT_CODE,
        });
        callback(error, undefined as unknown as MysqlPoolConnection);
      },
      Math.max(0, deadline - Date.now()),
    );
    this.pool.getConnection((error, connection) => {
      if (answered) {
        // Too late: this request has been answered 503; the connection goes back for the next one.
        connection?.release();
        return;
      }
      answered = true;
      clearTimeout(timer);
      if (error) return callback(error, undefined as unknown as MysqlPoolConnection);
      if (this.isDue(connection)) {
        connection.destroy();
        return this.acquire(deadline, callback);
      }
      callback(null, this.view(connection));
    });
  }

  private isDue(connection: PoolConnection): boolean {
    const recycleMs = this.limits.connectionRecycleTime * 1000;
    const now = this.clock.now().getTime();
    return recycleMs > 0 && now - (this.born.get(connection) ?? now) >= recycleMs;
  }

  /** One view per connection: Kysely keys its per-connection state (and onCreateConnection) on it. */
  private view(connection: PoolConnection): MysqlPoolConnection {
    let view = this.views.get(connection);
    if (!view) {
      const timeout = this.limits.statementTimeout * 1000 + 2000;
      view = {
        query: ((sql: string, parameters: unknown[], callback?: (error: unknown, result: MysqlQueryResult) => void) => {
          if (!callback) return connection.query(sql, parameters);
          connection.query({ sql, values: parameters, timeout }, (error: QueryError | null, result: unknown) => {
            // A timed-out connection still has the statement queued: never hand it out again.
            if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
            callback(error, result as MysqlQueryResult);
          });
        }) as MysqlPoolConnection['query'],
        release: () => connection.release(),
      };
      this.views.set(connection, view);
    }
    return view;
  }
}

export function openMysqlDatabase(url: string, limits: DatabaseLimits, clock: Clock = systemClock): Kysely<Database> {
  const pool = new BoundedPool(
    loadOnFirstUse<typeof import('mysql2')>('mysql2').createPool(mysqlPoolOptions(url, limits)),
    limits,
    clock,
  );
  const dialect = new MysqlDialect({
    pool,
    onCreateConnection: (connection) => prepareSession(connection, limits.statementTimeout),
  });
  return new Kysely<Database>({ dialect });
}

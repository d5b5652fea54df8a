import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import { GuardedSqliteDialect } from './transaction-scope.ts';
import type pg from 'pg';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import { type Clock, systemClock } from '../clock.ts';
import { pingDatabase } from './database-ping.ts';
import type { DialectKind } from './dialect-kind.ts';
import { openMysqlDatabase } from './mysql-database.ts';
import { recyclingPool } from './recycling-pg-pool.ts';
import { cachingStatements } from './statement-cache.ts';
import { StatementCounter } from './statement-counter.ts';
import type { Database } from './tables.ts';

export type DatabaseConnection =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'mysql'; url: string };

/** Connection pool occupancy, for the metrics (pg's totalCount, idleCount, waitingCount). */
interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectKind;
  close(): Promise<void>;
  /** Rejects unless the database answers `select 1` within timeoutMs (the healthcheck). */
  ping(timeoutMs: number): Promise<void>;
  /** Present when the driver pools connections (PostgreSQL); SQLite has one in-process handle. */
  poolStats?(): PoolStats;
  /** Statements sent through `db` so far, reads and writes apart (the tests' query counts). */
  statements: StatementCounter;
}

/** [database] limits: how long a request may wait for the database before it is answered 503. */
export interface DatabaseLimits {
  maxPoolSize: number;
  /** Seconds to wait for a pooled or new connection. */
  poolTimeout: number;
  /** Seconds after which a pooled connection is replaced (0: never). */
  connectionRecycleTime: number;
  /** Seconds one statement may run. */
  statementTimeout: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  maxPoolSize: 10,
  poolTimeout: 10,
  connectionRecycleTime: 3600,
  statementTimeout: 30,
};

export function openDatabase(
  connection: DatabaseConnection,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  warn: (message: string) => void = () => undefined,
  clock: Clock = systemClock,
): OpenDatabase {
  const opened = openUncounted(connection, limits, warn, clock);
  const statements = new StatementCounter();
  // The same driver and pool; every statement made through it (transactions included) is counted.
  const db = opened.db.withPlugin(statements);
  return { ...opened, db, statements };
}

function openUncounted(
  connection: DatabaseConnection,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  warn: (message: string) => void = () => undefined,
  /** What connection_recycle_time is measured by. */
  clock: Clock = systemClock,
): Omit<OpenDatabase, 'statements'> {
  switch (connection.kind) {
    case 'sqlite': {
      if (connection.filename !== ':memory:') mkdirSync(dirname(connection.filename), { recursive: true });
      const sqlite = new SqliteDatabase(connection.filename);
      // Waiting for the one write lock is SQLite's wait for a connection: after it, SQLITE_BUSY (503). First, so
      // that switching to WAL below waits too while another process (a sibling worker) holds the database.
      // The wait blocks this process (better-sqlite3 is synchronous) but only while another process is in a
      // write transaction, which every one starts with BEGIN IMMEDIATE and keeps short (transaction-scope.ts).
      sqlite.pragma(`busy_timeout = ${limits.poolTimeout * 1000}`);
      // WAL lets readers proceed while the single writer commits, in this process and in the others.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      const db = new Kysely<Database>({ dialect: new GuardedSqliteDialect({ database: cachingStatements(sqlite) }) });
      return { db, dialect: 'sqlite', close: () => db.destroy(), ping: (timeoutMs) => pingDatabase(db, timeoutMs) };
    }
    case 'postgres': {
      // Return BIGINT/COUNT as numbers: every count here fits in a double.
      const { types, Pool } = loadOnFirstUse<typeof pg>('pg');
      types.setTypeParser(20, (value: string) => Number(value));
      const pool = new Pool({
        connectionString: connection.url,
        max: limits.maxPoolSize,
        // Without these a down or frozen server holds requests for minutes (TCP retries): bounded, then 503.
        connectionTimeoutMillis: limits.poolTimeout * 1000,
        maxLifetimeSeconds: limits.connectionRecycleTime,
        statement_timeout: limits.statementTimeout * 1000,
        // Client-side: a server that stopped answering (frozen, partitioned) cannot cancel its own statements.
        query_timeout: limits.statementTimeout * 1000 + 2000,
        keepAlive: true,
      });
      // An idle pooled connection that the server drops (restart, failover, admin termination) emits
      // 'error' on the pool; unhandled, that would crash the process. The pool replaces it on next use.
      pool.on('error', (error) => {
        warn(`database connection lost (${(error as { code?: string }).code ?? error.message}); it will be replaced`);
      });
      // A connection lost while checked out (between two statements of a transaction, say) emits 'error' on the
      // client, where pg-pool listens no more: without a listener of our own that would crash the process.
      // The statement in flight fails on its own (503); the pool drops the client when it is released.
      pool.on('connect', (client) => {
        client.on('error', () => undefined);
      });
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: recyclingPool(pool, limits.connectionRecycleTime, clock) }),
      });
      return {
        db,
        dialect: 'postgres',
        close: () => db.destroy(),
        ping: (timeoutMs) => pingDatabase(db, timeoutMs),
        poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      };
    }
    case 'mysql': {
      const db = openMysqlDatabase(connection.url, limits, clock);
      return { db, dialect: 'mysql', close: () => db.destroy(), ping: (timeoutMs) => pingDatabase(db, timeoutMs) };
    }
  }
}

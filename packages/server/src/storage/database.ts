import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { pingDatabase } from './database-ping.ts';
import type { DialectKind } from './dialect-kind.ts';
import type { Database } from './tables.ts';

export type DatabaseConnection =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'mysql'; url: string };

/** Connection pool occupancy, for the metrics (pg's totalCount, idleCount, waitingCount). */
export interface PoolStats {
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
}

export function openDatabase(connection: DatabaseConnection): OpenDatabase {
  switch (connection.kind) {
    case 'sqlite': {
      if (connection.filename !== ':memory:') mkdirSync(dirname(connection.filename), { recursive: true });
      const sqlite = new SqliteDatabase(connection.filename);
      // WAL lets readers proceed while the single writer commits.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 5000');
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      return { db, dialect: 'sqlite', close: () => db.destroy(), ping: (timeoutMs) => pingDatabase(db, timeoutMs) };
    }
    case 'postgres': {
      // Return BIGINT/COUNT as numbers: every count here fits in a double.
      pg.types.setTypeParser(20, (value: string) => Number(value));
      const pool = new pg.Pool({ connectionString: connection.url, max: 10 });
      // An idle pooled connection that the server drops (restart, failover, admin termination) emits
      // 'error' on the pool; unhandled, that would crash the process. The pool replaces it on next use.
      pool.on('error', (error) => {
        console.warn(`database connection lost (${(error as { code?: string }).code ?? error.message}); it will be replaced`);
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      return {
        db,
        dialect: 'postgres',
        close: () => db.destroy(),
        ping: (timeoutMs) => pingDatabase(db, timeoutMs),
        poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      };
    }
    case 'mysql':
      throw new Error('[database] connection: MySQL/MariaDB is not supported yet; use sqlite:// or postgresql://');
  }
}

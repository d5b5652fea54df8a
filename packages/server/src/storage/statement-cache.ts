import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; beyond it the least recently used is dropped (lists of varying length). */
const MAX_STATEMENTS = 500;

/**
 * The SQLite handle as Kysely's dialect sees it, with every statement prepared once and reused: Kysely prepares
 * each query anew, and compiling the SQL was a quarter of a token request's CPU. SQLite re-prepares a kept
 * statement by itself after a schema change. A statement still being iterated (a stream) is never handed out
 * twice: a fresh one is prepared for the second user.
 */
export function cachingStatements(sqlite: BetterSqlite): SqliteDatabase {
  const prepared = new Map<string, Statement>();
  return {
    close: () => {
      prepared.clear();
      sqlite.close();
    },
    prepare(sql: string): Statement {
      const kept = prepared.get(sql);
      if (kept !== undefined) {
        if (kept.busy) return sqlite.prepare(sql);
        // Most recently used last, so the first key is the one to drop.
        prepared.delete(sql);
        prepared.set(sql, kept);
        return kept;
      }
      const statement = sqlite.prepare(sql);
      prepared.set(sql, statement);
      if (prepared.size > MAX_STATEMENTS) prepared.delete(prepared.keys().next().value!);
      return statement;
    },
  };
}

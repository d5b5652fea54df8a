// Bulk loading straight into the database the migrations made: multi-row INSERTs in one transaction per table on
// SQLite (one prepared statement per batch size), one INSERT … SELECT FROM unnest(arrays) per 20,000 rows on
// PostgreSQL (one round trip per chunk, no parameter limit). Hours through the API, about a minute this way.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { TableRows } from './dataset.ts';

export interface BulkWriter {
  /** Inserts every row; returns how many. */
  insert(t: TableRows): Promise<number>;
  /** Runs one statement (and returns its rows): role ids after the bootstrap, counts. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function* chunks<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

export function sqliteWriter(filename: string): BulkWriter {
  const db = new SqliteDatabase(filename);
  db.pragma('journal_mode = WAL');
  // A seed that fails is thrown away: no need to survive a power cut half-way.
  db.pragma('synchronous = OFF');
  return {
    async insert(t) {
      const tuple = `(${t.columns.map(() => '?').join(', ')})`;
      const perBatch = Math.min(500, Math.floor(30_000 / t.columns.length));
      const statements = new Map<number, SqliteDatabase.Statement>();
      const statement = (n: number) => {
        let s = statements.get(n);
        if (!s) {
          s = db.prepare(`INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`);
          statements.set(n, s);
        }
        return s;
      };
      let count = 0;
      db.transaction(() => {
        for (const batch of chunks(t.rows(), perBatch)) {
          statement(batch.length).run(batch.flat());
          count += batch.length;
        }
      })();
      return count;
    },
    async query(sql, params = []) {
      const s = db.prepare(sql);
      if (s.reader) return s.all(params) as Record<string, unknown>[];
      s.run(params);
      return [];
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(t) {
      let count = 0;
      await client.query('BEGIN');
      try {
        for (const batch of chunks(t.rows(), 20_000)) {
          const arrays = t.columns.map((_, c) => batch.map((row) => row[c]));
          // integer columns get an int[] (a row's number), the rest text[] (assigned to varchar/text)
          const types = arrays.map((values) => (values.some((v) => typeof v === 'number') ? 'int' : 'text'));
          const unnest = types.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
          await client.query(
            `INSERT INTO ${t.table} (${t.columns.join(', ')}) SELECT * FROM unnest(${unnest})`,
            arrays,
          );
          count += batch.length;
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      return count;
    },
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    async close() {
      await client.end();
    },
  };
}

// The query plans of the statements a scenario's request runs (captured by sql-log.ts in the server), flagging full
// scans of big tables: `SCAN <table>` without an index on SQLite, `Seq Scan on <table>` on PostgreSQL.
import { readFileSync, statSync } from 'node:fs';
import type { BulkWriter } from './bulk.ts';
import type { DatabaseKind } from './target.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface PlannedStatement extends Statement {
  plan: string[];
  /** big tables the plan reads whole */
  fullScans: string[];
}

/** A table with at least this many rows read whole is a finding; a scan of the roles or the catalog is not. */
const BIG_TABLE = 1000;

const size = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** The statements logged while `action` ran, read from the log file between its two sizes. */
export async function statementsDuring(logFile: string, action: () => Promise<void>): Promise<Statement[]> {
  const from = size(logFile);
  await action();
  const to = size(logFile);
  if (to <= from) return [];
  const text = readFileSync(logFile).subarray(from, to).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Statement);
}

const CONTROL = /^\s*(begin|commit|rollback|savepoint|release|pragma|set|select 1\b|show)/i;

/** The distinct statements (by text), transaction control left out. */
export function distinct(statements: Statement[]): Statement[] {
  const seen = new Map<string, Statement>();
  for (const s of statements) if (!CONTROL.test(s.sql) && !seen.has(s.sql)) seen.set(s.sql, s);
  return [...seen.values()];
}

export class Planner {
  private readonly rows = new Map<string, number>();

  constructor(
    private readonly kind: DatabaseKind,
    private readonly db: BulkWriter,
  ) {}

  private async rowCount(table: string): Promise<number> {
    let n = this.rows.get(table);
    if (n === undefined) {
      const valid = /^[a-z_][a-z0-9_]*$/i.test(table);
      const rows = valid ? await this.db.query(`SELECT count(*) AS n FROM ${table}`).catch(() => []) : [];
      n = Number(rows[0]?.n ?? 0);
      this.rows.set(table, n);
    }
    return n;
  }

  async plan(s: Statement): Promise<PlannedStatement> {
    const plan: string[] = [];
    const scanned: string[] = [];
    try {
      if (this.kind === 'sqlite') {
        const rows = (await this.db.query(`EXPLAIN QUERY PLAN ${s.sql}`, s.params)) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        for (const r of rows) {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          plan.push(`${'  '.repeat(d - 1)}${r.detail}`);
          const scan = /^SCAN (\w+)/.exec(r.detail);
          if (scan && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(r.detail)) scanned.push(scan[1]!);
        }
      } else {
        const rows = await this.db.query(`EXPLAIN ${s.sql}`, s.params);
        for (const r of rows) {
          const line = String(r['QUERY PLAN']);
          plan.push(line);
          const scan = /Seq Scan on (\w+)/.exec(line);
          if (scan) scanned.push(scan[1]!);
        }
      }
    } catch (error) {
      plan.push(`(no plan: ${error instanceof Error ? error.message : String(error)})`);
    }
    const fullScans: string[] = [];
    for (const table of new Set(scanned)) {
      const n = await this.rowCount(table);
      if (n >= BIG_TABLE) fullScans.push(`${table} (${n.toLocaleString('en')} rows)`);
    }
    return { ...s, plan, fullScans };
  }
}

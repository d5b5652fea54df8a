// Preloaded into the server (node --import tsx --import bench/scale/sql-log.ts …) by the scale benchmark: appends
// every SQL statement the server runs, with its parameters, as one JSON line to $XLOUD_BENCH_SQL_LOG. It patches
// the two drivers (better-sqlite3's Statement, pg's Client.query) below Kysely, so the server's code is untouched.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.XLOUD_BENCH_SQL_LOG;
// resolved from the server's bin, so these are the very module instances the server loads
const load = createRequire(process.argv[1] ?? `${process.cwd()}/`);

function record(sql: string, params: unknown): void {
  if (file) appendFileSync(file, `${JSON.stringify({ sql, params: Array.isArray(params) ? params : [] })}\n`);
}

type Fn = (this: any, ...args: any[]) => any;

function wrap(proto: Record<string, any>, name: string, sqlOf: (self: any, args: any[]) => [string, unknown]): void {
  const original = proto[name] as Fn;
  proto[name] = function (this: any, ...args: any[]) {
    const [sql, params] = sqlOf(this, args);
    record(sql, params);
    return original.apply(this, args);
  };
}

if (file) {
  const Sqlite = load('better-sqlite3');
  // The Statement class is not exported: patch its prototype on the first prepare.
  const prepare = Sqlite.prototype.prepare as Fn;
  let patched = false;
  Sqlite.prototype.prepare = function (this: any, ...args: any[]) {
    const statement = prepare.apply(this, args);
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(statement);
      for (const name of ['all', 'get', 'run', 'iterate']) {
        wrap(proto, name, (self, a) => [self.source, a.length === 1 && Array.isArray(a[0]) ? a[0] : a]);
      }
    }
    return statement;
  };
  const pg = load('pg');
  wrap(pg.Client.prototype, 'query', (_self, a) =>
    typeof a[0] === 'string' ? [a[0], a[1]] : [a[0]?.text ?? '', a[0]?.values ?? a[1]],
  );
}

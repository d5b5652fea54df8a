// `npm run bench -- --scale [--database sqlite|postgres]`: seeds the scale data set (100,000 users, 10,000
// projects in 5 levels across 100 domains, 2,000 groups, ~1,000,000 role assignments, 100,000 revocation events)
// into a fresh database, starts the compiled server on it and measures the hot paths, then explains their SQL.
// Writes bench/results/scale-<db>-<timestamp>.md and .json; the temporary database is dropped afterwards.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeResults } from '../report.ts';
import { sampleRss } from '../rss.ts';
import { type BulkWriter, postgresWriter, sqliteWriter } from './bulk.ts';
import { shapeAt } from './dataset.ts';
import { distinct, Planner, type Statement, statementsDuring } from './explain.ts';
import { measure, type ScaleRow } from './measure.ts';
import { markdown, type ScaleResults, type ScenarioPlans } from './report.ts';
import { prepareContext, type ScaleScenario, scenarios, validateMiss } from './scenarios.ts';
import { expectStatus, type Lease, once, settle, withServer } from './lease.ts';
import { seed } from './seed.ts';
import { bootstrapTarget, createTarget, type DatabaseKind, freePort, type Target, writeConfig } from './target.ts';

const SCALE_USAGE = `usage: npm run bench -- --scale [options]
  --database sqlite|postgres  where to seed (default sqlite; postgres: a temporary database on --pg-url's server)
  --pg-url URL                PostgreSQL maintenance database (default postgresql://postgres@127.0.0.1:5432/postgres)
  --size F                    data set scale (default 1: 100,000 users, ~1,000,000 assignments; 0.05 for a quick try)
  --duration S                seconds per scenario (default 10)     --warmup S   unrecorded seconds first (default 2)
  --connections 8,32          connection counts (default 8,32)      --tokens N   distinct tokens for the miss run (2000)
  --workers N                 [DEFAULT] workers of the server (default: the server's own default)
  --bcrypt-cost N             the seeded password hash's cost (default 12)
  --keep                      keep the database and data directory (their location is printed)
  --no-explain                skip the SQL capture and the query plans
  --request-limit S           a request still unanswered after S seconds alone is abandoned and reported (default 30)`;

const log = (msg: string) => process.stderr.write(`[scale] ${msg}\n`);
const benchDir = resolve(__dirname, '..');
const repoRoot = resolve(benchDir, '..');

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scale: { type: 'boolean' },
      database: { type: 'string', default: 'sqlite' },
      'pg-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
      size: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '8,32' },
      tokens: { type: 'string', default: '2000' },
      workers: { type: 'string' },
      'bcrypt-cost': { type: 'string', default: '12' },
      keep: { type: 'boolean', default: false },
      'no-explain': { type: 'boolean', default: false },
      'request-limit': { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const positive = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: not a positive number: ${v}`);
    return n;
  };
  const database = values.database as DatabaseKind;
  if (database !== 'sqlite' && database !== 'postgres') throw new Error('--database: sqlite or postgres');
  return {
    help: values.help === true,
    database,
    pgUrl: values['pg-url']!,
    size: positive('size', values.size),
    duration: positive('duration', values.duration),
    warmup: Number(values.warmup) || 0,
    connections: values.connections!.split(',').map((c) => Math.round(positive('connections', c))),
    tokens: Math.round(positive('tokens', values.tokens)),
    workers: values.workers === undefined ? undefined : Math.round(positive('workers', values.workers)),
    bcryptCost: Math.round(positive('bcrypt-cost', values['bcrypt-cost'])),
    keep: values.keep === true,
    explain: values['no-explain'] !== true,
    requestLimitMs: positive('request-limit', values['request-limit']) * 1000,
  };
}

const openWriter = (target: Target): Promise<BulkWriter> =>
  target.kind === 'sqlite' ? Promise.resolve(sqliteWriter(target.location)) : postgresWriter(target.location);

async function countRows(db: BulkWriter): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = ['project', 'identity_user', 'identity_group', 'group_membership', 'role', 'assignment'];
  for (const table of [...tables, 'revocation_event']) {
    counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? 0);
  }
  return counts;
}

/** A request slower than this (ms) alone is timed once, not 3 times (x5). */
const SLOW_MS = 1000;

export async function runScale(argv: string[]): Promise<number> {
  const opts = options(argv);
  if (opts.help) {
    console.log(SCALE_USAGE);
    return 0;
  }
  if (!existsSync(join(repoRoot, 'packages/server/dist/main.js'))) {
    log('compiling the server (it runs from its build, as in production)');
    execFileSync(process.execPath, [join(repoRoot, 'scripts/ensure-build.mjs'), 'bench'], { stdio: 'inherit' });
  }
  const shape = shapeAt(opts.size);
  const started = new Date();
  const adminPassword = randomBytes(12).toString('base64url');
  const userPassword = randomBytes(12).toString('base64url');
  const target = await createTarget(opts.database, opts.pgUrl, opts.keep);
  log(`${opts.database} database ${target.location}${opts.keep ? ' (kept)' : ''}`);
  try {
    log('migrations and bootstrap');
    const config = writeConfig(target, { port: await freePort(), tokenCaching: true, pollChanges: true });
    await bootstrapTarget(target, config, adminPassword);
    log(`seeding ${JSON.stringify(shape)}`);
    const writer = await openWriter(target);
    let counts: Record<string, number>;
    let seeded: Awaited<ReturnType<typeof seed>>;
    try {
      seeded = await seed(writer, shape, userPassword, opts.bcryptCost, log, opts.database === 'postgres');
      counts = await countRows(writer);
    } finally {
      await writer.close();
    }
    log(`seeded in ${seeded.seconds.toFixed(0)} s: ${JSON.stringify(counts)}`);

    // 1. the SQL of each scenario's request, logged by a server with the SQL log preloaded (not measured)
    const sqlLog = join(target.dir, 'sql.jsonl');
    let ctx!: Awaited<ReturnType<typeof prepareContext>>;
    const captured: { scenario: string; cold: Statement[]; warm?: Statement[]; note?: string }[] = [];
    await withServer(
      target,
      opts.workers,
      false,
      async (lease) => {
        log(`preparing ${opts.tokens} tokens and the 100th-page marker`);
        ctx = await prepareContext(lease.server.url, adminPassword, userPassword, opts.tokens);
        if (!opts.explain) return;
        for (const s of [validateMiss(ctx), ...scenarios(shape, ctx).filter((x) => x.name !== 'validate-hit')]) {
          log(`capturing the SQL of ${s.name}`);
          let r: Awaited<ReturnType<typeof once>> = 'abandoned';
          const cold = await statementsDuring(sqlLog, async () => {
            r = await once(lease.server.url, s, opts.requestLimitMs);
          });
          if (r === 'abandoned') {
            const note = `abandoned after ${opts.requestLimitMs / 1000} s: the statements of its first ${opts.requestLimitMs / 1000} s`;
            captured.push({ scenario: s.name, cold, note });
            await lease.restart();
            continue;
          }
          expectStatus(s, r);
          const warm = await statementsDuring(sqlLog, async () => {
            r = await once(lease.server.url, s, opts.requestLimitMs);
          });
          captured.push({ scenario: s.name, cold, warm });
        }
      },
      sqlLog,
    );

    // 2. the measurements, cache on; 3. the cache-miss validation, [token] caching = false
    const rows: ScaleRow[] = [];
    let idleRssMb: number | undefined;
    const run = async (lease: Lease, list: ScaleScenario[]) => {
      idleRssMb ??= (sampleRss(lease.server.pid)?.treeRssKb ?? 0) / 1024;
      for (const s of list) {
        const first = await once(lease.server.url, s, opts.requestLimitMs);
        if (first === 'abandoned') {
          log(`${s.name}: no answer within ${opts.requestLimitMs / 1000} s alone; not measured under load`);
          const rss = sampleRss(lease.server.pid);
          rows.push({
            scenario: s.name,
            description: s.description,
            connections: 0,
            singleMs: undefined,
            note: `no answer within ${opts.requestLimitMs / 1000} s`,
            rps: 0,
            p50: 0,
            p99: 0,
            max: 0,
            total: 0,
            non2xx: 0,
            errors: 1,
            rssMb: rss && rss.treeRssKb / 1024,
            processes: rss?.processes,
          });
          await lease.restart();
          continue;
        }
        expectStatus(s, first);
        // one request at a time: the median of 3 (the first one alone when it takes seconds)
        const times = [first.ms];
        while (times.length < 3 && first.ms < 5 * SLOW_MS) {
          const r = await once(lease.server.url, s, opts.requestLimitMs);
          if (r === 'abandoned') break;
          times.push(r.ms);
        }
        const single = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
        // connections whose queue (connections x the time alone) fits in a quarter of the run, at least 1
        const fitting = opts.connections.filter((c) => c * single <= (opts.duration * 1000) / 4);
        const levels = fitting.length ? fitting : [1];
        if (levels.length < opts.connections.length) {
          log(`${s.name}: ${single.toFixed(0)} ms alone, measured at ${levels.join(', ')} connection(s) only`);
        }
        for (const c of levels) {
          log(`${s.name} x${c} for ${opts.duration}s`);
          const row = await measure(lease.server.url, s, c, opts.duration, opts.warmup, lease.server.pid);
          row.singleMs = single;
          // autocannon drops what is in flight at the deadline, the server does not: let it finish first
          await settle(lease.server.url);
          if (row.non2xx || row.errors) log(`  ${row.non2xx} non-2xx, ${row.errors} errors`);
          rows.push(row);
        }
      }
    };
    await withServer(target, opts.workers, true, (lease) => run(lease, scenarios(shape, ctx)));
    await withServer(target, opts.workers, false, (lease) => run(lease, [validateMiss(ctx)]));

    // 4. the plans, on the seeded database (the servers are stopped)
    const plans: ScenarioPlans[] = [];
    if (opts.explain) {
      const db = await openWriter(target);
      try {
        const planner = new Planner(opts.database, db);
        for (const c of captured) {
          const warm = distinct(c.warm ?? c.cold);
          const warmSql = new Set(warm.map((s) => s.sql));
          const coldOnly = c.warm ? distinct(c.cold).filter((s) => !warmSql.has(s.sql)) : [];
          // one after the other: one connection
          const planned = [];
          for (const s of [...warm, ...coldOnly]) planned.push(await planner.plan(s));
          plans.push({
            scenario: c.scenario,
            executed: (c.warm ?? c.cold).length,
            note: c.note,
            warm: planned.slice(0, warm.length),
            coldOnly: planned.slice(warm.length),
          });
        }
      } finally {
        await db.close();
      }
    }

    const commit = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
      } catch {
        return 'unknown';
      }
    })();
    const results: ScaleResults = {
      database: opts.database,
      started: started.toISOString(),
      machine: `${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
      commit,
      settings:
        `workers ${opts.workers ?? 'default'}, ${opts.duration} s per run after ${opts.warmup} s warm-up, ` +
        `size ${opts.size}`,
      counts,
      seed: seeded,
      idleRssMb,
      rows,
      plans,
    };
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const base = join(benchDir, 'results', `scale-${opts.database}-${stamp}`);
    writeResults(`${base}.json`, results);
    writeFileSync(`${base}.md`, markdown(results));
    console.log(markdown(results));
    log(`results: ${base}.md and .json`);
    return rows.some((r) => r.non2xx || r.errors) ? 1 : 0;
  } finally {
    await target.drop();
  }
}

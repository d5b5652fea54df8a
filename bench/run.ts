// Load benchmark: the same Identity v3 scenarios against our server and, with --compare, the reference Keystone.
//   npm run bench -- --url http://127.0.0.1:5000 --password X [--duration 10] [--pid PID]
//                    [--compare http://127.0.0.1:5001 --compare-password refadmin [--compare-pid PID]]
// Prints req/s, p50/p99 latency and non-2xx counts per scenario, connection count and target, the ours/ref
// ratios, and writes everything to bench/results/<timestamp>.json. Mixed scenarios (several loads at once, e.g.
// logins and validations) get one row per load and a summary: successful logins/s against this machine's bcrypt
// rate, validations/s and their p99.
// (No top-level await / import.meta: the root package is not "type": "module", so tsx may load this as CJS.)
import autocannon, { type Result } from 'autocannon';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseBenchArgs, USAGE, type BenchArgs, type TargetSpec } from './args.ts';
import {
  createAppCredential,
  deleteAppCredential,
  issueToken,
  issueUnscopedToken,
  probe,
  type Credentials,
} from './keystone.ts';
import { measureBcryptRate, type BcryptRate } from './bcrypt-rate.ts';
import { comparisonTable, mixedTable, resultsTable, writeResults, type Row } from './report.ts';
import { sampleRss, type RssSample } from './rss.ts';
import { runScale } from './scale/main.ts';
import { MIXED_SCENARIOS, SCENARIOS, type MixedScenario, type Scenario, type ScenarioContext } from './scenarios.ts';

const benchDir = dirname(resolve(process.argv[1] ?? 'bench/run.ts'));

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function fire(
  url: string,
  s: ReturnType<Scenario['request']>,
  connections: number,
  duration: number,
): Promise<Result> {
  return autocannon({
    url,
    method: s.method,
    headers: s.headers,
    body: s.body,
    connections,
    duration,
    timeout: 30,
  });
}

/**
 * Waits until the server has worked off what the last run left behind: autocannon stops at the deadline and
 * drops its in-flight requests, but a slow server (the single-worker reference Keystone issues ~2 tokens/s)
 * still processes them. A sequential GET /v3 queues behind that backlog, so its answer means "drained".
 */
async function settle(baseUrl: string): Promise<void> {
  await probe(`${baseUrl}/v3`, { method: 'GET', headers: {} }).catch(() => 0);
}

function toRow(scenario: string, target: TargetSpec, connections: number, r: Result, rssAfter?: RssSample): Row {
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v.count;
  return {
    scenario,
    connections,
    target: target.label,
    url: target.url,
    rps: r.requests.average,
    rpsTotal: r.duration > 0 ? r.requests.total / r.duration : 0,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    durationS: r.duration,
    rssAfter,
  };
}

/** Fails loudly before measuring when a scenario's request does not get the status it expects. */
async function checkScenario(target: TargetSpec, name: string, req: ReturnType<Scenario['request']>): Promise<void> {
  const url = target.url + req.path;
  const status = await probe(url, { method: req.method, headers: req.headers, body: req.body });
  if (status !== req.expect) {
    throw new Error(`${target.label} ${name}: ${req.method} ${url} answered ${status}, expected ${req.expect}`);
  }
}

function warnAboutRow(row: Row, connections: number, duration: number, tolerate: number[] = []): void {
  if (row.total < connections) {
    log(
      `  only ${row.total} responses in ${duration}s with ${connections} connections: figures are not meaningful, raise --duration`,
    );
  }
  if (row.non2xx || row.errors) {
    const what = tolerate.length ? ` (${tolerate.join(', ')} expected here)` : '';
    log(
      `  ${row.non2xx} non-2xx (${JSON.stringify(row.statusCodes)})${what}, ${row.errors} errors, ${row.timeouts} timeouts`,
    );
  }
}

/**
 * Waits until a login is answered 201 again: autocannon drops its requests in flight at the deadline, and logins the
 * server had queued (or is still hashing) would otherwise eat into the next run. A 503 from the hashing gate is
 * retried after its Retry-After.
 */
async function settleLogins(url: string, req: ReturnType<Scenario['request']>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
    await res.arrayBuffer();
    if (res.status !== 503) return;
    const wait = Math.min(Number(res.headers.get('retry-after')) || 1, 5);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
  log('  logins still refused after 120 s of waiting; measuring anyway');
}

/** Every part of a mixed scenario fired at once, for the same duration; one row per part. */
async function benchMixed(args: BenchArgs, target: TargetSpec, ctx: ScenarioContext, mixed: MixedScenario) {
  const parts = mixed.parts.map((part) => ({ part, req: part.scenario.request(ctx) }));
  for (const { part, req } of parts) await checkScenario(target, `${mixed.name} ${part.label}`, req);
  const fireAll = (duration: number) =>
    Promise.all(parts.map(({ part, req }) => fire(target.url + req.path, req, part.connections, duration)));
  const settleAll = async () => {
    await settle(target.url);
    for (const { req } of parts) if (req.method === 'POST') await settleLogins(target.url + req.path, req);
  };
  if (args.warmup > 0) {
    await fireAll(args.warmup);
    await settleAll();
  }
  log(
    `${target.label} ${mixed.name} (${parts.map(({ part }) => `${part.label} x${part.connections}`).join(' + ')}) for ${args.duration}s`,
  );
  const results = await fireAll(args.duration);
  await settleAll();
  const rssAfter = target.pid ? sampleRss(target.pid) : undefined;
  return parts.map(({ part }, i) => {
    const row = toRow(`${mixed.name}:${part.label}`, target, part.connections, results[i]!, rssAfter);
    row.tolerated = part.tolerate;
    warnAboutRow(row, part.connections, args.duration, part.tolerate);
    return row;
  });
}

async function benchTarget(args: BenchArgs, target: TargetSpec, scenarios: Scenario[], mixed: MixedScenario[]) {
  const creds: Credentials = {
    username: args.username,
    userDomain: args.userDomain,
    password: target.password,
    project: args.project,
    projectDomain: args.projectDomain,
  };
  const adminToken = await issueToken(target.url, creds);
  const ctx: ScenarioContext = {
    creds,
    adminToken,
    subjectToken: await issueToken(target.url, creds),
    unscopedToken: await issueUnscopedToken(target.url, creds),
    appCredential: await createAppCredential(target.url, adminToken, `bench-${process.pid}-${Date.now()}`),
  };
  try {
    return await benchScenarios(args, target, ctx, scenarios, mixed);
  } finally {
    await deleteAppCredential(target.url, adminToken, ctx.appCredential).catch(() => undefined);
  }
}

async function benchScenarios(
  args: BenchArgs,
  target: TargetSpec,
  ctx: ScenarioContext,
  scenarios: Scenario[],
  mixed: MixedScenario[],
) {
  const rssBefore = target.pid ? sampleRss(target.pid) : undefined;
  if (target.pid && !rssBefore) log(`warning: cannot read /proc/${target.pid}/status; no RSS for ${target.label}`);
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const req = scenario.request(ctx);
    const url = target.url + req.path;
    await checkScenario(target, scenario.name, req);
    for (const connections of args.connections) {
      if (args.warmup > 0) {
        await fire(url, req, connections, args.warmup);
        await settle(target.url);
      }
      log(`${target.label} ${scenario.name} x${connections} for ${args.duration}s`);
      const result = await fire(url, req, connections, args.duration);
      await settle(target.url);
      const row = toRow(scenario.name, target, connections, result, target.pid ? sampleRss(target.pid) : undefined);
      warnAboutRow(row, connections, args.duration);
      rows.push(row);
    }
  }
  for (const scenario of mixed) rows.push(...(await benchMixed(args, target, ctx, scenario)));
  const rssAfter = target.pid ? sampleRss(target.pid) : undefined;
  return { target: target.label, url: target.url, pid: target.pid, rssBefore, rssAfter, rows };
}

async function main(): Promise<number> {
  if (process.argv.includes('--scale')) return runScale(process.argv.slice(2));
  const args = parseBenchArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const known = [...SCENARIOS, ...MIXED_SCENARIOS].map((s) => s.name);
  const unknown = (args.scenarios ?? []).filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const chosen = <S extends { name: string }>(all: S[]) =>
    args.scenarios ? all.filter((s) => args.scenarios?.includes(s.name)) : all;
  const scenarios = chosen(SCENARIOS);
  const mixed = chosen(MIXED_SCENARIOS);

  // The yardstick, measured before and after the loads (never during: it would compete with the servers); the
  // mean is used, and two figures far apart say the machine was busy with something else.
  const measureBcrypt = async (when: string) => {
    if (mixed.length === 0 || args.bcryptCost <= 0) return undefined;
    log(`measuring this machine's bcrypt cost-${args.bcryptCost} rate on every CPU (${when})`);
    return measureBcryptRate(args.bcryptCost);
  };
  const bcryptBefore = await measureBcrypt('before');
  const started = new Date();
  const perTarget: Awaited<ReturnType<typeof benchTarget>>[] = [];
  for (const target of args.targets) perTarget.push(await benchTarget(args, target, scenarios, mixed));
  const rows = perTarget.flatMap((t) => t.rows);
  // interleave targets per scenario/connection count so the table reads side by side
  const order = [...scenarios.map((s) => s.name), ...mixed.flatMap((m) => m.parts.map((p) => `${m.name}:${p.label}`))];
  rows.sort(
    (a, b) =>
      order.indexOf(a.scenario) - order.indexOf(b.scenario) ||
      a.connections - b.connections ||
      a.target.localeCompare(b.target),
  );
  const bcryptAfter = await measureBcrypt('after');
  const bcrypt: BcryptRate | undefined =
    bcryptBefore && bcryptAfter
      ? { ...bcryptAfter, perSecond: (bcryptBefore.perSecond + bcryptAfter.perSecond) / 2 }
      : undefined;

  // the same report for the terminal and, as markdown, beside the JSON
  const report = (format: 'text' | 'md'): string => {
    const out: string[] = [];
    out.push(
      `${format === 'md' ? `# npm run bench, ${started.toISOString()}\n\n` : '\n'}` +
        `duration ${args.duration}s per run (+${args.warmup}s warm-up); latency in ms; rss: every process of the server after the run`,
    );
    out.push('', resultsTable(rows, format));
    for (const m of mixed) {
      out.push('', `${m.name}: ${m.description}`, '', mixedTable(rows, m.name, bcrypt, format));
    }
    if (bcrypt && bcryptBefore && bcryptAfter) {
      out.push(
        '',
        `bcrypt cost ${bcrypt.cost} on this machine, ${bcrypt.cpus} CPUs busy: ${bcrypt.perSecond.toFixed(2)} hashes/s ` +
          `(before ${bcryptBefore.perSecond.toFixed(2)}, after ${bcryptAfter.perSecond.toFixed(2)})`,
      );
    }
    if (args.targets.length > 1) {
      out.push(
        '',
        'ratios ours/ref (req/s: higher is better; latency: lower is better)',
        '',
        comparisonTable(rows, format),
      );
    }
    for (const t of perTarget) {
      if (t.rssBefore || t.rssAfter) {
        const fmt = (s?: RssSample) => (s ? `${(s.treeRssKb / 1024).toFixed(1)} MB (${s.processes} proc)` : '-');
        out.push(
          '',
          `${t.target} pid ${t.pid} RSS before ${fmt(t.rssBefore)}, after ${fmt(t.rssAfter)}, peak own ${((t.rssAfter?.hwmKb ?? 0) / 1024).toFixed(1)} MB`,
        );
      }
    }
    return out.join('\n');
  };
  console.log(report('text'));

  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const out = args.out ? resolve(args.out) : join(benchDir, 'results', `${stamp}.json`);
  writeResults(out, {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    node: process.version,
    duration: args.duration,
    warmup: args.warmup,
    connections: args.connections,
    scenarios: [...scenarios, ...mixed].map((s) => ({ name: s.name, description: s.description })),
    bcrypt: bcrypt && { ...bcrypt, before: bcryptBefore?.perSecond, after: bcryptAfter?.perSecond },
    targets: perTarget,
  });
  const md = `${out.replace(/\.json$/, '')}.md`;
  writeFileSync(md, `${report('md')}\n`);
  console.log(`\nresults: ${out} and ${md}`);
  const tolerated = (r: Row) =>
    Object.entries(r.statusCodes)
      .filter(([code]) => r.tolerated?.includes(Number(code)))
      .reduce((sum, [, count]) => sum + count, 0);
  const bad = rows.filter((r) => r.non2xx - tolerated(r) > 0 || r.errors > 0);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`[bench] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

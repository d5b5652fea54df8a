// Load benchmark: the same Identity v3 scenarios against our server and, with --compare, the reference Keystone.
//   npm run bench -- --url http://127.0.0.1:5000 --password X [--duration 10] [--pid PID]
//                    [--compare http://127.0.0.1:5001 --compare-password refadmin [--compare-pid PID]]
// Prints req/s, p50/p99 latency and non-2xx counts per scenario, connection count and target, the ours/ref
// ratios, and writes everything to bench/results/<timestamp>.json.
// (No top-level await / import.meta: the root package is not "type": "module", so tsx may load this as CJS.)
import autocannon, { type Result } from 'autocannon';
import { dirname, join, resolve } from 'node:path';
import { parseBenchArgs, USAGE, type BenchArgs, type TargetSpec } from './args.ts';
import { issueToken, probe, type Credentials } from './keystone.ts';
import { comparisonTable, resultsTable, writeResults, type Row } from './report.ts';
import { sampleRss, type RssSample } from './rss.ts';
import { SCENARIOS, type Scenario, type ScenarioContext } from './scenarios.ts';

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

async function benchTarget(args: BenchArgs, target: TargetSpec, scenarios: Scenario[]) {
  const creds: Credentials = {
    username: args.username,
    userDomain: args.userDomain,
    password: target.password,
    project: args.project,
    projectDomain: args.projectDomain,
  };
  const ctx: ScenarioContext = {
    creds,
    adminToken: await issueToken(target.url, creds),
    subjectToken: await issueToken(target.url, creds),
  };
  const rssBefore = target.pid ? sampleRss(target.pid) : undefined;
  if (target.pid && !rssBefore) log(`warning: cannot read /proc/${target.pid}/status; no RSS for ${target.label}`);
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const req = scenario.request(ctx);
    const url = target.url + req.path;
    const status = await probe(url, { method: req.method, headers: req.headers, body: req.body });
    if (status !== req.expect) {
      throw new Error(
        `${target.label} ${scenario.name}: ${req.method} ${url} answered ${status}, expected ${req.expect}`,
      );
    }
    for (const connections of args.connections) {
      if (args.warmup > 0) {
        await fire(url, req, connections, args.warmup);
        await settle(target.url);
      }
      log(`${target.label} ${scenario.name} x${connections} for ${args.duration}s`);
      const result = await fire(url, req, connections, args.duration);
      await settle(target.url);
      const row = toRow(scenario.name, target, connections, result, target.pid ? sampleRss(target.pid) : undefined);
      if (row.total < connections) {
        log(
          `  only ${row.total} responses in ${args.duration}s with ${connections} connections: figures are not meaningful, raise --duration`,
        );
      }
      if (row.non2xx || row.errors) {
        log(
          `  ${row.non2xx} non-2xx (${JSON.stringify(row.statusCodes)}), ${row.errors} errors, ${row.timeouts} timeouts`,
        );
      }
      rows.push(row);
    }
  }
  const rssAfter = target.pid ? sampleRss(target.pid) : undefined;
  return { target: target.label, url: target.url, pid: target.pid, rssBefore, rssAfter, rows };
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const unknown = (args.scenarios ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const scenarios = args.scenarios ? SCENARIOS.filter((s) => args.scenarios?.includes(s.name)) : SCENARIOS;

  const started = new Date();
  const perTarget = [];
  for (const target of args.targets) perTarget.push(await benchTarget(args, target, scenarios));
  const rows = perTarget.flatMap((t) => t.rows);
  // interleave targets per scenario/connection count so the table reads side by side
  rows.sort(
    (a, b) =>
      scenarios.findIndex((s) => s.name === a.scenario) - scenarios.findIndex((s) => s.name === b.scenario) ||
      a.connections - b.connections ||
      a.target.localeCompare(b.target),
  );

  console.log(`\nduration ${args.duration}s per run (+${args.warmup}s warm-up); latency in ms`);
  console.log(resultsTable(rows));
  if (args.targets.length > 1) {
    console.log('\nratios ours/ref (req/s: higher is better; latency: lower is better)');
    console.log(comparisonTable(rows));
  }
  for (const t of perTarget) {
    if (t.rssBefore || t.rssAfter) {
      const fmt = (s?: RssSample) => (s ? `${(s.treeRssKb / 1024).toFixed(1)} MB (${s.processes} proc)` : '-');
      console.log(
        `${t.target} pid ${t.pid} RSS before ${fmt(t.rssBefore)}, after ${fmt(t.rssAfter)}, peak own ${((t.rssAfter?.hwmKb ?? 0) / 1024).toFixed(1)} MB`,
      );
    }
  }

  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const out = args.out ? resolve(args.out) : join(benchDir, 'results', `${stamp}.json`);
  writeResults(out, {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    node: process.version,
    duration: args.duration,
    warmup: args.warmup,
    connections: args.connections,
    scenarios: scenarios.map((s) => ({ name: s.name, description: s.description })),
    targets: perTarget,
  });
  console.log(`\nresults: ${out}`);
  const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
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

// The scale benchmark's markdown report (bench/results/scale-<db>-<timestamp>.md) beside its raw JSON.
import type { PlannedStatement } from './explain.ts';
import type { ScaleRow } from './measure.ts';
import type { SeedReport } from './seed.ts';

export interface ScenarioPlans {
  scenario: string;
  /** statements the request ran (the second request; the first when it was abandoned), repeats included */
  executed: number;
  note?: string;
  /** statements of a request once the server's caches are warm (the second request) */
  warm: PlannedStatement[];
  /** statements only the first request ran (caches filling), shown when they scan a big table */
  coldOnly: PlannedStatement[];
}

export interface ScaleResults {
  database: string;
  started: string;
  machine: string;
  commit: string;
  settings: string;
  counts: Record<string, number>;
  seed: SeedReport;
  idleRssMb?: number;
  rows: ScaleRow[];
  plans: ScenarioPlans[];
}

const md = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
const f = (n: number | undefined, digits = 1): string => (n === undefined ? '-' : n.toFixed(digits));

function plansSection(p: ScenarioPlans): string[] {
  const out = [`### ${p.scenario}`, ''];
  const scans = [...p.warm, ...p.coldOnly].filter((s) => s.fullScans.length);
  out.push(
    (p.note ? `Request ${p.note}. ` : '') +
      `${p.executed} statement(s) run by one request, ${p.warm.length} distinct` +
      (p.coldOnly.length ? `, ${p.coldOnly.length} more on the first request only (caches filling)` : '') +
      (scans.length ? `; **${scans.length} with a full scan of a big table**` : '; no full scan of a big table'),
    '',
  );
  const show = [...p.warm, ...p.coldOnly.filter((s) => s.fullScans.length)];
  for (const s of show) {
    const tag = s.fullScans.length ? ` **FULL SCAN: ${s.fullScans.join(', ')}**` : '';
    const when = p.warm.includes(s) ? '' : ' (first request only)';
    out.push(
      `- \`${s.sql.replace(/\s+/g, ' ').slice(0, 400)}\`${when}${tag}`,
      '',
      '  ```',
      ...s.plan.map((l) => `  ${l}`),
      '  ```',
      '',
    );
  }
  return out;
}

export function markdown(r: ScaleResults): string {
  const lines = [
    `# Scale benchmark: ${r.database}, ${r.started}`,
    '',
    `${r.machine}; server at ${r.commit}; ${r.settings}. The machine may be busy with other work: indicative figures.`,
    '',
    '## Data set',
    '',
    md(['table', 'rows', 'seed s']),
    md(['---', '---:', '---:']),
    ...Object.entries(r.counts).map(([table, n]) => {
      const seeded = r.seed.tables.find((t) => t.table === table);
      return md([table, n.toLocaleString('en'), seeded ? f(seeded.seconds) : '']);
    }),
    '',
    `Seeded in ${f(r.seed.seconds)} s. Server RSS when idle after start: ${f(r.idleRssMb)} MiB.`,
    '',
    '## Results',
    '',
    'Latency in ms (alone: one request at a time, median of 3, before the load; p50/p99 under the load); RSS: every process of the server after the run (MiB). ' +
      'A scenario is measured only at the connection counts whose queue (connections x alone) fits in a quarter of the run, at 1 connection at least. Targets: p99 < 50 ms, validate-miss p99 < 5 ms, RSS < 300 MiB.',
    '',
    md(['scenario', 'alone', 'conns', 'req/s', 'p50', 'p99', 'max', 'requests', 'non-2xx', 'errors', 'RSS MiB']),
    md(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...r.rows.map((row) =>
      md([
        row.scenario,
        row.note ?? f(row.singleMs, 0),
        row.connections || '-',
        f(row.rps, 0),
        row.total ? row.p50 : '-',
        row.total ? row.p99 : '-',
        row.total ? row.max : '-',
        row.total,
        row.non2xx,
        row.errors,
        `${f(row.rssMb)}${row.processes && row.processes > 1 ? ` (${row.processes} proc)` : ''}`,
      ]),
    ),
    '',
    ...r.rows
      .filter((row, i, all) => all.findIndex((o) => o.scenario === row.scenario) === i)
      .map((row) => `- **${row.scenario}**: ${row.description}`),
    '',
    '## Query plans',
    '',
    'The SQL each request runs, logged in the server by bench/scale/sql-log.ts with [token] caching = false (so a ' +
      'validation shows what a cache miss costs; a hit runs none), and its plan (`EXPLAIN QUERY PLAN` on SQLite, ' +
      '`EXPLAIN` on PostgreSQL). A full scan is flagged when it reads a table of 1,000 rows or more.',
    '',
  ];
  const findings = r.plans.flatMap((p) =>
    [...p.warm, ...p.coldOnly]
      .filter((s) => s.fullScans.length)
      .map((s) => `- ${p.scenario}: ${s.fullScans.join(', ')} in \`${s.sql.replace(/\s+/g, ' ').slice(0, 160)}\``),
  );
  lines.push('### Full scans found', '', ...(findings.length ? findings : ['none']), '');
  for (const p of r.plans) lines.push(...plansSection(p));
  return `${lines.join('\n')}\n`;
}

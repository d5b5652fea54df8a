// Result rows, the printed tables and the results JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BcryptRate } from './bcrypt-rate.ts';
import { mb, type RssSample } from './rss.ts';

export interface Row {
  scenario: string;
  connections: number;
  target: 'ours' | 'ref';
  url: string;
  /** mean requests per second (autocannon's per-second samples) */
  rps: number;
  /** total responses / duration */
  rpsTotal: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationS: number;
  rssAfter?: RssSample;
  /** statuses of a mixed scenario's part that are not failures (the hashing gate's 503) */
  tolerated?: number[];
}

/** 2xx responses per second: a refused login (503) answers fast and must not count as a login. */
function successRate(r: Row): number {
  const ok = Object.entries(r.statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return r.durationS > 0 ? ok / r.durationS : 0;
}

/** 'text' for the terminal (aligned columns), 'md' for the markdown file. */
type Format = 'text' | 'md';

function table(header: string[], rows: string[][], format: Format = 'text'): string {
  if (format === 'md') {
    const md = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [md(header), md(header.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(md)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f1 = (n: number): string => n.toFixed(1);
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

export function resultsTable(rows: Row[], format: Format = 'text'): string {
  return table(
    ['scenario', 'target', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'rss MB'],
    rows.map((r) => [
      r.scenario,
      r.target,
      String(r.connections),
      f1(r.rps),
      String(r.p50),
      String(r.p99),
      String(r.max),
      String(r.total),
      String(r.non2xx),
      String(r.errors),
      mb(r.rssAfter?.treeRssKb) + (r.rssAfter && r.rssAfter.processes > 1 ? ` (${r.rssAfter.processes} proc)` : ''),
    ]),
    format,
  );
}

/**
 * The mixed login + validation scenario per target: successful logins/s (and as a share of this machine's bcrypt
 * rate), logins refused with 503, validations/s and their p50/p99.
 */
export function mixedTable(rows: Row[], scenario: string, bcrypt?: BcryptRate, format: Format = 'text'): string {
  const out: string[][] = [];
  for (const target of ['ours', 'ref'] as const) {
    const login = rows.find((r) => r.target === target && r.scenario === `${scenario}:login`);
    const validate = rows.find((r) => r.target === target && r.scenario === `${scenario}:validate`);
    if (!login || !validate) continue;
    const logins = successRate(login);
    out.push([
      scenario,
      target,
      f1(logins),
      bcrypt ? `${((logins / bcrypt.perSecond) * 100).toFixed(0)}%` : '-',
      String(login.statusCodes['503'] ?? 0),
      String(login.p99),
      f1(successRate(validate)),
      String(validate.p50),
      String(validate.p99),
      String(validate.non2xx + validate.errors),
    ]);
  }
  return table(
    [
      'scenario',
      'target',
      'logins/s',
      'of bcrypt',
      'login 503',
      'login p99',
      'validations/s',
      'val p50 ms',
      'val p99 ms',
      'val failed',
    ],
    out,
    format,
  );
}

/** ours/ref: req/s above 1 is better for us, latency below 1 is better for us. */
export function comparisonTable(rows: Row[], format: Format = 'text'): string {
  const out: string[][] = [];
  for (const o of rows.filter((r) => r.target === 'ours')) {
    const ref = rows.find((r) => r.target === 'ref' && r.scenario === o.scenario && r.connections === o.connections);
    if (!ref) continue;
    out.push([o.scenario, String(o.connections), ratio(o.rps, ref.rps), ratio(o.p50, ref.p50), ratio(o.p99, ref.p99)]);
  }
  return table(['scenario', 'conns', 'req/s ours/ref', 'p50 ours/ref', 'p99 ours/ref'], out, format);
}

export function writeResults(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

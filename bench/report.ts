// Result rows, the printed tables and the results JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f1 = (n: number): string => n.toFixed(1);
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

export function resultsTable(rows: Row[]): string {
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
      mb(r.rssAfter?.treeRssKb),
    ]),
  );
}

/** ours/ref: req/s above 1 is better for us, latency below 1 is better for us. */
export function comparisonTable(rows: Row[]): string {
  const out: string[][] = [];
  for (const o of rows.filter((r) => r.target === 'ours')) {
    const ref = rows.find((r) => r.target === 'ref' && r.scenario === o.scenario && r.connections === o.connections);
    if (!ref) continue;
    out.push([o.scenario, String(o.connections), ratio(o.rps, ref.rps), ratio(o.p50, ref.p50), ratio(o.p99, ref.p99)]);
  }
  return table(['scenario', 'conns', 'req/s ours/ref', 'p50 ours/ref', 'p99 ours/ref'], out);
}

export function writeResults(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

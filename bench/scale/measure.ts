// Fires one scale scenario with autocannon and keeps what the report shows.
import autocannon, { type RequestSpec } from 'autocannon';
import { sampleRss } from '../rss.ts';
import type { ScaleScenario } from './scenarios.ts';

export interface ScaleRow {
  scenario: string;
  description: string;
  connections: number;
  /** ms, one request alone (median of 3 in a row, before the load) */
  singleMs?: number;
  /** why the scenario was not measured under load */
  note?: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  /** MiB, every process of the server after the run */
  rssMb?: number;
  processes?: number;
}

export async function measure(
  url: string,
  s: ScaleScenario,
  connections: number,
  duration: number,
  warmup: number,
  pid: number,
): Promise<ScaleRow> {
  let turn = 0;
  const rotate = s.tokens;
  const request: RequestSpec = { method: s.method, path: s.path, headers: s.headers, body: s.body };
  if (rotate) {
    request.setupRequest = (req) => {
      const token = rotate[turn++ % rotate.length]!;
      return { ...req, headers: { ...req.headers, 'x-auth-token': token, 'x-subject-token': token } };
    };
  }
  const fire = (seconds: number) =>
    autocannon({ url, connections, duration: seconds, timeout: 30, requests: [request] });
  if (warmup > 0) await fire(warmup);
  const r = await fire(duration);
  const rss = sampleRss(pid);
  return {
    scenario: s.name,
    description: s.description,
    connections,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    rssMb: rss && rss.treeRssKb / 1024,
    processes: rss?.processes,
  };
}

// One phase's server (restarted after an abandoned request) and single requests against it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScaleScenario } from './scenarios.ts';
import { freePort, type RunningServer, startServer, type Target, writeConfig } from './target.ts';

/** The server of one phase; `restart()` replaces it (after a request that had to be abandoned). */
export interface Lease {
  server: RunningServer;
  restart(): Promise<void>;
}

export async function withServer<T>(
  target: Target,
  workers: number | undefined,
  tokenCaching: boolean,
  run: (lease: Lease) => Promise<T>,
  sqlLog?: string,
): Promise<T> {
  const start = async () => {
    const port = await freePort();
    const config = writeConfig(target, { port, tokenCaching, workers, pollChanges: !sqlLog });
    const preload = sqlLog ? ['tsx', pathToFileURL(join(__dirname, 'sql-log.ts')).href] : [];
    return startServer(target, config, port, preload, sqlLog ? { XLOUD_BENCH_SQL_LOG: sqlLog } : {});
  };
  const lease: Lease = {
    server: await start(),
    async restart() {
      await lease.server.stop();
      lease.server = await start();
    },
  };
  try {
    return await run(lease);
  } finally {
    await lease.server.stop();
  }
}

/**
 * Sends a scenario's request once (the first of its rotating tokens): its status and time in ms, or 'abandoned'
 * after `limitMs` (the server is still working on it: restart it before measuring anything else).
 */
export async function once(
  url: string,
  s: ScaleScenario,
  limitMs: number,
): Promise<{ status: number; ms: number } | 'abandoned'> {
  const token = s.tokens?.[0];
  const headers = token ? { ...s.headers, 'x-auth-token': token, 'x-subject-token': token } : s.headers;
  const t0 = performance.now();
  try {
    const res = await fetch(url + s.path, {
      method: s.method,
      headers,
      body: s.body,
      signal: AbortSignal.timeout(limitMs),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'abandoned';
    throw error;
  }
}

export function expectStatus(s: ScaleScenario, r: { status: number }): void {
  if (r.status !== s.expect)
    throw new Error(`${s.name}: ${s.method} ${s.path} answered ${r.status}, expected ${s.expect}`);
}

/** Waits (up to 2 minutes) until GET /v3 answers within 50 ms twice in a row: the server has worked off its queue. */
export async function settle(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const t0 = performance.now();
    await (await fetch(`${url}/v3`)).arrayBuffer();
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
}

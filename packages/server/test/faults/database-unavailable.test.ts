/**
 * Security probe finding "Database trouble looks like a bad token", and issue #7 item 2: a database that is down,
 * slow, frozen or out of connections gives 503 with Retry-After and Keystone's error body, never 401 and never a
 * 500; no request hangs past [database] statement_timeout / pool_timeout; the server recovers by itself.
 * The 20 s outage stops and starts a disposable PostgreSQL cluster on 127.0.0.1:5433 (.ci/outage-cluster.sh).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, passwordAuth, type ApiResponse } from '../api/api-client.ts';
import { databaseTroubleSuite, expectUnavailable, sleep } from './database-trouble-suite.ts';
import { POSTGRES_ADMIN_URL, startTestServer, type TestServer } from '../helpers/test-server.ts';

const OUTAGE_PORT = Number(process.env.XLOUD_OUTAGE_PG_PORT ?? 5433);
const OUTAGE_SECONDS = Number(process.env.XLOUD_OUTAGE_SECONDS ?? 20);
/** The server's database name, to find its backends in pg_stat_activity. */
const databaseOf = (server: TestServer): string => {
  const connection = server.container.conf.database.connection;
  return connection.kind === 'postgres' ? new URL(connection.url).pathname.slice(1) : '';
};

/** Holds an exclusive lock on identity_user from outside, so every request that reads users waits. */
async function lockUsers(server: TestServer): Promise<{ release(): Promise<void> }> {
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${databaseOf(server)}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE identity_user IN ACCESS EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

async function waitingBackends(server: TestServer): Promise<number[]> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const rows = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      [databaseOf(server)],
    );
    return rows.rows.map((r) => r.pid);
  } finally {
    await admin.end();
  }
}

databaseTroubleSuite('PostgreSQL', 'postgres', {
  lockUsers,
  waitingConnections: waitingBackends,
  async kill(_server, pids) {
    const killer = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    await killer.end();
  },
});

/** pg_ctlcluster on the disposable cluster (root; the test is meant for CI and this sandbox). */
function outageCluster(action: 'stop' | 'start'): void {
  const version = readdirSync('/etc/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .at(-1)!;
  const args = [
    '--skip-systemctl-redirect',
    version,
    'outage',
    action,
    ...(action === 'stop' ? ['-m', 'immediate'] : []),
  ];
  execFileSync('pg_ctlcluster', args, { stdio: 'pipe' });
}

describe(`a ${OUTAGE_SECONDS} s database outage (PostgreSQL on :${OUTAGE_PORT})`, () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({
      database: 'postgres',
      postgresAdminUrl: `postgresql://postgres@127.0.0.1:${OUTAGE_PORT}/postgres`,
      config: {
        database: { pool_timeout: '2', statement_timeout: '3', retry_interval: '5' },
        token: { caching: 'false' },
      },
    });
    api = new ApiClient(server);
  });
  afterAll(async () => {
    try {
      outageCluster('start');
    } catch {
      // already running
    }
    await server?.close();
  });

  it('answers 503 with Retry-After throughout, then recovers without a restart', async () => {
    const admin = await api.adminToken();
    const user = await api.createUser({ default_project_id: (await api.createProject()).id });
    outageCluster('stop');
    const outageEnds = Date.now() + OUTAGE_SECONDS * 1000;
    let answered = 0;
    try {
      while (Date.now() < outageEnds) {
        const started = Date.now();
        const [validate, list, signIn] = await Promise.all([
          api.get('/auth/tokens', admin, { 'X-Subject-Token': admin }),
          api.get('/users', admin),
          api.issue(passwordAuth({ id: user.id }, user.password)),
        ]);
        for (const res of [validate, list, signIn]) expectUnavailable(res, '5');
        expect(Date.now() - started).toBeLessThan(15_000);
        answered += 3;
        // Paces the requests only: the outage lasts OUTAGE_SECONDS of real time whatever this is.
        await sleep(100);
      }
    } finally {
      outageCluster('start');
    }
    expect(answered).toBeGreaterThan(0);
    const back = Date.now();
    let recovered: ApiResponse | undefined;
    while (Date.now() - back < 60_000) {
      recovered = await api.get('/auth/tokens', admin, { 'X-Subject-Token': admin });
      if (recovered.status === 200) break;
      await sleep(50);
    }
    expect(recovered?.status).toBe(200);
    console.info(
      `outage of ${OUTAGE_SECONDS} s: ${answered} requests answered 503; recovered ${Date.now() - back} ms after the database was back`,
    );
    expect((await api.get('/users', admin)).status).toBe(200);
    expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
  });
});

/**
 * Issue #7 item 8: `kill -9` of the server under a concurrent write load, three times, loses no acknowledged
 * write, on SQLite and on PostgreSQL. The real server (main.ts) runs as a child process; writers create projects
 * in parallel and remember every one answered 201; after each SIGKILL the server restarts on the same data and
 * every acknowledged project must be there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../helpers/test-server.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const ADMIN_PASSWORD = 'kill-9-admin-password';
const WRITERS = 8;
const KILLS = 3;

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });

function startServer(dataDir: string, confFile: string): ChildProcess {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('XLOUD')));
  // The server itself, one process (the compiled bin): SIGKILL must hit the server, not a wrapper that would orphan it.
  return spawn(process.execPath, ['packages/server/bin/xloud-identity.mjs'], {
    cwd: REPO_ROOT,
    env: { ...env, XLOUD_DATA_DIR: dataDir, XLOUD_CONFIG: confFile, XLOUD_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: 'ignore',
  });
}

async function waitUntilUp(base: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (
      await fetch(`${base}/v3`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${base} did not come up`);
}

async function adminToken(base: string): Promise<string> {
  const res = await fetch(`${base}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD } },
        },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    }),
  });
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

describe.each(['sqlite', 'postgres'] as const)('kill -9 under write load (%s)', (database) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`loses no acknowledged write over ${KILLS} kills`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-kill9-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let connection = `sqlite:///${join(dir, 'data', 'keystone.db')}`;
    if (database === 'postgres') {
      const pg = await createPostgresDatabase();
      cleanups.push(() => pg.drop());
      connection = pg.url;
    }
    const confFile = join(dir, 'keystone.conf');
    writeFileSync(
      confFile,
      `[eventlet_server]\npublic_port = ${port}\n[database]\nconnection = ${connection}\n[identity]\npassword_hash_rounds = 4\n[dashboard]\nenabled = false\n`,
    );

    const acknowledged: string[] = [];
    let attempted = 0;
    for (let round = 1; round <= KILLS; round++) {
      const server = startServer(join(dir, 'data'), confFile);
      const exited = new Promise<void>((done) => server.on('exit', () => done()));
      await waitUntilUp(base);
      const token = await adminToken(base);
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `r${round}-w${w}-${i}`;
          attempted += 1;
          const res = await fetch(`${base}/v3/projects`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
            body: JSON.stringify({ project: { name, domain_id: 'default' } }),
          }).catch(() => undefined);
          if (res?.status === 201) acknowledged.push(name);
          else if (res === undefined) return; // the server is gone: this write was never acknowledged
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      // Let the load build up, then kill the server in the middle of it.
      while (acknowledged.filter((n) => n.startsWith(`r${round}-`)).length < 40)
        await new Promise((r) => setTimeout(r, 20));
      server.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(writers);
    }

    // Restart once more and look for every acknowledged project.
    const server = startServer(join(dir, 'data'), confFile);
    const exited = new Promise<void>((done) => server.on('exit', () => done()));
    cleanups.push(async () => {
      server.kill('SIGTERM');
      await exited;
    });
    await waitUntilUp(base);
    const token = await adminToken(base);
    const res = await fetch(`${base}/v3/projects?domain_id=default`, { headers: { 'X-Auth-Token': token } });
    const present = new Set(((await res.json()) as { projects: Array<{ name: string }> }).projects.map((p) => p.name));
    const lost = acknowledged.filter((name) => !present.has(name));
    console.info(
      `${database}: ${KILLS} kills, ${attempted} writes attempted, ${acknowledged.length} acknowledged, ${lost.length} lost`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS * 40);
    // Writes were in flight at each kill (not acknowledged): the kill really cut the load.
    expect(attempted).toBeGreaterThan(acknowledged.length);
    expect(lost).toEqual([]);
  }, 240_000);
});

// The database under test (a fresh SQLite file or a temporary PostgreSQL database), its config file, the
// bootstrap (in process, from the sources: migrations + `xloud-manage bootstrap`), and the compiled server
// started on it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../packages/server/src/conf/index.ts';
import { buildContainer } from '../../packages/server/src/container.ts';
import { bootstrap } from '../../packages/server/src/manage/bootstrap.ts';
import { ensureFernetKeys } from '../../packages/server/src/manage/first-run.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Target {
  kind: DatabaseKind;
  dir: string;
  /** SQLite file, or PostgreSQL URL of the temporary database */
  location: string;
  /** [database] connection */
  connection: string;
  drop(): Promise<void>;
}

export async function createTarget(kind: DatabaseKind, pgAdminUrl: string, keep: boolean): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), `xloud-scale-${kind}-`));
  const removeDir = () => (keep ? undefined : rmSync(dir, { recursive: true, force: true }));
  if (kind === 'sqlite') {
    const file = join(dir, 'keystone.db');
    return { kind, dir, location: file, connection: `sqlite:///${file}`, drop: async () => removeDir() };
  }
  const name = `xloud_scale_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    dir,
    location: url.toString(),
    connection: url.toString(),
    async drop() {
      removeDir();
      if (keep) return;
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface ServerSettings {
  port: number;
  /** [token] caching: false measures every validation as a cache miss */
  tokenCaching: boolean;
  /** [DEFAULT] workers, when given */
  workers?: number;
  /** [cache] invalidation_poll_interval left at its default; false: 0, so no poll query mixes into the SQL log */
  pollChanges: boolean;
}

/** Writes the config file for these settings; returns its path. */
export function writeConfig(target: Target, s: ServerSettings): string {
  const file = join(target.dir, `xloud-${s.port}.conf`);
  const lines = [
    '[DEFAULT]',
    ...(s.workers ? [`workers = ${s.workers}`] : []),
    '[eventlet_server]',
    'public_bind_host = 127.0.0.1',
    `public_port = ${s.port}`,
    '[database]',
    `connection = ${target.connection}`,
    '[fernet_tokens]',
    `key_repository = ${join(target.dir, 'fernet-keys')}`,
    '[credential]',
    `key_repository = ${join(target.dir, 'credential-keys')}`,
    '[token]',
    `caching = ${s.tokenCaching}`,
    '[dashboard]',
    'enabled = false',
    ...(s.pollChanges ? [] : ['[cache]', 'invalidation_poll_interval = 0']),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The environment of the server and of the bootstrap: no XLOUD_* setting of the caller leaks in. */
function cleanEnv(target: Target): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('XLOUD')));
  return { ...env, XLOUD_DATA_DIR: target.dir, XLOUD_LOG: '0' };
}

/** Migrations (syncDatabase), Fernet keys and `bootstrap` (admin, default roles, catalog), in this process. */
export async function bootstrapTarget(target: Target, configFile: string, adminPassword: string): Promise<void> {
  const conf = loadConfig({ file: configFile, env: cleanEnv(target) });
  ensureFernetKeys(conf);
  const container = await buildContainer(conf, { migrate: true });
  try {
    await bootstrap(container, { password: adminPassword, regionId: 'RegionOne', publicUrl: 'http://127.0.0.1/v3' });
  } finally {
    await container.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const repoRoot = resolve(__dirname, '..', '..');

/**
 * Starts packages/server/bin/xloud-identity.mjs (the compiled build) on the config file and waits for GET /v3.
 * `preload`: modules loaded first (--import), e.g. the SQL log.
 */
export async function startServer(
  target: Target,
  configFile: string,
  port: number,
  preload: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const args = [...preload.flatMap((m) => ['--import', m]), join(repoRoot, 'packages/server/bin/xloud-identity.mjs')];
  const child: ChildProcess = spawn(process.execPath, [...args, '--config-file', configFile], {
    cwd: repoRoot,
    env: { ...cleanEnv(target), ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([
      exited.then(() => 'exited' as const),
      fetch(`${url}/v3`).then(
        (r) => (r.ok ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    if (state === 'up') break;
    if (state === 'exited') throw new Error(`the server exited at start:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the server did not answer within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Logs a person can read (issue #7, operators): one line per request with method, path, status, ms, request id and
 * user id; failed sign-ins with a reason and never the password; `debug = true` adds headers with secrets hidden;
 * [DEFAULT] log_file / log_dir write JSON lines to a file; a terminal gets human-readable lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer } from '../../src/container.ts';
import { humanLine } from '../../src/logging/human-format.ts';
import { createLogger, logFilePath } from '../../src/logging/logger.ts';
import { bootstrap } from '../../src/manage/bootstrap.ts';
import { ensureFernetKeys } from '../../src/manage/first-run.ts';

type Line = Record<string, unknown>;

async function startLogged(debug: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'xloud-log-'));
  const conf = loadConfig({
    dataDir,
    env: {},
    overrides: { DEFAULT: { debug: String(debug) }, identity: { password_hash_rounds: '4' } },
  });
  ensureFernetKeys(conf);
  const container = await buildContainer(conf, { migrate: true });
  await bootstrap(container, { password: 'admin-secret-pw', regionId: 'RegionOne', publicUrl: 'http://127.0.0.1/v3' });
  const lines: Line[] = [];
  const raw: string[] = [];
  const app = await buildApp(container, {
    logger: true,
    logStream: {
      write: (line) => {
        raw.push(line);
        lines.push(JSON.parse(line) as Line);
      },
    },
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { dataDir, container, app, baseUrl, lines, raw };
}

const signIn = (baseUrl: string, password: string) =>
  fetch(`${baseUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password } } },
      },
    }),
  });

describe('request log', () => {
  let server: Awaited<ReturnType<typeof startLogged>>;
  beforeAll(async () => {
    server = await startLogged(false);
  });
  afterAll(async () => {
    await server.app.close();
    await server.container.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('writes one line per request with method, path, status, ms, request id and user id', async () => {
    const token = (await signIn(server.baseUrl, 'admin-secret-pw')).headers.get('x-subject-token')!;
    const res = await fetch(`${server.baseUrl}/v3/auth/projects?enabled=true`, { headers: { 'X-Auth-Token': token } });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-openstack-request-id');
    const mine = server.lines.filter((l) => l.reqId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      method: 'GET',
      path: '/v3/auth/projects?enabled=true',
      status: 200,
      user: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(typeof mine[0]!.ms).toBe('number');
    expect(server.raw.join('')).not.toContain(token);
  });

  it('logs a failed sign-in with its reason, never the password', async () => {
    const res = await signIn(server.baseUrl, 'wrong-password-value');
    expect(res.status).toBe(401);
    const requestId = res.headers.get('x-openstack-request-id');
    const mine = server.lines.filter((l) => l.reqId === requestId);
    expect(mine.map((l) => l.msg)).toEqual(['authentication failed', 'POST /v3/auth/tokens 401']);
    expect(mine[0]!.reason).toBe('Invalid username or password');
    expect(server.raw.join('')).not.toContain('wrong-password-value');
    expect(server.raw.join('')).not.toContain('admin-secret-pw');
  });
});

describe('debug = true', () => {
  it('adds the request headers, with tokens and cookies hidden', async () => {
    const server = await startLogged(true);
    try {
      const res = await fetch(`${server.baseUrl}/v3`, {
        headers: { 'X-Auth-Token': 'gAAAA-secret-token', 'User-Agent': 'probe/1.0' },
      });
      const requestId = res.headers.get('x-openstack-request-id');
      const headers = server.lines.find((l) => l.reqId === requestId && l.msg === 'request headers')?.headers as Record<
        string,
        string
      >;
      expect(headers['user-agent']).toBe('probe/1.0');
      expect(headers['x-auth-token']).toBe('***');
      expect(server.raw.join('')).not.toContain('gAAAA-secret-token');
    } finally {
      await server.app.close();
      await server.container.close();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});

describe('log destinations', () => {
  it('log_dir + log_file: JSON lines in that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-logdir-'));
    try {
      const conf = loadConfig({
        dataDir: dir,
        env: {},
        overrides: { DEFAULT: { log_dir: join(dir, 'logs'), log_file: 'identity.log' } },
      });
      expect(logFilePath(conf)).toBe(join(dir, 'logs', 'identity.log'));
      const logger = createLogger(conf);
      logger.info({ path: '/v3' }, 'hello file');
      // The file is opened and written asynchronously (the log never blocks a request): wait for the line.
      let text = '';
      for (let i = 0; i < 100 && !text.includes('hello file'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        text = existsSync(join(dir, 'logs', 'identity.log'))
          ? readFileSync(join(dir, 'logs', 'identity.log'), 'utf8')
          : '';
      }
      const written = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Line);
      expect(written.at(-1)).toMatchObject({ msg: 'hello file', path: '/v3', level: 30 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a terminal gets human-readable lines', () => {
    const line = humanLine(
      JSON.stringify({
        level: 40,
        time: Date.UTC(2026, 11, 3, 7, 40, 1, 123),
        pid: 1,
        hostname: 'h',
        reqId: 'req-1',
        msg: 'GET /v3 503',
        status: 503,
      }),
    );
    expect(line).toBe('2026-12-03 07:40:01.123 WARNING [req-1] GET /v3 503 status=503\n');
  });
});

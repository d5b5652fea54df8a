/**
 * Bad input gives one clear stderr line and a non-zero exit, never a stack trace: malformed or missing clouds.yaml,
 * unknown cloud, missing credentials, unreachable endpoint, wrong password, expired and revoked tokens, 5xx and
 * non-JSON answers, usage errors. And secrets stay secret: --debug masks passwords, tokens and secrets; only
 * `application credential create` prints the secret it created.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClock, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, tempDir, unique, xloud } from './helpers/cli.ts';

let server: TestServer;
/** The server's clock: a token expires when the test moves it on, not after seconds of waiting. */
const serverClock = TestClock.running();
let env: Record<string, string>;
let fake: Server;
let fakeUrl: string;
const run = unique();

/** A server that authenticates anyone, then fails: 500 with a request id, 502 HTML from a "proxy", 503 without body. */
function startFake(): Promise<void> {
  fake = createServer((req, res) => {
    const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    if (req.method === 'POST' && req.url === '/v3/auth/tokens') {
      const now = Date.now();
      const token = {
        methods: ['password'],
        audit_ids: ['x'],
        user: { id: 'u1', name: 'admin', domain: { id: 'default', name: 'Default' } },
        project: { id: 'p1', name: 'admin', domain: { id: 'default', name: 'Default' } },
        roles: [{ id: 'r1', name: 'admin' }],
        issued_at: new Date(now).toISOString(),
        expires_at: new Date(now + 3600_000).toISOString(),
        catalog: [
          {
            id: 's1',
            type: 'identity',
            name: 'keystone',
            endpoints: [
              { id: 'e1', interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${base}/v3` },
            ],
          },
        ],
      };
      return send(201, JSON.stringify({ token }), { 'x-subject-token': 'fake-token-value' });
    }
    if (req.url?.startsWith('/v3/projects')) {
      return send(
        500,
        '{"error":{"code":500,"title":"Internal Server Error","message":"An unexpected error prevented the server from fulfilling your request."}}',
        { 'x-openstack-request-id': 'req-5e3f0c1a-0000-4000-8000-000000000001' },
      );
    }
    if (req.url?.startsWith('/v3/users')) {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end(
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center></body></html>',
      );
    }
    if (req.url?.startsWith('/v3/groups')) return send(503, '');
    if (req.url === '/v3' || req.url === '/v3/')
      return send(
        200,
        JSON.stringify({ version: { id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: `${base}/v3/` }] } }),
      );
    send(404, '{"error":{"code":404,"title":"Not Found","message":"nope"}}');
  });
  return new Promise((resolve) => fake.listen(0, '127.0.0.1', () => resolve()));
}

beforeAll(async () => {
  server = await startTestServer({ clock: serverClock });
  env = adminEnv(server.baseUrl, server.adminPassword);
  await startFake();
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fake?.close();
  await server?.close();
});

/** A HOME whose ~/.config/xloud/clouds.yaml has the given text. */
function homeWith(clouds?: string, secure?: string): string {
  const home = tempDir('xloud-home-');
  mkdirSync(join(home, '.config', 'xloud'), { recursive: true });
  if (clouds !== undefined) writeFileSync(join(home, '.config', 'xloud', 'clouds.yaml'), clouds);
  if (secure !== undefined) writeFileSync(join(home, '.config', 'xloud', 'secure.yaml'), secure, { mode: 0o600 });
  return home;
}

describe('bad configuration', { timeout: 90_000 }, () => {
  it('malformed clouds.yaml, missing clouds.yaml, unknown cloud, missing credentials', async () => {
    const malformed = homeWith('clouds:\n  dev:\n    auth: [unclosed\n    region_name: RegionOne\n');
    const good = homeWith(
      `clouds:\n  dev:\n    auth:\n      auth_url: ${server.baseUrl}/v3\n      username: admin\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    const [bad, noFile, unknown, nothing, noPassword, badType] = await Promise.all([
      xloud(['--os-cloud', 'dev', 'project', 'list'], { home: malformed }),
      xloud(['project', 'list'], { env: { OS_CLOUD: 'prod' } }),
      xloud(['--os-cloud', 'prod', 'project', 'list'], { home: good }),
      xloud(['project', 'list']),
      xloud(['--os-cloud', 'dev', 'project', 'list'], { home: good }),
      xloud(['token', 'issue'], { env: { ...env, OS_AUTH_TYPE: 'kerberos' } }),
    ]);
    for (const r of [bad, noFile, unknown, nothing, noPassword, badType]) expectCleanError(r);
    expect(bad.stderr).toMatch(/clouds\.yaml/);
    expect(bad.stderr).toMatch(/line \d+/);
    expect(noFile.stderr).toMatch(/Cloud prod was not found: no clouds\.yaml was found/);
    expect(unknown.stderr).toContain('Cloud prod was not found');
    expect(unknown.stderr).toContain('"dev"');
    expect(nothing.stderr).toMatch(/Missing value.*auth_url.*OS_AUTH_URL/);
    expect(noPassword.stderr).toMatch(/password \(OS_PASSWORD or --os-password\)/);
    expect(noPassword.stderr).toContain('cloud "dev"');
    expect(badType.stderr).toContain("Unsupported auth_type 'kerberos'");
  });

  it('secrets from secure.yaml are used and --os-password beats them', async () => {
    const home = homeWith(
      `clouds:\n  dev:\n    auth:\n      auth_url: ${server.baseUrl}/v3\n      username: admin\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n`,
      `clouds:\n  dev:\n    auth:\n      password: ${server.adminPassword}\n`,
    );
    const [fromSecure, wrongFlag] = await Promise.all([
      json(['--os-cloud', 'dev', 'token', 'issue'], { home }),
      xloud(['--os-cloud', 'dev', '--os-password', 'wrong', 'token', 'issue'], { home }),
    ]);
    expect(fromSecure.project_id).toMatch(/\S+/);
    expectCleanError(wrongFlag);
    expect(wrongFlag.stderr).toMatch(
      /^The request you have made requires authentication\. \(HTTP 401\)( \(Request-ID: req-[0-9a-f-]+\))?\n$/,
    );
  });
});

describe('bad servers and tokens', { timeout: 90_000 }, () => {
  it('unreachable endpoint, 5xx with a request id, HTML from a proxy, empty 503', async () => {
    const [down, five, html, empty] = await Promise.all([
      xloud(['project', 'list'], { env: { ...env, OS_AUTH_URL: 'http://127.0.0.1:1023/v3' } }),
      xloud(['project', 'list'], { env: { ...env, OS_AUTH_URL: `${fakeUrl}/v3` } }),
      xloud(['user', 'list'], { env: { ...env, OS_AUTH_URL: `${fakeUrl}/v3` } }),
      xloud(['group', 'list'], { env: { ...env, OS_AUTH_URL: `${fakeUrl}/v3` } }),
    ]);
    for (const r of [down, five, html, empty]) expectCleanError(r);
    expect(down.stderr).toMatch(/Unable to establish connection to http:\/\/127\.0\.0\.1:1023\/v3/);
    expect(five.stderr).toBe(
      'An unexpected error prevented the server from fulfilling your request. (HTTP 500) (Request-ID: req-5e3f0c1a-0000-4000-8000-000000000001)\n',
    );
    expect(html.stderr).toMatch(/502 Bad Gateway.*\(HTTP 502\)/);
    expect(html.stderr).not.toContain('<');
    expect(empty.stderr).toMatch(/\(HTTP 503\)/);
  });

  it('an expired token and a revoked token are refused cleanly; password auth just gets a new one', async () => {
    const tok = await json(['token', 'issue'], { env });
    const tokenEnv = {
      OS_AUTH_URL: env.OS_AUTH_URL,
      OS_AUTH_TYPE: 'token',
      OS_TOKEN: tok.id,
      OS_PROJECT_NAME: 'admin',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    };
    const usable = await xloud(['project', 'show', 'admin', '-f', 'value', '-c', 'name'], { env: tokenEnv });
    expect(usable).toMatchObject({ code: 0, stdout: 'admin\n' });
    serverClock.set(new Date(Date.parse(tok.expires.replace('+0000', 'Z')) + 1500));
    const [expired, password, debugRun] = await Promise.all([
      xloud(['project', 'list'], { env: tokenEnv }),
      json(['token', 'issue'], { env }),
      xloud(['--debug', 'project', 'list'], { env: tokenEnv }),
    ]);
    expectCleanError(expired);
    expect(expired.stderr).toMatch(/\(HTTP 40[14]\)/);
    expect(expired.stderr + debugRun.stderr).not.toContain(tok.id);
    expect(password.id).not.toBe(tok.id);
    expect(debugRun.code).toBe(1);
    expect(debugRun.stderr).toMatch(/error code: ERR_/);

    // Revocation: a token issued now (on the moved clock) is valid until revoked.
    const fresh = await json(['token', 'issue'], { env });
    expect((await xloud(['token', 'revoke', fresh.id], { env })).code).toBe(0);
    const revoked = await xloud(['project', 'list'], { env: { ...tokenEnv, OS_TOKEN: fresh.id } });
    expectCleanError(revoked);
    expect(revoked.stderr).toMatch(
      /^The token given \(OS_TOKEN or --os-token\) is invalid, expired or revoked: .*\(HTTP 404\)/,
    );
  });
});

describe('usage errors and secrets', { timeout: 90_000 }, () => {
  it('usage errors exit 2 with one line', async () => {
    const results = await Promise.all([
      xloud(['frobnicate']),
      xloud(['project', 'create']),
      xloud(['project', 'list', '-f', 'xml']),
      xloud(['project', 'show', 'x', '-f', 'csv']),
      xloud(['project', 'list', '--max-width', 'wide']),
      xloud(['project', 'create', 'p', '--enable', '--disable']),
      xloud(['project', 'list', '--no-such-flag']),
    ]);
    for (const r of results) {
      expectCleanError(r);
      expect(r.code).toBe(2);
    }
    expect(results[0].stderr).toContain("unknown command 'frobnicate'");
    expect(results[2].stderr).toContain("'xml' is invalid");
    expect(results[5].stderr).toBe(
      'xloud project create: error: argument --disable: not allowed with argument --enable\n',
    );
    const [help, version] = await Promise.all([xloud(['help', 'role', 'assignment', 'list']), xloud(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--inherited');
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--debug masks passwords, tokens and secrets; only app-credential create prints its secret', async () => {
    const secret = `sekret-${run}`;
    const [dbg, create, user] = await Promise.all([
      xloud(['--debug', 'token', 'issue', '-f', 'json'], { env }),
      xloud(['--debug', 'application', 'credential', 'create', `ac-${run}`, '--secret', secret, '-f', 'json'], { env }),
      xloud(['--debug', 'user', 'create', `u-${run}`, '--password', `pw-${run}`, '-f', 'json'], { env }),
    ]);
    expect(dbg.code).toBe(0);
    const token = JSON.parse(dbg.stdout).id as string;
    expect(dbg.stderr).toContain('REQ: curl');
    expect(dbg.stderr).not.toContain(server.adminPassword);
    expect(dbg.stderr).not.toContain(token);
    expect(create.code).toBe(0);
    expect(JSON.parse(create.stdout).secret).toBe(secret);
    expect(create.stderr).not.toContain(secret);
    expect(create.stderr).not.toContain(server.adminPassword);
    expect(user.code).toBe(0);
    expect(user.stdout + user.stderr).not.toContain(`pw-${run}`);
    const [show, list] = await Promise.all([
      xloud(['application', 'credential', 'show', `ac-${run}`, '-f', 'json'], { env }),
      xloud(['application', 'credential', 'list', '-f', 'json'], { env }),
    ]);
    expect(show.stdout + list.stdout).not.toContain(secret);
    const noInput = await xloud(['user', 'password', 'set'], { env });
    expectCleanError(noInput);
    expect(noInput.stderr).toContain('No password entered');
  });
});

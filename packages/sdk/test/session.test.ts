import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ApplicationCredentialAuth,
  connect,
  ConnectionError,
  EndpointNotFoundError,
  formatDebugEvent,
  HttpTransport,
  IdentityClient,
  PasswordAuth,
  Session,
  StaticTokenAuth,
  TimeoutError,
  TokenAuth,
  UnauthorizedError,
  type DebugEvent,
  type Project,
} from '../src/index.ts';
import { adminEnv, adminSession, startServer, TestClock, unique, type TestServer } from './helpers.ts';

let server: TestServer;
let admin: IdentityClient;

beforeAll(async () => {
  server = await startServer();
  admin = new IdentityClient(adminSession(server));
});
afterAll(async () => {
  await server?.close();
});

function recorder() {
  const events: DebugEvent[] = [];
  return {
    events,
    debug: (e: DebugEvent) => events.push(e),
    authPosts: () =>
      events.filter((e) => e.type === 'request' && e.method === 'POST' && e.url.includes('/auth/tokens')).length,
  };
}

describe('auth_url with or without /v3 (version discovery)', () => {
  for (const suffix of ['/v3', '/v3/', '', '/', '/identity', '/identity/v3']) {
    test(`auth_url = <server>${suffix}`, async () => {
      const session = adminSession(server, {}, `${server.baseUrl}${suffix}`);
      const access = await session.getAccess();
      expect(access.projectName).toBe('admin');
      expect(access.roleNames).toContain('admin');
      expect(await session.auth.getIdentityUrl(session.http)).toMatch(/\/v3$/);
    });
  }
});

describe('configuration to a working client', () => {
  test('clouds.yaml in ~/.config/xloud with OS_CLOUD', async () => {
    const home = mkdtempSync(join(tmpdir(), 'xloud-sdk-home-'));
    try {
      const dir = join(home, '.config', 'xloud');
      (await import('node:fs')).mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'clouds.yaml'),
        `clouds:\n  test:\n    auth:\n      auth_url: ${server.baseUrl}\n      username: admin\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n`,
      );
      writeFileSync(
        join(dir, 'secure.yaml'),
        `clouds:\n  test:\n    auth:\n      password: ${server.adminPassword}\n`,
        { mode: 0o600 },
      );
      const identity = connect({ env: { HOME: home, OS_CLOUD: 'test' }, cwd: home, searchPath: [home, dir] });
      expect((await identity.tokens.issue()).projectName).toBe('admin');
      expect((await identity.projects.find('admin')).name).toBe('admin');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('an OpenRC environment', async () => {
    const identity = connect({ env: adminEnv(server), searchPath: [] });
    const access = await identity.tokens.issue();
    expect(access.userName).toBe('admin');
    expect(access.projectName).toBe('admin');
  });

  test('wrong password: ERR_UNAUTHORIZED with Keystone message', async () => {
    const identity = connect({ env: adminEnv(server, { OS_PASSWORD: 'wrong' }), searchPath: [] });
    const err = await identity.tokens.issue().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).code).toBe('ERR_UNAUTHORIZED');
    expect((err as UnauthorizedError).status).toBe(401);
    expect((err as UnauthorizedError).message).toMatch(/\(HTTP 401\)/);
  });
});

describe('token lifetime', () => {
  test('re-authenticates shortly before expires_at (injected clock)', async () => {
    let now = Date.now();
    const rec = recorder();
    const session = adminSession(server, { now: () => now, refreshMargin: 60_000, debug: rec.debug });
    const first = await session.getAccess();
    await session.request('/projects');
    expect(rec.authPosts()).toBe(1);
    now = first.expiresAt.getTime() - 30_000; // inside the 60 s margin
    const second = await session.getAccess();
    expect(rec.authPosts()).toBe(2);
    expect(second.token).not.toBe(first.token);
    now = Date.now();
    await session.request('/projects');
    expect(rec.authPosts()).toBe(2);
    expect(session.currentAccess!.token).not.toBe(first.token);
    expect(rec.events.some((e) => e.type === 'reauth' && e.reason === 'expiring')).toBe(true);
  });

  test('after the token is revoked elsewhere: one 401, one re-authentication, the request succeeds', async () => {
    const rec = recorder();
    const session = adminSession(server, { debug: rec.debug });
    const old = await session.getToken();
    await admin.tokens.revoke(old);
    const res = await session.request<{ projects: Project[] }>('/projects');
    expect(res.body.projects.length).toBeGreaterThan(0);
    expect(await session.getToken()).not.toBe(old);
    expect(rec.events.filter((e) => e.type === 'response' && e.status === 401)).toHaveLength(1);
    expect(rec.events.some((e) => e.type === 'reauth' && e.reason === 'unauthorized')).toBe(true);
    expect(rec.authPosts()).toBe(2);
  });

  test('concurrent callers share one authentication and one re-authentication', async () => {
    const rec = recorder();
    const session = adminSession(server, { debug: rec.debug });
    await Promise.all(Array.from({ length: 8 }, () => session.request('/domains')));
    expect(rec.authPosts()).toBe(1);
    await admin.tokens.revoke(await session.getToken());
    await Promise.all(Array.from({ length: 8 }, () => session.request('/domains')));
    expect(rec.authPosts()).toBe(2);
  });

  test('a 401 is retried once only; a static token cannot re-authenticate', async () => {
    const token = await adminSession(server).getToken();
    const session = new Session({ auth: new StaticTokenAuth({ endpoint: `${server.baseUrl}/v3`, token }) });
    expect((await session.getAccess()).userName).toBe('admin');
    await admin.tokens.revoke(token);
    await expect(session.request('/projects')).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' });
  });
});

describe('a server with 2-second tokens', () => {
  let shortLived: TestServer;
  /** The server's clock: the tokens expire when the test moves it, not after seconds of waiting. */
  const serverClock = TestClock.running();
  beforeAll(async () => {
    shortLived = await startServer({ config: { token: { expiration: '2' } }, clock: serverClock });
  });
  afterAll(async () => {
    await shortLived?.close();
  });

  test('an expired token: the 401 triggers re-authentication and the request succeeds', async () => {
    const rec = recorder();
    // A frozen clock at the epoch never sees the token as expiring, so only the server's 401 can tell.
    const session = adminSession(shortLived, { now: () => 0, refreshMargin: 0, debug: rec.debug });
    const first = await session.getAccess();
    expect(first.expiresAt.getTime() - first.issuedAt.getTime()).toBe(2000);
    serverClock.advance(2600);
    const res = await session.request<{ projects: Project[] }>('/projects');
    expect(res.body.projects.some((p) => p.name === 'admin')).toBe(true);
    expect(session.currentAccess!.token).not.toBe(first.token);
    expect(rec.events.filter((e) => e.type === 'response' && e.status === 401)).toHaveLength(1);
  });

  test('the refresh margin is capped at half a short lifetime', async () => {
    const rec = recorder();
    const session = adminSession(shortLived, { debug: rec.debug });
    await session.request('/domains');
    await session.request('/domains');
    expect(rec.authPosts()).toBe(1);
  });
});

describe('scopes and auth plugins', () => {
  test('unscoped → scoped exchange', async () => {
    const unscoped = new Session({
      auth: new PasswordAuth({
        authUrl: server.baseUrl,
        username: 'admin',
        password: server.adminPassword,
        userDomainName: 'Default',
        scope: 'unscoped',
      }),
    });
    const access = await unscoped.getAccess();
    expect(access.isScoped).toBe(false);
    const projects = await new IdentityClient(unscoped).auth.projects();
    const adminProject = projects.find((p) => p.name === 'admin')!;
    const scoped = await unscoped.rescope({ project: { id: adminProject.id } });
    expect((await scoped.getAccess()).projectId).toBe(adminProject.id);
    expect((await scoped.getAccess()).methods).toContain('token');
    const users = await new IdentityClient(scoped).users.list();
    expect(users.some((u) => u.name === 'admin')).toBe(true);
    // The scoped session survives revocation of both tokens.
    await admin.tokens.revoke(await scoped.getToken());
    await admin.tokens.revoke(await unscoped.getToken());
    expect((await new IdentityClient(scoped).domains.list()).length).toBeGreaterThan(0);
  });

  test('token plugin (OS_TOKEN): exchanges a token for a project-scoped one', async () => {
    const unscopedToken = await new Session({
      auth: new PasswordAuth({
        authUrl: server.baseUrl,
        username: 'admin',
        password: server.adminPassword,
        userDomainId: 'default',
        scope: 'unscoped',
      }),
    }).getToken();
    const identity = connect({
      env: {
        OS_AUTH_URL: server.baseUrl,
        OS_TOKEN: unscopedToken,
        OS_PROJECT_NAME: 'admin',
        OS_PROJECT_DOMAIN_ID: 'default',
      },
      searchPath: [],
    });
    const access = await identity.tokens.issue();
    expect(access.projectName).toBe('admin');
    expect(access.token).not.toBe(unscopedToken);
  });

  test('domain and system scope', async () => {
    const domainScoped = new Session({
      auth: new PasswordAuth({
        authUrl: server.baseUrl,
        username: 'admin',
        password: server.adminPassword,
        userDomainName: 'Default',
        scope: { system: { all: true } },
      }),
    });
    expect((await domainScoped.getAccess()).system).toBe(true);
  });

  test('application credential by id and by name', async () => {
    const cred = await admin.applicationCredentials.create({ name: unique('sdk-appcred'), description: 'sdk test' });
    expect(cred.secret).toBeTruthy();
    const byId = new Session({
      auth: new ApplicationCredentialAuth({ authUrl: `${server.baseUrl}/v3`, id: cred.id, secret: cred.secret! }),
    });
    const access = await byId.getAccess();
    expect(access.data.application_credential?.id).toBe(cred.id);
    expect(access.projectName).toBe('admin');
    const byName = new Session({
      auth: new ApplicationCredentialAuth({
        authUrl: server.baseUrl,
        name: cred.name,
        username: 'admin',
        userDomainName: 'Default',
        secret: cred.secret!,
      }),
    });
    expect((await byName.getAccess()).data.application_credential?.id).toBe(cred.id);
    const viaEnv = connect({
      env: {
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_AUTH_URL: `${server.baseUrl}/v3`,
        OS_APPLICATION_CREDENTIAL_ID: cred.id,
        OS_APPLICATION_CREDENTIAL_SECRET: cred.secret!,
      },
      searchPath: [],
    });
    expect((await viaEnv.projects.list()).length).toBeGreaterThan(0);
    await admin.applicationCredentials.delete(cred.id);
  });

  test('TokenAuth requires a token', () => {
    expect(() => new TokenAuth({ authUrl: 'http://x', token: '' })).toThrow(/token is required/);
  });
});

describe('endpoints from the catalog', () => {
  test('identity endpoint by interface and region', async () => {
    const session = adminSession(server);
    expect(await session.getEndpoint()).toBe(`${server.baseUrl}/v3`);
    expect(await session.getEndpoint({ serviceType: 'identity', interface: 'public', region: 'RegionOne' })).toBe(
      `${server.baseUrl}/v3`,
    );
  });

  test('a region the catalog lacks is ERR_ENDPOINT_NOT_FOUND', async () => {
    const session = adminSession(server, { region: 'Nowhere' });
    const err = await session.request('/projects').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointNotFoundError);
    expect((err as EndpointNotFoundError).code).toBe('ERR_ENDPOINT_NOT_FOUND');
    expect((err as Error).message).toMatch(/No public endpoint for service type identity in region Nowhere/);
  });

  test('an unknown service type is ERR_ENDPOINT_NOT_FOUND', async () => {
    await expect(adminSession(server).getEndpoint({ serviceType: 'compute' })).rejects.toMatchObject({
      code: 'ERR_ENDPOINT_NOT_FOUND',
    });
  });

  test('endpointOverride wins', async () => {
    const session = adminSession(server, { endpointOverride: `${server.baseUrl}/identity/v3/` });
    expect(await session.getEndpoint()).toBe(`${server.baseUrl}/identity/v3`);
    expect((await session.request<{ projects: Project[] }>('/projects')).url).toContain('/identity/v3/projects');
  });
});

/** A local server that records requests and answers as told (or never). */
async function fakeServer(
  handler: (
    headers: IncomingHttpHeaders,
    respond: (status: number, body?: string, headers?: Record<string, string>) => void,
  ) => void,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const srv = createServer((req, res) =>
    handler(req.headers, (status, body, headers) => res.writeHead(status, headers).end(body)),
  );
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server: srv,
    close: () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const fake = await fakeServer(() => undefined);
  await fake.close();
  return fake.url;
}

describe('transport', () => {
  test('connection errors are retried with back-off for idempotent requests only', async () => {
    const url = await closedPortUrl();
    const rec = recorder();
    const http = new HttpTransport({ retries: 3, retryDelay: 5, debug: rec.debug });
    const err = await http.send({ method: 'GET', url: `${url}/v3` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).code).toBe('ERR_CONNECTION');
    expect((err as Error).message).toMatch(
      /Unable to establish connection to http:\/\/127\.0\.0\.1:\d+\/v3: .*ECONNREFUSED/,
    );
    const retries = rec.events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => (e as { delayMs: number }).delayMs)).toEqual([5, 10, 20]);
    rec.events.length = 0;
    await expect(http.send({ method: 'POST', url: `${url}/v3/projects`, body: {} })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(rec.events.filter((e) => e.type === 'retry')).toHaveLength(0);
  });

  test('an unreachable auth_url surfaces as ERR_CONNECTION from the client', async () => {
    const url = await closedPortUrl();
    const identity = connect({
      env: { ...adminEnv(server), OS_AUTH_URL: url },
      searchPath: [],
      session: { retries: 1, retryDelay: 1 },
    });
    await expect(identity.projects.list()).rejects.toMatchObject({ code: 'ERR_CONNECTION' });
  });

  test('timeouts become ERR_TIMEOUT and are not retried', async () => {
    const fake = await fakeServer(() => undefined); // never answers
    try {
      const rec = recorder();
      const started = Date.now();
      const err = await new HttpTransport({ timeout: 150, retries: 3, debug: rec.debug })
        .send({ method: 'GET', url: fake.url })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).code).toBe('ERR_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(rec.events.filter((e) => e.type === 'retry')).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  test('sends a User-Agent naming the application, the SDK and Node', async () => {
    let seen: IncomingHttpHeaders = {};
    const fake = await fakeServer((headers, respond) => {
      seen = headers;
      respond(200, '{}', { 'Content-Type': 'application/json' });
    });
    try {
      await new HttpTransport({ userAgent: 'xloud-cli/0.1.0' }).send({ method: 'GET', url: fake.url });
      expect(seen['user-agent']).toMatch(/^xloud-cli\/0\.1\.0 xloud-sdk\/\d+\.\d+\.\d+ node\/v\d+/);
      expect(seen.accept).toBe('application/json');
    } finally {
      await fake.close();
    }
  });
});

describe('debug output', () => {
  test('never shows passwords or tokens', async () => {
    const lines: string[] = [];
    const session = adminSession(server, { debug: (e) => lines.push(formatDebugEvent(e)) });
    const identity = new IdentityClient(session);
    const token = await session.getToken();
    const user = await identity.users.create({
      name: unique('masked'),
      password: 'Sup3r-Secret-Pw',
      domain_id: 'default',
    });
    await identity.users.changePassword(user.id, {
      original_password: 'Sup3r-Secret-Pw',
      password: 'An0ther-Secret-Pw',
    });
    const cred = await identity.applicationCredentials.create({ name: unique('masked'), secret: 'AppCred-Secret-123' });
    await identity.tokens.validate(token);
    const text = lines.join('\n');
    expect(text).toContain('REQ: curl -g -i -X POST');
    expect(text).toContain('X-Auth-Token: {SHA256}');
    for (const secret of [server.adminPassword, token, 'Sup3r-Secret-Pw', 'An0ther-Secret-Pw', 'AppCred-Secret-123'])
      expect(text).not.toContain(secret);
    await identity.applicationCredentials.delete(cred.id);
    await identity.users.delete(user.id);
  });

  test('inspecting or serialising a session shows no password or token', async () => {
    const session = adminSession(server);
    const token = await session.getToken();
    const { inspect } = await import('node:util');
    for (const text of [
      inspect(session, { depth: 10 }),
      JSON.stringify(session.auth),
      JSON.stringify(session.currentAccess),
    ]) {
      expect(text).not.toContain(server.adminPassword);
      expect(text).not.toContain(token);
    }
    expect(inspect(session.auth)).toMatch(/^PasswordAuth \{"authType":"password"/);
  });
});

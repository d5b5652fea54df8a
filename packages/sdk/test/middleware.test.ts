import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IdentityClient, PasswordAuth, Session, type DebugEvent } from '../src/index.ts';
import {
  authToken,
  TokenValidator,
  xloudAuthToken,
  type AuthContext,
  type TokenValidatorOptions,
} from '../src/middleware/index.ts';
import { adminSession, startServer, TestClock, unique, type TestServer } from './helpers.ts';

let identityServer: TestServer;
let admin: IdentityClient;

beforeAll(async () => {
  identityServer = await startServer();
  admin = new IdentityClient(adminSession(identityServer));
});
afterAll(async () => {
  await identityServer?.close();
});

/** A service validating tokens with its own (admin) credentials; counts validation calls. */
function validator(options: Partial<TokenValidatorOptions> = {}, server = identityServer) {
  const events: DebugEvent[] = [];
  const v = new TokenValidator({ session: adminSession(server, { debug: (e) => events.push(e) }), ...options });
  return {
    v,
    validations: () =>
      events.filter((e) => e.type === 'request' && e.method === 'GET' && e.url.includes('/auth/tokens')).length,
  };
}

type Seen = { auth: AuthContext | null; headers: IncomingHttpHeaders };

/** A plain Node http service behind authToken(); returns what the handler saw. */
async function nodeService(v: TokenValidator, extra: { delayAuthDecision?: boolean } = {}) {
  let seen: Seen | undefined;
  const srv: Server = createServer(
    authToken({ validator: v, ...extra }, (req, res) => {
      seen = { auth: req.auth, headers: { ...req.headers } };
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ user: req.auth?.userName ?? null }));
    }),
  );
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/resource`;
  return {
    url,
    seen: () => seen,
    call: (headers: Record<string, string> = {}) => fetch(url, { headers }),
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

async function userToken(server = identityServer): Promise<string> {
  return adminSession(server).getToken();
}

describe('Node http middleware', () => {
  test('a valid token reaches the handler with user, project, roles and catalog', async () => {
    const { v } = validator();
    const svc = await nodeService(v);
    try {
      const token = await userToken();
      const res = await svc.call({ 'X-Auth-Token': token, 'X-Roles': 'forged', 'X-User-Id': 'forged' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ user: 'admin' });
      const { auth, headers } = svc.seen()!;
      expect(auth).toMatchObject({
        userName: 'admin',
        projectName: 'admin',
        userDomainId: 'default',
        system: false,
        token,
      });
      expect(auth!.roles).toContain('admin');
      expect(auth!.catalog.map((c) => c.type)).toContain('identity');
      expect(auth!.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(headers['x-identity-status']).toBe('Confirmed');
      expect(headers['x-user-id']).toBe(auth!.userId);
      expect(headers['x-project-id']).toBe(auth!.projectId);
      expect(headers['x-roles']).not.toContain('forged');
      expect(headers['x-roles']).toContain('admin');
      expect(JSON.parse(headers['x-service-catalog'] as string)[0].endpoints).toBeDefined();
    } finally {
      await svc.close();
    }
  });

  test('missing, invalid and Bearer tokens get 401 with Keystone’s body and WWW-Authenticate', async () => {
    const { v } = validator();
    const svc = await nodeService(v);
    try {
      for (const headers of [{}, { 'X-Auth-Token': 'gAAAAA-not-a-token' }] as Array<Record<string, string>>) {
        const res = await svc.call(headers);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe(`Keystone uri="${identityServer.baseUrl}"`);
        expect(await res.json()).toEqual({
          error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
        });
      }
      const bearer = await svc.call({ Authorization: `Bearer ${await userToken()}` });
      expect(bearer.status).toBe(401);
      expect(((await bearer.json()) as { error: { message: string } }).error.message).toMatch(/X-Auth-Token/);
      expect(svc.seen()).toBeUndefined();
    } finally {
      await svc.close();
    }
  });

  test('a revoked token is rejected (no cache)', async () => {
    const { v } = validator({ cacheTtl: 0 });
    const svc = await nodeService(v);
    try {
      const token = await userToken();
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(200);
      await admin.tokens.revoke(token);
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(401);
    } finally {
      await svc.close();
    }
  });

  test('results are cached until the TTL (revocation then shows), one validation per token', async () => {
    let now = Date.now();
    const { v, validations } = validator({ cacheTtl: 60_000, now: () => now });
    const svc = await nodeService(v);
    try {
      const token = await userToken();
      await Promise.all(Array.from({ length: 5 }, () => svc.call({ 'X-Auth-Token': token })));
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(200);
      expect(validations()).toBe(1);
      await admin.tokens.revoke(token);
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(200); // still cached, as keystonemiddleware
      now += 61_000;
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(401);
      expect(validations()).toBe(2);
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(401); // the invalid answer is cached too
      expect(validations()).toBe(2);
    } finally {
      await svc.close();
    }
  });

  test('a cached token is rejected once its expires_at passes, without asking Keystone', async () => {
    let now = Date.now();
    const { v, validations } = validator({ now: () => now, cacheTtl: 2 * 3600_000 });
    const svc = await nodeService(v);
    try {
      const token = await userToken();
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(200);
      const { expiresAt } = svc.seen()!.auth!;
      now = expiresAt.getTime() + 1;
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(401);
      expect(validations()).toBe(1);
    } finally {
      await svc.close();
    }
  });

  test('delayAuthDecision lets the handler decide', async () => {
    const { v } = validator();
    const svc = await nodeService(v, { delayAuthDecision: true });
    try {
      const res = await svc.call({ 'X-Auth-Token': 'bogus', 'X-Identity-Status': 'Confirmed', 'X-User-Id': 'forged' });
      expect(res.status).toBe(200);
      expect(svc.seen()!.auth).toBeNull();
      expect(svc.seen()!.headers['x-identity-status']).toBe('Invalid');
      expect(svc.seen()!.headers['x-user-id']).toBeUndefined();
    } finally {
      await svc.close();
    }
  });

  test('identity service unreachable → 503', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const session = new Session({
      auth: new PasswordAuth({
        authUrl: `http://127.0.0.1:${port}/v3`,
        username: 'svc',
        password: 'x',
        userDomainId: 'default',
      }),
      retries: 0,
    });
    const svc = await nodeService(new TokenValidator({ session }));
    try {
      const res = await svc.call({ 'X-Auth-Token': 'anything' });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(503);
    } finally {
      await svc.close();
    }
  });

  test('connect-style middleware form', async () => {
    const { v } = validator();
    const mw = authToken({ validator: v, skip: (req) => req.url === '/health' });
    const srv = createServer((req, res) =>
      mw(req, res, (err) => {
        if (err) return res.writeHead(500).end();
        res.end(String((req as { auth?: AuthContext }).auth?.userName ?? 'anonymous'));
      }),
    );
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/health`)).text()).toBe('anonymous');
      expect((await fetch(`${base}/x`)).status).toBe(401);
      expect(await (await fetch(`${base}/x`, { headers: { 'X-Auth-Token': await userToken() } })).text()).toBe('admin');
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});

describe('Fastify plugin', () => {
  let app: FastifyInstance;
  let validations: () => number;
  beforeAll(async () => {
    const made = validator();
    validations = made.validations;
    app = Fastify();
    await app.register(xloudAuthToken, { validator: made.v, skip: (request) => request.url === '/health' });
    app.get('/health', async () => ({ ok: true }));
    app.get('/whoami', async (request) => ({
      user: request.auth?.userName,
      project: request.auth?.projectName,
      roles: request.auth?.roles,
      identity: request.headers['x-identity-status'],
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('accepts a valid token and exposes request.auth', async () => {
    const token = await userToken();
    const res = await app.inject({ method: 'GET', url: '/whoami', headers: { 'x-auth-token': token } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: 'admin', project: 'admin', identity: 'Confirmed' });
    expect(res.json().roles).toContain('admin');
    await app.inject({ method: 'GET', url: '/whoami', headers: { 'x-auth-token': token } });
    expect(validations()).toBe(1);
  });

  test('rejects missing, invalid and revoked tokens with 401', async () => {
    const missing = await app.inject({ method: 'GET', url: '/whoami' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe(`Keystone uri="${identityServer.baseUrl}"`);
    expect(missing.json()).toEqual({
      error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
    });
    expect((await app.inject({ method: 'GET', url: '/whoami', headers: { 'x-auth-token': 'nope' } })).statusCode).toBe(
      401,
    );
    const token = await userToken();
    await admin.tokens.revoke(token);
    expect((await app.inject({ method: 'GET', url: '/whoami', headers: { 'x-auth-token': token } })).statusCode).toBe(
      401,
    );
  });

  test('skip() leaves chosen routes open', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('expired tokens (2-second tokens on the identity server)', () => {
  let shortLived: TestServer;
  /** The identity server's clock: its tokens expire when the test moves it, not after seconds of waiting. */
  const serverClock = TestClock.running();
  beforeAll(async () => {
    shortLived = await startServer({ config: { token: { expiration: '2' } }, clock: serverClock });
  });
  afterAll(async () => {
    await shortLived?.close();
  });

  test('Keystone’s answer for an expired token becomes 401', async () => {
    const { v } = validator({ cacheTtl: 0 }, shortLived);
    const svc = await nodeService(v);
    try {
      const user = await new IdentityClient(adminSession(shortLived)).users.create({
        name: unique('exp'),
        password: 'Passw0rd-x',
        domain_id: 'default',
      });
      await new IdentityClient(adminSession(shortLived)).roles.grant({
        role: 'member',
        user: user.id,
        project: 'admin',
      });
      const token = await new Session({
        auth: new PasswordAuth({
          authUrl: shortLived.baseUrl,
          userId: user.id,
          password: 'Passw0rd-x',
          scope: { project: { name: 'admin', domain: { id: 'default' } } },
        }),
      }).getToken();
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(200);
      expect(svc.seen()!.auth!.roles).toContain('member');
      serverClock.advance(2600);
      expect((await svc.call({ 'X-Auth-Token': token })).status).toBe(401);
    } finally {
      await svc.close();
    }
  });
});

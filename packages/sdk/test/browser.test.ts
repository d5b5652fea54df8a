/**
 * `connectBrowser()` against a fake fetch (the console's backend-for-frontend is another package): the cookie, not a
 * token, authenticates; requests go to `baseUrl` without discovery or catalog; a 401 is not retried and calls
 * `onUnauthorized`; `links.next` written for `/v3` is followed under `baseUrl`; and the OS-XLOUD extension calls
 * have the contract's request shapes. The last test bundles `@xloud/sdk/browser` with Vite (the dashboard's bundler)
 * and runs the bundle in a sandbox that has browser globals only.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectBrowser, ConfigError, UnauthorizedError, type TokenData } from '../src/browser.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials?: RequestCredentials;
  body?: unknown;
}

const ORIGIN = 'https://console.example.test';

/** A fake fetch: records each call and answers with `route(call)` → [status, body]. */
function fakeFetch(route: (call: Call) => [number, unknown?]) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of new Headers(init.headers)) headers[k] = v;
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      credentials: init.credentials,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const [status, body] = route(call);
    return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', 'x-openstack-request-id': `req-${calls.length}` },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const unauthorized = {
  error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
};
const token: TokenData = {
  methods: ['password'],
  user: { id: 'u-1', name: 'alice', domain: { id: 'default', name: 'Default' } },
  audit_ids: ['a'],
  expires_at: '2099-01-01T00:00:00.000000Z',
  issued_at: '2026-01-01T00:00:00.000000Z',
  project: { id: 'p-1', name: 'demo', domain: { id: 'default', name: 'Default' } },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('connectBrowser', () => {
  test('cookie instead of token: same-origin credentials, per-request headers, no User-Agent, no discovery', async () => {
    const { fetch, calls } = fakeFetch(() => [200, { project: { id: 'p-1', name: 'demo' } }]);
    let csrf = 'csrf-1';
    const identity = connectBrowser({
      baseUrl: `${ORIGIN}/dashboard/api/v3/`,
      fetch,
      headers: () => ({ 'X-CSRF-Token': csrf }),
    });
    expect((await identity.projects.get('p-1')).name).toBe('demo');
    csrf = 'csrf-2';
    await identity.projects.update('p-1', { description: 'x' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET ${ORIGIN}/dashboard/api/v3/projects/p-1`,
      `PATCH ${ORIGIN}/dashboard/api/v3/projects/p-1`,
    ]);
    for (const c of calls) {
      expect(c.credentials).toBe('same-origin');
      expect(c.headers).not.toHaveProperty('x-auth-token');
      expect(c.headers).not.toHaveProperty('user-agent');
    }
    expect(calls.map((c) => c.headers['x-csrf-token'])).toEqual(['csrf-1', 'csrf-2']);
    expect(calls[1]!.body).toEqual({ project: { description: 'x' } });
  });

  test('a relative baseUrl resolves against location.origin; without a location it is ERR_CONFIG', async () => {
    expect(() => connectBrowser({ baseUrl: '/dashboard/api/v3' })).toThrow(ConfigError);
    vi.stubGlobal('location', { origin: ORIGIN, href: `${ORIGIN}/dashboard/projects/x` });
    const { fetch, calls } = fakeFetch(() => [
      200,
      { domains: [], links: { self: `${ORIGIN}/v3/domains`, next: null } },
    ]);
    await identity(fetch).domains.list();
    expect(calls[0]!.url).toBe(`${ORIGIN}/dashboard/api/v3/domains`);
    function identity(f: typeof globalThis.fetch) {
      return connectBrowser({ baseUrl: '/dashboard/api/v3', fetch: f });
    }
  });

  test('a 401 is not retried: onUnauthorized gets the UnauthorizedError, which is then thrown', async () => {
    const { fetch, calls } = fakeFetch(() => [401, unauthorized]);
    const seen: unknown[] = [];
    const identity = connectBrowser({
      baseUrl: `${ORIGIN}/dashboard/api/v3`,
      fetch,
      onUnauthorized: (e) => seen.push(e),
    });
    const err = await identity.users.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ code: 'ERR_UNAUTHORIZED', status: 401, requestId: 'req-1' });
    expect(seen).toEqual([err]);
    expect(calls).toHaveLength(1);
  });

  test('a failing onUnauthorized hook does not hide the 401', async () => {
    const { fetch } = fakeFetch(() => [401, unauthorized]);
    const identity = connectBrowser({
      baseUrl: `${ORIGIN}/dashboard/api/v3`,
      fetch,
      onUnauthorized: () => {
        throw new Error('hook');
      },
    });
    await expect(identity.groups.get('g')).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' });
  });

  test("the expired-password change (sent without a token) is not the session's 401", async () => {
    const { fetch, calls } = fakeFetch(() => [401, unauthorized]);
    const onUnauthorized = vi.fn();
    const identity = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch, onUnauthorized });
    await expect(
      identity.users.changePassword('u-1', { original_password: 'wrong', password: 'new' }),
    ).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(calls[0]).toMatchObject({ method: 'POST', url: `${ORIGIN}/dashboard/api/v3/users/u-1/password` });
  });

  test('links.next written for /v3 is followed under baseUrl; page() returns the marker', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: `user-${id}` }));
    const { fetch, calls } = fakeFetch((c) => {
      const url = new URL(c.url);
      const limit = Number(url.searchParams.get('limit'));
      const marker = url.searchParams.get('marker');
      const rest = marker ? all.filter((u) => u.id > marker) : all;
      const page = rest.slice(0, limit);
      const next =
        rest.length > limit
          ? `http://127.0.0.1:5000/v3/users?domain_id=default&limit=${limit}&marker=${page.at(-1)!.id}`
          : null;
      return [200, { users: page, links: { self: 'http://127.0.0.1:5000/v3/users', previous: null, next } }];
    });
    const identity = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch });
    const first = await identity.users.page({ domain_id: 'default', limit: 2 });
    expect(first).toEqual({ items: all.slice(0, 2), nextMarker: 'b' });
    const last = await identity.users.page({ domain_id: 'default', limit: 2, marker: 'd' });
    expect(last).toEqual({ items: all.slice(4) });
    calls.length = 0;
    expect((await identity.users.list({ domain_id: 'default', limit: 2 })).map((u) => u.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(calls.map((c) => c.url)).toEqual([
      `${ORIGIN}/dashboard/api/v3/users?domain_id=default&limit=2`,
      `${ORIGIN}/dashboard/api/v3/users?domain_id=default&limit=2&marker=b`,
      `${ORIGIN}/dashboard/api/v3/users?domain_id=default&limit=2&marker=d`,
    ]);
  });

  test("page() on a collection the server does not page: everything, no marker; Keystone's truncated flag", async () => {
    const { fetch } = fakeFetch((c) =>
      c.url.includes('/roles')
        ? [
            200,
            {
              roles: [
                { id: 'r1', name: 'admin' },
                { id: 'r2', name: 'member' },
              ],
              links: { self: 'x', next: null },
            },
          ]
        : [200, { groups: [{ id: 'g' }], truncated: true, links: { self: 'x', next: null } }],
    );
    const identity = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch });
    expect(await identity.roles.page({ limit: 1 })).toEqual({
      items: [
        { id: 'r1', name: 'admin' },
        { id: 'r2', name: 'member' },
      ],
    });
    expect(await identity.groups.page({ limit: 1 })).toEqual({ items: [{ id: 'g' }], truncated: true });
  });

  test("the session's user comes from tokenData(): tokens.issue(), application credentials without user_id", async () => {
    const { fetch, calls } = fakeFetch(() => [200, { application_credentials: [], links: { self: 'x', next: null } }]);
    const bare = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch });
    await expect(bare.tokens.issue()).rejects.toMatchObject({ code: 'ERR_CONFIG' });
    let current = token;
    const identity = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch, tokenData: () => current });
    const access = await identity.tokens.issue();
    expect(access).toMatchObject({ userId: 'u-1', projectId: 'p-1' });
    expect(access.token).toBe(''); // the browser never holds the Keystone token
    await identity.applicationCredentials.list();
    expect(calls.at(-1)!.url).toBe(`${ORIGIN}/dashboard/api/v3/users/u-1/application_credentials`);
    current = { ...token, user: { ...token.user, id: 'u-2' } }; // re-scoped or another login: asked again
    expect((await identity.tokens.issue()).userId).toBe('u-2');
  });
});

describe('OS-XLOUD extension calls (request shapes of docs/console.md)', () => {
  const decisions = {
    'identity:list_users': {
      allowed: false,
      scope_types: ['system', 'domain', 'project'],
      requires: ['reader on system', 'admin on domain'],
    },
  };
  const user = {
    id: 'u-1',
    name: 'alice',
    domain_id: 'default',
    enabled: true,
    email: 'a@example.com',
    first_name: 'Ada',
    password_expires_at: null,
  };
  const signIns = [
    {
      time: '2026-03-01T10:00:00.000000Z',
      method: 'password',
      success: true,
      source_address: '192.0.2.1',
      user_agent: 'Firefox',
    },
  ];
  const { fetch, calls } = fakeFetch((c) => {
    if (c.url.endsWith('/OS-XLOUD/policy-check')) return [200, { policy_check: decisions }];
    if (c.url.endsWith('/profile')) return [200, { user }];
    if (c.url.includes('/sign-ins')) return [200, { sign_ins: signIns }];
    if (c.url.endsWith('/tokens')) return [204];
    return [404, { error: { code: 404, title: 'Not Found', message: 'no route' } }];
  });
  const identity = connectBrowser({ baseUrl: `${ORIGIN}/dashboard/api/v3`, fetch });
  const base = `${ORIGIN}/dashboard/api/v3/OS-XLOUD`;

  test('xloud.policyCheck(actions, target?) → POST /OS-XLOUD/policy-check {actions, target}', async () => {
    expect(await identity.xloud.policyCheck(['identity:list_users'])).toEqual(decisions);
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: `${base}/policy-check`,
      body: { actions: ['identity:list_users'] },
    });
    expect(calls.at(-1)!.body).not.toHaveProperty('target');
    await identity.xloud.policyCheck(['identity:update_own_profile'], { user: { id: 'u-1' } });
    expect(calls.at(-1)!.body).toEqual({ actions: ['identity:update_own_profile'], target: { user: { id: 'u-1' } } });
  });

  test('users.updateProfile(id, profile) → PATCH /OS-XLOUD/users/{id}/profile {profile}, returns the user', async () => {
    expect(
      await identity.users.updateProfile('u 1', { first_name: 'Ada', phone: null, email: 'a@example.com' }),
    ).toEqual(user);
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      url: `${base}/users/u%201/profile`,
      body: { profile: { first_name: 'Ada', phone: null, email: 'a@example.com' } },
    });
  });

  test('users.listSignIns(id, { limit }) → GET /OS-XLOUD/users/{id}/sign-ins?limit=N', async () => {
    expect(await identity.users.listSignIns('u-1', { limit: 5 })).toEqual(signIns);
    expect(calls.at(-1)).toMatchObject({ method: 'GET', url: `${base}/users/u-1/sign-ins?limit=5` });
    await identity.users.listSignIns('u-1');
    expect(calls.at(-1)!.url).toBe(`${base}/users/u-1/sign-ins`);
  });

  test('users.revokeTokens(id) → DELETE /OS-XLOUD/users/{id}/tokens (204)', async () => {
    await expect(identity.users.revokeTokens('u-1')).resolves.toBeUndefined();
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: `${base}/users/u-1/tokens` });
  });
});

describe('bundled by Vite, run with browser globals only', () => {
  test('the bundle has no Node import and works in a sandbox without process, Buffer or require', {
    timeout: 60_000,
  }, async () => {
    const { build } = await import('vite');
    const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const warnings: string[] = [];
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root: sdkDir,
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve(sdkDir, 'src/browser.ts'), formats: ['iife'], name: 'XloudSDK', fileName: 'browser' },
        rollupOptions: { onwarn: (w) => warnings.push(w.message) },
      },
    });
    const code = (output as Array<{ output: Array<{ code?: string }> }>)[0]!.output[0]!.code!;
    expect(warnings).toEqual([]);
    expect(code).not.toMatch(/\bnode:|\brequire\(/);

    const { fetch, calls } = fakeFetch(() => [
      200,
      { projects: [{ id: 'p1', name: 'web' }], links: { self: 'x', next: null } },
    ]);
    const sandbox: Record<string, unknown> = {
      fetch,
      URL,
      URLSearchParams,
      Headers,
      Response,
      AbortSignal,
      AbortController,
      TextEncoder,
      TextDecoder,
      setTimeout,
      clearTimeout,
      console,
      location: { origin: ORIGIN, href: `${ORIGIN}/dashboard/` },
    };
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    const context = vm.createContext(sandbox);
    vm.runInContext(`${code}\nglobalThis.XloudSDK = XloudSDK;`, context);
    const sdk = sandbox.XloudSDK as typeof import('../src/browser.ts');
    const identity = sdk.connectBrowser({ baseUrl: '/dashboard/api/v3', headers: () => ({ 'X-CSRF-Token': 't' }) });
    expect(await identity.projects.page({ limit: 10 })).toEqual({ items: [{ id: 'p1', name: 'web' }] });
    expect(calls[0]).toMatchObject({
      url: `${ORIGIN}/dashboard/api/v3/projects?limit=10`,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': 't' },
    });
    expect(sdk.renderOpenrc({ kind: 'password', cloudName: 'c', authUrl: 'https://k/v3', username: 'u' })).toContain(
      "export OS_USERNAME='u'",
    );
    expect(typeof sdk.hashToken('x')).toBe('string');
  });
});

/**
 * The console's backend-for-frontend (docs/console.md, "Console session"): sign-in, session, rescope,
 * sign-out, origin checks, idle timeout and token expiry (the /v3 proxy: console-proxy.test.ts).
 * Real HTTP against a started server on SQLite; the console has no database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, expectKeystoneError, uniq } from './api-client.ts';
import { ConsoleBrowser, passwordAuthBody } from './console-client.ts';

const SESSION = '/dashboard/api/session';

describe('console session', () => {
  let server: TestServer;
  let api: ApiClient;
  let member: any;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { security_compliance: { lockout_failure_attempts: '3' } } });
    api = new ApiClient(server);
    const setup = await api.userWithRole('member');
    member = setup.user;
    projectId = setup.projectId;
    otherProjectId = (await api.createProject()).id;
    await api.grant({ user: member.id }, { project: otherProjectId }, 'member');
  });

  afterAll(async () => {
    await server?.close();
  });

  const memberAuth = (scope?: unknown) =>
    passwordAuthBody({ id: member.id }, member.password, scope ?? { project: { id: projectId } });

  async function signedIn(): Promise<ConsoleBrowser> {
    const browser = new ConsoleBrowser(server);
    const res = await browser.signIn(memberAuth());
    expect(res.status, res.text).toBe(201);
    return browser;
  }

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Strict cookie on /dashboard/api and never shows the token', async () => {
      const browser = new ConsoleBrowser(server);
      const res = await browser.signIn(memberAuth());
      expect(res.status).toBe(201);
      expect(res.setCookies).toHaveLength(1);
      const cookie = res.setCookies[0]!;
      expect(cookie).toMatch(/^xloud_console=[A-Za-z0-9_-]+;/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/dashboard\/api(;|$)/);
      expect(cookie).not.toMatch(/; Secure/); // plain HTTP here
      expect(res.headers.get('x-subject-token')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');

      const { session } = res.body;
      expect(session.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.idle_timeout).toBe(3600);
      expect(Date.parse(session.idle_expires_at) - Date.now()).toBeGreaterThan(3500_000);
      expect(session.expires_at).toBe(session.token.expires_at);
      expect(session.token).toMatchObject({
        methods: ['password'],
        user: { id: member.id },
        project: { id: projectId },
      });
      expect(session.token.catalog).toBeInstanceOf(Array);
      expect(session.token.id).toBeUndefined();

      // The real token, known only to the server: valid, the same token the body describes, and nowhere in the response.
      const token = browser.opened()!.token;
      const validated = await api.request('GET', '/auth/tokens', {
        token: await api.adminToken(),
        headers: { 'X-Subject-Token': token },
      });
      expect(validated.status).toBe(200);
      expect(validated.body.token.audit_ids).toEqual(session.token.audit_ids);
      expect(res.text).not.toContain(token);
      expect(JSON.stringify([...res.headers])).not.toContain(token);
    });

    it('wrong password and unknown user get the identical 401 the API gives', async () => {
      const browser = new ConsoleBrowser(server);
      const wrong = await browser.signIn(passwordAuthBody({ id: member.id }, 'not-the-password'));
      const unknown = await browser.signIn(
        passwordAuthBody({ name: uniq('nobody'), domain: { id: 'default' } }, 'whatever'),
      );
      expectKeystoneError(wrong, 401);
      expect(unknown.status).toBe(401);
      expect(unknown.text).toBe(wrong.text);
      const direct = await api.post('/auth/tokens', undefined, {
        auth: passwordAuthBody({ id: member.id }, 'not-the-password'),
      });
      expect(wrong.text).toBe(direct.text);
      expect(wrong.setCookies).toEqual([]);
    });

    it('failed console sign-ins count toward lockout', async () => {
      const user = await api.createUser();
      const browser = new ConsoleBrowser(server);
      for (let i = 0; i < 3; i++)
        expect((await browser.signIn(passwordAuthBody({ id: user.id }, 'wrong'))).status).toBe(401);
      // The right password is now refused, through the console and through the API alike.
      expect((await browser.signIn(passwordAuthBody({ id: user.id }, user.password))).status).toBe(401);
      expect((await api.issue({ auth: passwordAuthBody({ id: user.id }, user.password) })).status).toBe(401);
      // Control: fewer failures than the threshold do not lock.
      const other = await api.createUser();
      for (let i = 0; i < 2; i++) await browser.signIn(passwordAuthBody({ id: other.id }, 'wrong'));
      expect((await browser.signIn(passwordAuthBody({ id: other.id }, other.password))).status).toBe(201);
    });

    it('refuses the token method and malformed bodies with 400, never 500', async () => {
      const browser = new ConsoleBrowser(server);
      const token = await api.token({ id: member.id }, member.password);
      expectKeystoneError(await browser.signIn({ identity: { methods: ['token'], token: { id: token } } }), 400);
      expectKeystoneError(await browser.request('POST', SESSION, { body: {} }), 400);
      expectKeystoneError(await browser.request('POST', SESSION, { body: { auth: 'x' } }), 400);
      expectKeystoneError(await browser.request('POST', SESSION, { rawBody: '{"auth":' }), 400);
      expectKeystoneError(await browser.request('POST', SESSION, {}), 400);
      expectKeystoneError(await browser.signIn({ identity: { methods: ['password'] } }), 400);
      expectKeystoneError(
        await browser.signIn({ identity: { methods: ['password'], password: { user: { id: member.id } } } }),
        400,
      );
      expect(browser.cookie).toBeUndefined();
    });
  });

  describe('origin checks', () => {
    it('a foreign Origin or a cross-site fetch is refused, sign-in included, with nothing changed', async () => {
      const browser = new ConsoleBrowser(server);
      const foreign = await browser.signIn(memberAuth(), { Origin: 'https://evil.example' });
      expectKeystoneError(foreign, 403);
      expect(foreign.setCookies).toEqual([]);
      expectKeystoneError(await browser.signIn(memberAuth(), { Origin: 'null' }), 403);
      expectKeystoneError(await browser.signIn(memberAuth(), { 'Sec-Fetch-Site': 'cross-site' }), 403);
      expectKeystoneError(await browser.signIn(memberAuth(), { 'Sec-Fetch-Site': 'same-site' }), 403);
      expect(
        (await browser.signIn(memberAuth(), { Origin: server.baseUrl, 'Sec-Fetch-Site': 'same-origin' })).status,
      ).toBe(201);

      const before = await api.get(`/users/${member.id}/application_credentials`, await api.adminToken());
      const name = uniq('ac');
      const res = await browser.request('POST', `/dashboard/api/v3/users/${member.id}/application_credentials`, {
        body: { application_credential: { name } },
        headers: { Origin: 'http://127.0.0.1:1' },
      });
      expectKeystoneError(res, 403);
      expectKeystoneError(
        await browser.request('GET', `/dashboard/api/v3/users/${member.id}`, {
          headers: { Origin: 'https://evil.example' },
        }),
        403,
      );
      const after = await api.get(`/users/${member.id}/application_credentials`, await api.adminToken());
      expect(after.body.application_credentials).toHaveLength(before.body.application_credentials.length);
    });
  });

  describe('session', () => {
    it('GET returns the session body; garbage, tampered or foreign-key cookies are no session, and cleared', async () => {
      const browser = await signedIn();
      const res = await browser.request('GET', SESSION);
      expect(res.status).toBe(200);
      expect(res.body.session.token).toMatchObject({ user: { id: member.id }, project: { id: projectId } });
      expect(res.body.session.csrf_token).toBe(browser.csrf);
      expect(res.text).not.toContain(browser.opened()!.token);
      expect(res.setCookies).toEqual([]); // not activity: no re-seal

      const sealed = browser.cookie!;
      const tampered = `${sealed.slice(0, 60)}${sealed[60] === 'A' ? 'B' : 'A'}${sealed.slice(61)}`;
      for (const cookie of ['garbage', tampered, browser.opened()!.token, 'x'.repeat(5000)]) {
        const other = new ConsoleBrowser(server);
        other.cookie = cookie;
        const r = await other.request('GET', SESSION);
        expectNoSession(r, 'invalid');
        expect(r.setCookies.join()).toMatch(/Max-Age=0/);
      }
      expectNoSession(await new ConsoleBrowser(server).request('GET', SESSION), 'none');
    });

    it('PUT /session/scope re-scopes (CSRF required) and replaces the cookie', async () => {
      const browser = await signedIn();
      const before = browser.cookie;
      expectKeystoneError(
        await browser.request('PUT', `${SESSION}/scope`, {
          body: { scope: { project: { id: otherProjectId } } },
          csrf: false,
        }),
        403,
      );
      const res = await browser.request('PUT', `${SESSION}/scope`, {
        body: { scope: { project: { id: otherProjectId } } },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.session.token.project.id).toBe(otherProjectId);
      expect(res.body.session.token.methods).toEqual(expect.arrayContaining(['password', 'token']));
      expect(res.headers.get('x-subject-token')).toBeNull();
      expect(browser.cookie).not.toBe(before);
      expect(res.text).not.toContain(browser.opened()!.token);
      expect((await browser.request('GET', SESSION)).body.session.token.project.id).toBe(otherProjectId);

      const noRole = await api.createProject();
      const refused = await browser.request('PUT', `${SESSION}/scope`, {
        body: { scope: { project: { id: noRole.id } } },
      });
      expect(refused.status).toBe(401);
      expect(browser.cookie).toBeDefined(); // a refused rescope does not end a working session
      expectKeystoneError(await browser.request('PUT', `${SESSION}/scope`, { body: { scope: 42 } }), 400);
      expectKeystoneError(await browser.request('PUT', `${SESSION}/scope`, { body: {} }), 400);

      const unscoped = await browser.request('PUT', `${SESSION}/scope`, { body: { scope: 'unscoped' } });
      expect(unscoped.status, unscoped.text).toBe(200);
      expect(unscoped.body.session.token.project).toBeUndefined();
      expectKeystoneError(
        await new ConsoleBrowser(server).request('PUT', `${SESSION}/scope`, { body: { scope: 'unscoped' } }),
        401,
      );
    });

    it('DELETE revokes the token (and the sign-in token it was re-scoped from) and clears the cookie', async () => {
      const browser = await signedIn();
      const signInToken = browser.opened()!.token;
      expect(
        (await browser.request('PUT', `${SESSION}/scope`, { body: { scope: { project: { id: otherProjectId } } } }))
          .status,
      ).toBe(200);
      const token = browser.opened()!.token;
      expect(token).not.toBe(signInToken);
      const admin = await api.adminToken();
      const validate = (t: string) =>
        api.request('GET', '/auth/tokens', { token: admin, headers: { 'X-Subject-Token': t } });

      const refused = await browser.request('DELETE', SESSION, { csrf: false });
      expectKeystoneError(refused, 403);
      expect((await validate(token)).status).toBe(200);

      const res = await browser.request('DELETE', SESSION);
      expect(res.status).toBe(204);
      expect(res.setCookies.join()).toMatch(/xloud_console=;.*Max-Age=0/);
      expect((await validate(token)).status).toBe(404);
      expect((await validate(signInToken)).status).toBe(404);
      expect(browser.cookie).toBeUndefined();
      expectNoSession(await browser.request('GET', SESSION), 'none');
      // Signing out again (no session) is harmless.
      expect((await browser.request('DELETE', SESSION)).status).toBe(204);
    });
  });
});

describe('console session lifetime', () => {
  const clock = new TestClock();
  let server: TestServer;
  let api: ApiClient;
  let user: any;

  beforeAll(async () => {
    server = await startTestServer({
      clock,
      config: { dashboard: { idle_timeout: '2' }, DEFAULT: { enable_proxy_headers_parsing: 'true' } },
    });
    api = new ApiClient(server);
    user = await api.createUser();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(): Promise<ConsoleBrowser> {
    const browser = new ConsoleBrowser(server);
    expect((await browser.signIn(passwordAuthBody({ id: user.id }, user.password))).status).toBe(201);
    return browser;
  }

  const proxied = (browser: ConsoleBrowser) => browser.request('GET', `/dashboard/api/v3/users/${user.id}`);

  it('proxied calls keep the session alive; idling ends it (401, cookie cleared)', async () => {
    const browser = await signedIn();
    const session = (await browser.request('GET', SESSION)).body.session;
    expect(session.idle_timeout).toBe(2);
    expect(Date.parse(session.idle_expires_at)).toBe(clock.now().getTime() + 2000);
    clock.advance(1500);
    expect((await proxied(browser)).status).toBe(200);
    clock.advance(1500); // 3 s after sign-in, 1.5 s after the last call
    const alive = await proxied(browser);
    expect(alive.status).toBe(200);
    expect(alive.setCookies).toHaveLength(1); // re-sealed with the new activity time
    clock.advance(2000);
    const idle = await proxied(browser);
    expectKeystoneError(idle, 401);
    expect(idle.body.error.message).toMatch(/2 seconds without activity/);
    expect(idle.setCookies.join()).toMatch(/Max-Age=0/);
    expect(browser.cookie).toBeUndefined();
  });

  it('GET /session is not activity', async () => {
    const browser = await signedIn();
    clock.advance(1500);
    expect((await browser.request('GET', SESSION)).status).toBe(200);
    clock.advance(600);
    expectNoSession(await browser.request('GET', SESSION), 'idle');
  });

  it('the session ends with its token', async () => {
    const browser = await signedIn();
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      expect((await proxied(browser)).status).toBe(200);
    }
    clock.advance((3600 - 4) * 1000);
    const res = await proxied(browser);
    expectKeystoneError(res, 401);
    expect(browser.cookie).toBeUndefined();
  });

  it('a session survives a Fernet key rotation (every active key opens the cookie)', async () => {
    const browser = await signedIn();
    rotateFernetKeys(server.container.conf.fernet_tokens.key_repository, { maxActiveKeys: 3 });
    expect((await browser.request('GET', SESSION)).status).toBe(200);
    expect((await proxied(browser)).status).toBe(200);
    const fresh = await signedIn();
    expect((await fresh.request('GET', SESSION)).status).toBe(200);
  });

  it('the cookie is Secure when the request came over HTTPS (through a trusted proxy)', async () => {
    const browser = new ConsoleBrowser(server);
    const host = new URL(server.baseUrl).host;
    const res = await browser.signIn(passwordAuthBody({ id: user.id }, user.password), {
      'X-Forwarded-Proto': 'https',
      Origin: `https://${host}`,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.setCookies[0]).toMatch(/; Secure/);
    // The same request claiming the plain-HTTP origin is cross-origin from https://.
    expectKeystoneError(
      await browser.signIn(passwordAuthBody({ id: user.id }, user.password), {
        'X-Forwarded-Proto': 'https',
        Origin: server.baseUrl,
      }),
      403,
    );
  });
});

describe('console session without an idle timeout', () => {
  const clock = new TestClock();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock, config: { dashboard: { idle_timeout: '0' } } });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lasts until the token expires', async () => {
    const browser = new ConsoleBrowser(server);
    const res = await browser.signIn(
      passwordAuthBody({ name: 'admin', domain: { id: 'default' } }, server.adminPassword),
    );
    expect(res.status).toBe(201);
    expect(res.body.session).toMatchObject({ idle_timeout: 0, idle_expires_at: null });
    clock.advance(3_500_000);
    expect((await browser.request('GET', SESSION)).status).toBe(200);
    clock.advance(101_000);
    const ended = await browser.request('GET', SESSION);
    expectNoSession(ended, 'expired');
    expect(ended.body.message).toMatch(/expired/);
  });
});

/** GET /session without a usable session answers 200 with session null and why (no failed request in the browser). */
function expectNoSession(res: { status: number; body: { session?: unknown; ended?: string } }, ended: string): void {
  expect(res.status).toBe(200);
  expect(res.body.session).toBeNull();
  expect(res.body.ended).toBe(ended);
}

/**
 * The console's /dashboard/api/v3 proxy (docs/console.md, "Console session"): the session's token on every call,
 * status/body/headers relayed without X-Subject-Token, CSRF on state-changing calls, /v3/auth/tokens refused,
 * the tokenless expired-password change, paths that never leave /v3, and sessions ended by a revoked token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, expectKeystoneError, uniq } from './api-client.ts';
import { ConsoleBrowser, passwordAuthBody, rawGet } from './console-client.ts';

const SESSION = '/dashboard/api/session';

describe('console /dashboard/api/v3 proxy', () => {
  let server: TestServer;
  let api: ApiClient;
  let member: any;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(server);
    const setup = await api.userWithRole('member');
    member = setup.user;
    projectId = setup.projectId;
  });

  afterAll(async () => {
    await server?.close();
  });

  async function signedIn(): Promise<ConsoleBrowser> {
    const browser = new ConsoleBrowser(server);
    const res = await browser.signIn(
      passwordAuthBody({ id: member.id }, member.password, { project: { id: projectId } }),
    );
    expect(res.status, res.text).toBe(201);
    return browser;
  }

  it('GET /v3/users/{id} with the session token, passing status, body and request id through', async () => {
    const browser = await signedIn();
    const res = await browser.request('GET', `/dashboard/api/v3/users/${member.id}`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: member.id, name: member.name });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(res.headers.get('x-subject-token')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    const missing = await browser.request('GET', '/dashboard/api/v3/users/nope');
    expectKeystoneError(missing, 404);
    const forbidden = await browser.request('GET', '/dashboard/api/v3/domains/default/config');
    expectKeystoneError(forbidden, 403);
  });

  it('state-changing calls need the CSRF token; without it nothing is created', async () => {
    const browser = await signedIn();
    const path = `/dashboard/api/v3/users/${member.id}/application_credentials`;
    const refusedName = uniq('ac');
    for (const csrf of [false, 'wrong', '']) {
      const res = await browser.request('POST', path, {
        body: { application_credential: { name: refusedName } },
        csrf,
      });
      expectKeystoneError(res, 403);
    }
    const name = uniq('ac');
    const created = await browser.request('POST', path, {
      body: { application_credential: { name } },
      headers: { Origin: server.baseUrl },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.application_credential).toMatchObject({ name, user_id: member.id, project_id: projectId });
    const list = await browser.request('GET', `${path}?name=${refusedName}`);
    expect(list.body.application_credentials).toEqual([]);
    const deleted = await browser.request('DELETE', `${path}/${created.body.application_credential.id}`, {
      csrf: false,
    });
    expectKeystoneError(deleted, 403);
    expect((await browser.request('DELETE', `${path}/${created.body.application_credential.id}`)).status).toBe(204);
  });

  it('refuses /v3/auth/tokens in every spelling', async () => {
    const browser = await signedIn();
    for (const path of [
      'auth/tokens',
      'auth/tokens/',
      'auth//tokens',
      'auth%2Ftokens',
      'AUTH/tokens',
      'auth/tokens/OS-PKI/revoked',
    ]) {
      for (const method of ['GET', 'POST', 'DELETE', 'HEAD']) {
        const res = await browser.request(method, `/dashboard/api/v3/${path}`, method === 'POST' ? { body: {} } : {});
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    }
    expect((await browser.request('GET', '/dashboard/api/v3/auth/projects')).status).toBe(200);
  });

  it('without a session: 401, except changing an expired password; dot segments never leave /v3', async () => {
    const anonymous = new ConsoleBrowser(server);
    expectKeystoneError(await anonymous.request('GET', `/dashboard/api/v3/users/${member.id}`), 401);
    expectKeystoneError(await anonymous.request('GET', '/dashboard/api/v3/auth/projects'), 401);
    const user = await api.createUser();
    const changed = await anonymous.request('POST', `/dashboard/api/v3/users/${user.id}/password`, {
      body: { user: { original_password: user.password, password: `${user.password}-2` } },
    });
    expect(changed.status, changed.text).toBe(204);
    expect((await api.issue({ auth: passwordAuthBody({ id: user.id }, `${user.password}-2`) })).status).toBe(201);
    const wrong = await anonymous.request('POST', `/dashboard/api/v3/users/${user.id}/password`, {
      body: { user: { original_password: 'nope', password: 'x-3' } },
    });
    expectKeystoneError(wrong, 401);
    const foreign = await anonymous.request('POST', `/dashboard/api/v3/users/${user.id}/password`, {
      body: { user: { original_password: `${user.password}-2`, password: 'x-4' } },
      headers: { Origin: 'https://evil.example' },
    });
    expectKeystoneError(foreign, 403);

    const browser = await signedIn();
    const cookie = { Cookie: `xloud_console=${browser.cookie}` };
    for (const path of ['%2e%2e/dashboard/api/session', '../dashboard/api/session', 'users/../../', './users']) {
      expect((await rawGet(server.baseUrl, `/dashboard/api/v3/${path}`, cookie)).status, path).toBe(404);
    }
    expectKeystoneError(await browser.request('GET', '/dashboard/api/v3/users/%E0%A4%A'), 400);
    expect((await browser.request('GET', '/dashboard/api/v3')).body.version.id).toBe('v3.14');
  });

  it('a token revoked elsewhere ends the session and clears the cookie', async () => {
    const browser = await signedIn();
    const token = browser.opened()!.token;
    const revoked = await api.request('DELETE', '/auth/tokens', {
      token: await api.adminToken(),
      headers: { 'X-Subject-Token': token },
    });
    expect(revoked.status).toBe(204);
    const res = await browser.request('GET', `/dashboard/api/v3/users/${member.id}`);
    expectKeystoneError(res, 401);
    expect(res.setCookies.join()).toMatch(/xloud_console=;.*Max-Age=0/);
    expect(browser.cookie).toBeUndefined();
  });

  it('a wrong original password on a signed-in password change keeps the session', async () => {
    const browser = await signedIn();
    const res = await browser.request('POST', `/dashboard/api/v3/users/${member.id}/password`, {
      body: { user: { original_password: 'wrong', password: 'irrelevant-1' } },
    });
    expectKeystoneError(res, 401);
    expect(browser.cookie).toBeDefined();
    expect((await browser.request('GET', SESSION)).status).toBe(200);
  });
});

/**
 * OS-OAUTH2 over HTTP: POST /v3/OS-OAUTH2/token with an application credential as OAuth 2.0 client (Keystone 22
 * "Zed", keystone/api/os_oauth2.py): HTTP Basic (and, beyond Zed, form) client credentials, the access token's
 * contents, Keystone's OAuth 2.0 error bodies byte for byte, the 405s, JSON-Home, and the RFC 8414 discovery document.
 * Runs against SQLite and PostgreSQL; with XLOUD_TEST_TARGET against the reference Keystone (which has no form
 * credentials, no discovery document, and answers an unknown client 404 other_error where we answer 401).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  isExternalTarget,
  startApiTarget,
  uniq,
  type ApiResponse,
  type StartedApiTarget,
} from './api-client.ts';

const ours = !isExternalTarget();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** An OAuth 2.0 error answer: the status and, exactly, Keystone's body. */
function expectOAuth2Error(res: ApiResponse, status: number, error: string, description: string): void {
  expect(res.status, res.text).toBe(status);
  // Keystone (Flask) ends its JSON bodies with a newline; none of ours does.
  expect(res.text.trimEnd()).toBe(JSON.stringify({ error, error_description: description }));
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

describe.each(DATABASES)('OS-OAUTH2 client credentials (%s)', (database) => {
  let target: StartedApiTarget;
  let api: ApiClient;
  let owner: any;
  let projectId: string;
  let ownerToken: string;
  /** owner's credential on projectId with roles member and reader. */
  let cred: { id: string; secret: string };

  async function createCredential(body: Record<string, unknown> = {}) {
    const res = await api.post(`/users/${owner.id}/application_credentials`, ownerToken, {
      application_credential: { name: uniq('oauth2'), ...body },
    });
    if (res.status !== 201) throw new Error(`create application credential: ${res.status} ${res.text}`);
    return res.body.application_credential;
  }

  const tokenRequest = (opts: { headers?: Record<string, string>; body?: string; method?: string } = {}) =>
    api.request(opts.method ?? 'POST', '/OS-OAUTH2/token', {
      headers: { ...FORM, ...opts.headers },
      rawBody: opts.body ?? 'grant_type=client_credentials',
    });
  const withBasic = (id: string, secret: string, body?: string) =>
    tokenRequest({ headers: { Authorization: basic(id, secret) }, body });

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    const setup = await api.userWithRole('member');
    owner = setup.user;
    projectId = setup.projectId;
    ownerToken = setup.token;
    const created = await createCredential();
    cred = { id: created.id, secret: created.secret };
  });

  afterAll(async () => {
    await target?.close();
  });

  async function validate(accessToken: string) {
    const res = await api.get('/auth/tokens', await api.adminToken(), { 'X-Subject-Token': accessToken });
    expect(res.status, res.text).toBe(200);
    return res.body.token;
  }

  it('HTTP Basic client credentials give a Bearer access token: a token of the credential, as Keystone', async () => {
    const res = await withBasic(cred.id, cred.secret);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.expires_in).toBe(3600);
    if (ours) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
    }
    const token = await validate(res.body.access_token);
    expect(token.methods).toEqual(['application_credential']);
    expect(token.user.id).toBe(owner.id);
    expect(token.project.id).toBe(projectId);
    expect(token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    expect(token.application_credential).toMatchObject({ id: cred.id, restricted: true });
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(3600_000);
  });

  it('the access token is used as X-Auth-Token; Authorization: Bearer is not accepted, as in Keystone', async () => {
    const { access_token: accessToken } = (await withBasic(cred.id, cred.secret)).body;
    const asHeader = await api.get('/auth/projects', accessToken);
    expect(asHeader.status, asHeader.text).toBe(200);
    expect(asHeader.body.projects.map((p: { id: string }) => p.id)).toContain(projectId);
    const asBearer = await api.get('/auth/projects', undefined, { Authorization: `Bearer ${accessToken}` });
    expect(asBearer.status).toBe(401);
  });

  it('a restricted credential (the default) gives a restricted token: it cannot create credentials', async () => {
    const { access_token: accessToken } = (await withBasic(cred.id, cred.secret)).body;
    const res = await api.post(`/users/${owner.id}/application_credentials`, accessToken, {
      application_credential: { name: uniq('nested') },
    });
    expect(res.status, res.text).toBe(403);
  });

  it('an unrestricted credential gives a token that is not restricted', async () => {
    const created = await createCredential({ unrestricted: true });
    const res = await withBasic(created.id, created.secret);
    expect(res.status, res.text).toBe(200);
    expect((await validate(res.body.access_token)).application_credential.restricted).toBe(false);
  });

  it('a credential with fewer roles gives a token with those roles only', async () => {
    const created = await createCredential({ roles: [{ name: 'reader' }] });
    const res = await withBasic(created.id, created.secret);
    expect(res.status, res.text).toBe(200);
    expect((await validate(res.body.access_token)).roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
  });

  it.runIf(ours)('client_id and client_secret in the form (client_secret_post) work too', async () => {
    const res = await tokenRequest({
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: cred.id,
        client_secret: cred.secret,
      }).toString(),
    });
    expect(res.status, res.text).toBe(200);
    const token = await validate(res.body.access_token);
    expect(token.application_credential.id).toBe(cred.id);
    expect(token.project.id).toBe(projectId);
  });

  it.runIf(ours)(
    'form credentials count only without an Authorization header (Basic wins; another scheme is none)',
    async () => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: cred.id,
        client_secret: cred.secret,
      }).toString();
      expectOAuth2Error(
        await tokenRequest({ headers: { Authorization: 'Bearer x' }, body: form }),
        401,
        'invalid_client',
        'OAuth2.0 client authorization is required.',
      );
      const basicWins = await tokenRequest({ headers: { Authorization: basic(cred.id, 'wrong') }, body: form });
      expectOAuth2Error(basicWins, 401, 'invalid_client', 'The request you have made requires authentication.');
      expectOAuth2Error(
        await tokenRequest({ body: `grant_type=client_credentials&client_id=${cred.id}` }),
        401,
        'invalid_client',
        'OAuth2.0 client authorization is invalid.',
      );
    },
  );

  it.runIf(ours)('a form over [DEFAULT] max_request_body_size: 413, no token', async () => {
    const res = await withBasic(cred.id, cred.secret, `grant_type=client_credentials&pad=${'x'.repeat(200_000)}`);
    expect(res.status).toBe(413);
    expect(res.body.access_token).toBeUndefined();
  });

  it('a content type with parameters is still a form', async () => {
    const res = await withBasic(cred.id, cred.secret);
    expect(res.status).toBe(200);
    const withCharset = await api.request('POST', '/OS-OAUTH2/token', {
      headers: { Authorization: basic(cred.id, cred.secret), 'Content-Type': `${FORM['Content-Type']}; charset=UTF-8` },
      rawBody: 'grant_type=client_credentials',
    });
    expect(withCharset.status, withCharset.text).toBe(200);
  });

  it('wrong secret: 401 invalid_client with Keystone WWW-Authenticate; nothing issued', async () => {
    const res = await withBasic(cred.id, 'wrong-secret');
    expectOAuth2Error(res, 401, 'invalid_client', 'The request you have made requires authentication.');
    expect(res.headers.get('www-authenticate')).toBe(`Keystone uri="${target.baseUrl}/v3"`);
    // The refusal changed nothing: the credential still works.
    expect((await withBasic(cred.id, cred.secret)).status).toBe(200);
  });

  it('unknown client: 401 invalid_client here (Keystone: 404 other_error)', async () => {
    const res = await withBasic('0123456789abcdef0123456789abcdef', 'secret');
    if (ours) expectOAuth2Error(res, 401, 'invalid_client', 'The request you have made requires authentication.');
    else
      expectOAuth2Error(
        res,
        404,
        'other_error',
        'An unknown error occurred and failed to get an OAuth2.0 access token.',
      );
  });

  it('expired credential: 401 invalid_client', async () => {
    const expiresAt = new Date(Date.now() + 2000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const created = await createCredential({ expires_at: expiresAt });
    await target.passTime(3500);
    const res = await withBasic(created.id, created.secret);
    expectOAuth2Error(res, 401, 'invalid_client', 'The request you have made requires authentication.');
  });

  it('a disabled owner: 401 invalid_client', async () => {
    const setup = await api.userWithRole('member');
    const own = await api.post(`/users/${setup.user.id}/application_credentials`, setup.token, {
      application_credential: { name: uniq('oauth2') },
    });
    const c = own.body.application_credential;
    const disable = await api.patch(`/users/${setup.user.id}`, await api.adminToken(), { user: { enabled: false } });
    expect(disable.status).toBe(200);
    expectOAuth2Error(
      await withBasic(c.id, c.secret),
      401,
      'invalid_client',
      'The request you have made requires authentication.',
    );
  });

  it("an owner whose multi-factor rules want more than the credential: 401 invalid_client, Keystone's message", async () => {
    const setup = await api.userWithRole('member');
    const own = await api.post(`/users/${setup.user.id}/application_credentials`, setup.token, {
      application_credential: { name: uniq('oauth2') },
    });
    const c = own.body.application_credential;
    const rules = await api.patch(`/users/${setup.user.id}`, await api.adminToken(), {
      user: { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] } },
    });
    expect(rules.status, rules.text).toBe(200);
    const res = await withBasic(c.id, c.secret);
    expectOAuth2Error(
      res,
      401,
      'invalid_client',
      `Insufficient auth methods received for ${setup.user.id}. Auth Methods Provided: [application_credential].`,
    );
    expect(res.headers.get('openstack-auth-receipt')).toBeNull();
  });

  it('no client authorization: 401 invalid_client (before grant_type is looked at)', async () => {
    expectOAuth2Error(
      await tokenRequest({ body: '' }),
      401,
      'invalid_client',
      'OAuth2.0 client authorization is required.',
    );
    expectOAuth2Error(
      await tokenRequest({ headers: { Authorization: 'Bearer something' } }),
      401,
      'invalid_client',
      'OAuth2.0 client authorization is required.',
    );
    expectOAuth2Error(
      await tokenRequest({ headers: { Authorization: 'Basic' } }),
      401,
      'invalid_client',
      'OAuth2.0 client authorization is required.',
    );
    expectOAuth2Error(
      await tokenRequest({
        headers: { Authorization: 'Digest username="a", realm="r", nonce="n", uri="/", response="x"' },
      }),
      401,
      'invalid_client',
      'OAuth2.0 client authorization type digest is not supported.',
    );
  });

  it('an empty client id or secret: 401 "client authorization is invalid"', async () => {
    const message = 'OAuth2.0 client authorization is invalid.';
    expectOAuth2Error(await withBasic('', 'x'), 401, 'invalid_client', message);
    expectOAuth2Error(await withBasic(cred.id, ''), 401, 'invalid_client', message);
  });

  it('missing, empty and unsupported grant_type: 400 with Keystone body', async () => {
    expectOAuth2Error(
      await withBasic(cred.id, cred.secret, 'scope=x'),
      400,
      'invalid_request',
      'The parameter grant_type is required.',
    );
    expectOAuth2Error(
      await withBasic(cred.id, cred.secret, 'grant_type=password'),
      400,
      'unsupported_grant_type',
      'The parameter grant_type password is not supported.',
    );
    expectOAuth2Error(
      await withBasic(cred.id, cred.secret, 'grant_type='),
      400,
      'unsupported_grant_type',
      'The parameter grant_type  is not supported.',
    );
  });

  it('a body that is not a form (JSON, text, none) has no grant_type: 400 invalid_request, as Keystone', async () => {
    for (const [contentType, body] of [
      ['application/json', JSON.stringify({ grant_type: 'client_credentials' })],
      ['application/json', '{not json'],
      ['text/plain', 'grant_type=client_credentials'],
    ] as const) {
      const res = await api.request('POST', '/OS-OAUTH2/token', {
        headers: { Authorization: basic(cred.id, cred.secret), 'Content-Type': contentType },
        rawBody: body,
      });
      expectOAuth2Error(res, 400, 'invalid_request', 'The parameter grant_type is required.');
    }
    const none = await api.request('POST', '/OS-OAUTH2/token', {
      headers: { Authorization: basic(cred.id, cred.secret) },
    });
    expectOAuth2Error(none, 400, 'invalid_request', 'The parameter grant_type is required.');
  });

  it('other methods: 405 other_error', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const res = await api.request(method, '/OS-OAUTH2/token', {
        headers: { Authorization: basic(cred.id, cred.secret) },
      });
      expectOAuth2Error(res, 405, 'other_error', 'The method is not allowed for the requested URL.');
    }
    const head = await api.request('HEAD', '/OS-OAUTH2/token', {
      headers: { Authorization: basic(cred.id, cred.secret) },
    });
    expect(head.status).toBe(405);
  });

  it('JSON-Home names the token endpoint with Keystone relation', async () => {
    const res = await api.get('', undefined, { Accept: 'application/json-home' });
    expect(res.status).toBe(200);
    expect(
      res.body.resources['https://docs.openstack.org/api/openstack-identity/3/ext/OS-OAUTH2/1.0/rel/token'],
    ).toEqual({ href: '/OS-OAUTH2/token' });
  });

  it.runIf(ours)('RFC 8414 discovery document at /.well-known/oauth-authorization-server', async () => {
    const res = await api.get('//.well-known/oauth-authorization-server');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      issuer: target.baseUrl,
      token_endpoint: `${target.baseUrl}/v3/OS-OAUTH2/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
});

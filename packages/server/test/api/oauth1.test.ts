import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  passwordAuth,
  startApiTarget,
  type ApiTarget,
  type StartedApiTarget,
} from './api-client.ts';

/** RFC 5849 percent-encoding, written here independently of the server's. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An OAuth1 HMAC-SHA1 Authorization header for a POST to `url`, as oauthlib's Client builds it. */
function oauthHeader(
  url: string,
  consumer: { key: string; secret: string },
  token?: { key: string; secret: string },
  extra: Record<string, string> = {},
): string {
  const params: Record<string, string> = {
    oauth_nonce: randomBytes(8).readBigUInt64BE().toString(),
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_consumer_key: consumer.key,
    ...(token ? { oauth_token: token.key } : {}),
    ...extra,
  };
  const normalized = Object.entries(params)
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a, x], [b, y]) => (a! < b! ? -1 : a! > b! ? 1 : x! < y! ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = `POST&${enc(url)}&${enc(normalized)}`;
  const key = `${enc(consumer.secret)}&${enc(token?.secret ?? '')}`;
  params.oauth_signature = createHmac('sha1', key).update(base).digest('base64');
  return `OAuth ${Object.entries(params)
    .map(([k, v]) => `${k}="${enc(v)}"`)
    .join(', ')}`;
}

const form = (text: string) => Object.fromEntries(new URLSearchParams(text));

/** The steps of an OAuth1 delegation against the server `api()` talks to, as `admin()` where one is needed. */
function oauthFlow(api: () => ApiClient, admin: () => string) {
  async function newConsumer() {
    const res = await api().post('/OS-OAUTH1/consumers', admin(), { consumer: { description: 'app', color: 'blue' } });
    expect(res.status, res.text).toBe(201);
    return { key: res.body.consumer.id as string, secret: res.body.consumer.secret as string };
  }

  /** A user with admin and member on a fresh project (authorizing needs the admin role, as in Keystone). */
  async function authorizer() {
    const owner = await api().userWithRole('admin');
    const memberRole = await api().roleId('member');
    await api().grant({ user: owner.user.id }, { project: owner.projectId }, 'member');
    return { ...owner, memberRole };
  }

  function requestToken(consumer: { key: string; secret: string }, projectId: string) {
    const url = api().url('/OS-OAUTH1/request_token');
    return api().request('POST', url, {
      headers: {
        Authorization: oauthHeader(url, consumer, undefined, { oauth_callback: 'oob' }),
        'Requested-Project-Id': projectId,
      },
    });
  }

  function accessToken(
    consumer: { key: string; secret: string },
    request: { key: string; secret: string },
    verifier: string,
  ) {
    const url = api().url('/OS-OAUTH1/access_token');
    return api().request('POST', url, {
      headers: { Authorization: oauthHeader(url, consumer, request, { oauth_verifier: verifier }) },
    });
  }

  function oauthSignIn(consumer: { key: string; secret: string }, access: { key: string; secret: string }) {
    const url = api().url('/auth/tokens');
    return api().request('POST', url, {
      headers: { Authorization: oauthHeader(url, consumer, access) },
      body: { auth: { identity: { methods: ['oauth1'], oauth1: {} } } },
    });
  }

  /** Consumer, request token, authorization of `member`, access token. */
  async function delegation() {
    const consumer = await newConsumer();
    const owner = await authorizer();
    const rt = await requestToken(consumer, owner.projectId);
    expect(rt.status, rt.text).toBe(201);
    expect(rt.headers.get('content-type')).toMatch(/application\/x-www-form-urlencoded/);
    const request = { key: form(rt.text).oauth_token!, secret: form(rt.text).oauth_token_secret! };
    const auth = await api().put(`/OS-OAUTH1/authorize/${request.key}`, owner.token, {
      roles: [{ id: owner.memberRole }],
    });
    expect(auth.status, auth.text).toBe(200);
    const verifier = auth.body.token.oauth_verifier as string;
    const at = await accessToken(consumer, request, verifier);
    expect(at.status, at.text).toBe(201);
    const access = { key: form(at.text).oauth_token!, secret: form(at.text).oauth_token_secret! };
    return { consumer, owner, request, verifier, access, expiresAt: form(at.text).oauth_expires_at };
  }

  return { newConsumer, authorizer, requestToken, accessToken, oauthSignIn, delegation };
}

/** OS-OAUTH1: consumers, the signed token exchange, the oauth1 auth method, and what ends its tokens. */
describe.each(DATABASES)('OAuth1 delegation (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    admin = await api.adminToken();
  });
  afterAll(() => target.close());

  const { newConsumer, authorizer, requestToken, accessToken, oauthSignIn, delegation } = oauthFlow(
    () => api,
    () => admin,
  );

  it('manages consumers; the secret is shown once and cannot be changed', async () => {
    const consumer = await newConsumer();
    const shown = await api.get(`/OS-OAUTH1/consumers/${consumer.key}`, admin);
    expect(shown.status).toBe(200);
    expect(shown.body.consumer).toMatchObject({ id: consumer.key, description: 'app', color: 'blue' });
    expect(shown.body.consumer.secret).toBeUndefined();
    const listed = await api.get('/OS-OAUTH1/consumers', admin);
    expect(listed.body.consumers.map((c: { id: string }) => c.id)).toContain(consumer.key);
    expect(listed.body.consumers.every((c: { secret?: string }) => c.secret === undefined)).toBe(true);
    const patched = await api.patch(`/OS-OAUTH1/consumers/${consumer.key}`, admin, {
      consumer: { description: 'new' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.consumer.description).toBe('new');
    expectKeystoneError(
      await api.patch(`/OS-OAUTH1/consumers/${consumer.key}`, admin, { consumer: { secret: 'x' } }),
      400,
    );
    expectKeystoneError(await api.patch(`/OS-OAUTH1/consumers/${consumer.key}`, admin, { consumer: {} }), 400);
    const member = await api.userWithRole('member');
    expectKeystoneError(await api.post('/OS-OAUTH1/consumers', member.token, { consumer: {} }), 403);
  });

  it('delegates roles to a consumer: its oauth1 token carries them, cannot re-scope, and ends when revoked', async () => {
    const { consumer, owner, access, expiresAt } = await delegation();
    const listed = await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, admin);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.access_tokens).toEqual([
      expect.objectContaining({
        id: access.key,
        consumer_id: consumer.key,
        project_id: owner.projectId,
        authorizing_user_id: owner.user.id,
        expires_at: expiresAt,
      }),
    ]);
    const roles = await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens/${access.key}/roles`, admin);
    expect(roles.body.roles.map((r: { id: string }) => r.id)).toEqual([owner.memberRole]);

    const signedIn = await oauthSignIn(consumer, access);
    expect(signedIn.status, signedIn.text).toBe(201);
    const token = signedIn.body.token;
    expect(token.methods).toEqual(['oauth1']);
    expect(token.user.id).toBe(owner.user.id);
    expect(token.project.id).toBe(owner.projectId);
    expect(token['OS-OAUTH1']).toEqual({ access_token_id: access.key, consumer_id: consumer.key });
    // member and what it implies, not the owner's admin role.
    expect(token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    const oauthToken = signedIn.headers.get('x-subject-token')!;

    const rescope = await api.issue({ auth: { identity: { methods: ['token'], token: { id: oauthToken } } } });
    expectKeystoneError(rescope, 403);
    const trust = await api.post('/OS-TRUST/trusts', oauthToken, {
      trust: { trustor_user_id: owner.user.id, trustee_user_id: owner.user.id, impersonation: false },
    });
    expectKeystoneError(trust, 403);
    expectKeystoneError(await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, oauthToken), 403);

    const revoked = await api.delete(`/users/${owner.user.id}/OS-OAUTH1/access_tokens/${access.key}`, admin);
    expect(revoked.status, revoked.text).toBe(204);
    expectKeystoneError(await api.get('/auth/tokens', admin, { 'X-Subject-Token': oauthToken }), 404);
    expectKeystoneError(await oauthSignIn(consumer, access), 404);
    expect((await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, admin)).body.access_tokens).toEqual([]);
  });

  it('refuses a bad signature, an unknown consumer, an unauthorized request token and a reused verifier', async () => {
    const consumer = await newConsumer();
    const owner = await authorizer();
    const badSignature = await requestToken({ key: consumer.key, secret: 'not-the-secret' }, owner.projectId);
    expectKeystoneError(badSignature, 401);
    expect(badSignature.body.error.message).toBe('The request you have made requires authentication.');
    expectKeystoneError(await requestToken({ key: 'f'.repeat(32), secret: 'x' }, owner.projectId), 404);
    expectKeystoneError(await requestToken(consumer, 'no-such-project'), 404);
    const url = api.url('/OS-OAUTH1/request_token');
    const noCallback = await api.request('POST', url, {
      headers: { Authorization: oauthHeader(url, consumer), 'Requested-Project-Id': owner.projectId },
    });
    expectKeystoneError(noCallback, 400);
    expect(noCallback.body.error.message).toContain('Missing callback URI');
    expectKeystoneError(await api.request('POST', url, { headers: { 'Requested-Project-Id': owner.projectId } }), 401);

    const rt = await requestToken(consumer, owner.projectId);
    const request = { key: form(rt.text).oauth_token!, secret: form(rt.text).oauth_token_secret! };
    // Not authorized yet: no verifier matches.
    expectKeystoneError(await accessToken(consumer, request, 'abcdefgh'), 401);
    const other = await newConsumer();
    expectKeystoneError(await accessToken(other, request, 'abcdefgh'), 401);
    expectKeystoneError(await accessToken({ key: 'e'.repeat(32), secret: 'x' }, request, 'abcdefgh'), 401);
    // Roles the authorizing user does not hold are refused.
    const admRole = await api.roleId('admin');
    const member = await api.userWithRole('member', owner.projectId);
    expectKeystoneError(
      await api.put(`/OS-OAUTH1/authorize/${request.key}`, member.token, { roles: [{ id: admRole }] }),
      403,
    );
    const unheld = await api.createRole();
    expectKeystoneError(
      await api.put(`/OS-OAUTH1/authorize/${request.key}`, owner.token, { roles: [{ id: unheld.id }] }),
      401,
    );
    expectKeystoneError(
      await api.put('/OS-OAUTH1/authorize/0123456789abcdef0123456789abcdef', owner.token, { roles: [] }),
      404,
    );
    const auth = await api.put(`/OS-OAUTH1/authorize/${request.key}`, owner.token, {
      roles: [{ name: 'member' }],
    });
    const verifier = auth.body.token.oauth_verifier as string;
    expectKeystoneError(await accessToken({ key: consumer.key, secret: 'wrong' }, request, verifier), 401);
    expect((await accessToken(consumer, request, verifier)).status).toBe(201);
    expectKeystoneError(await accessToken(consumer, request, verifier), 404);
    const tokens = await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, admin);
    expect(tokens.body.access_tokens).toHaveLength(1);
  });

  it('deletes the access tokens with their consumer, ending the tokens issued with them', async () => {
    const { consumer, owner, access } = await delegation();
    const signedIn = await oauthSignIn(consumer, access);
    expect(signedIn.status, signedIn.text).toBe(201);
    const oauthToken = signedIn.headers.get('x-subject-token')!;
    expect((await api.delete(`/OS-OAUTH1/consumers/${consumer.key}`, admin)).status).toBe(204);
    expectKeystoneError(await api.get(`/OS-OAUTH1/consumers/${consumer.key}`, admin), 404);
    expectKeystoneError(await api.get('/auth/tokens', admin, { 'X-Subject-Token': oauthToken }), 404);
    expect((await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, admin)).body.access_tokens).toEqual([]);
    expectKeystoneError(await oauthSignIn(consumer, access), 404);
  });
});

/** [oauth1] request_token_duration and access_token_duration: how long each token of the exchange is good for. */
describe.each(DATABASES)('OAuth1 token durations (%s)', (database) => {
  let target: StartedApiTarget;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    target = await startApiTarget(database, { oauth1: { request_token_duration: '60', access_token_duration: '120' } });
    api = new ApiClient(target);
    admin = await api.adminToken();
  });
  afterAll(() => target.close());

  const { newConsumer, authorizer, requestToken, accessToken, oauthSignIn, delegation } = oauthFlow(
    () => api,
    () => admin,
  );

  /** The server's time now (its clock is moved on by the tests): the issued_at of a new token. */
  async function serverNow(): Promise<number> {
    const issued = await api.issue(passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword));
    expect(issued.status, issued.text).toBe(201);
    return Date.parse(issued.body.token.issued_at);
  }

  it('refuses a request token older than request_token_duration, to authorize and to exchange', async () => {
    const consumer = await newConsumer();
    const owner = await authorizer();
    const issuedAt = await serverNow();
    const rt = await requestToken(consumer, owner.projectId);
    expect(rt.status, rt.text).toBe(201);
    const { oauth_token: key, oauth_token_secret: secret, oauth_expires_at: expiresAt } = form(rt.text);
    // A minute from now (expiry times drop the milliseconds), not Keystone's default 8 hours.
    expect(Date.parse(expiresAt!) - issuedAt).toBeGreaterThanOrEqual(59_000);
    expect(Date.parse(expiresAt!) - issuedAt).toBeLessThan(600_000);

    await target.passTime(61_000);
    expectKeystoneError(
      await api.put(`/OS-OAUTH1/authorize/${key}`, owner.token, { roles: [{ id: owner.memberRole }] }),
      401,
    );
    expectKeystoneError(await accessToken(consumer, { key: key!, secret: secret! }, 'abcdefgh'), 401);

    // A request token authorized in time but exchanged too late is refused as well.
    const fresh = await requestToken(consumer, owner.projectId);
    const request = { key: form(fresh.text).oauth_token!, secret: form(fresh.text).oauth_token_secret! };
    const auth = await api.put(`/OS-OAUTH1/authorize/${request.key}`, owner.token, {
      roles: [{ id: owner.memberRole }],
    });
    expect(auth.status, auth.text).toBe(200);
    await target.passTime(61_000);
    expectKeystoneError(await accessToken(consumer, request, auth.body.token.oauth_verifier as string), 401);
  });

  it('ends an access token after access_token_duration: its expires_at follows the option', async () => {
    const before = await serverNow();
    const { consumer, owner, access, expiresAt } = await delegation();
    expect(Date.parse(expiresAt!) - before).toBeGreaterThanOrEqual(119_000);
    expect(Date.parse(expiresAt!) - before).toBeLessThan(600_000);
    const listed = await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens`, admin);
    expect(listed.body.access_tokens.map((t: { expires_at: string }) => t.expires_at)).toEqual([expiresAt]);

    await target.passTime(61_000);
    expect((await oauthSignIn(consumer, access)).status).toBe(201);
    await target.passTime(61_000);
    expectKeystoneError(await oauthSignIn(consumer, access), 401);
  });
});

/** [oauth1] request_token_duration = 0 and access_token_duration = 0: tokens that never expire, as in Keystone. */
describe.each(DATABASES)('OAuth1 tokens without expiry (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    target = await startApiTarget(database, { oauth1: { request_token_duration: '0', access_token_duration: '0' } });
    api = new ApiClient(target);
    admin = await api.adminToken();
  });
  afterAll(() => target.close());

  const { authorizer, newConsumer, requestToken, delegation } = oauthFlow(
    () => api,
    () => admin,
  );

  it('issues request and access tokens without an expiry', async () => {
    const rt = await requestToken(await newConsumer(), (await authorizer()).projectId);
    expect(rt.status, rt.text).toBe(201);
    expect(form(rt.text).oauth_expires_at).toBeUndefined();
    const { owner, access, expiresAt } = await delegation();
    expect(expiresAt).toBeUndefined();
    const shown = await api.get(`/users/${owner.user.id}/OS-OAUTH1/access_tokens/${access.key}`, admin);
    expect(shown.status, shown.text).toBe(200);
    expect(shown.body.access_token.expires_at).toBeNull();
  });
});

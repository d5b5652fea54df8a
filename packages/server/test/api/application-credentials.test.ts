/**
 * Application credentials over HTTP: create/show/list/delete, role subsets, authentication by id and by
 * name+user, token contents and expiry, and what restricted credentials may not do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  isExternalTarget,
  startApiTarget,
  TOKEN_TIME,
  tokenAuth,
  uniq,
  type ApiTarget,
} from './api-client.ts';

/**
 * Authenticating with an unknown (or deleted) credential id: the reference Keystone answers 404
 * "Could not find Application Credential: <id>"; Xloud deliberately answers the generic 401 (no enumeration
 * of credential ids, as for users; the brief asks for 401). Each target is held to its own answer.
 */
const UNKNOWN_CREDENTIAL_STATUS = isExternalTarget() ? 404 : 401;

function appCredAuth(cred: Record<string, unknown>, scope?: unknown) {
  const auth: Record<string, unknown> = {
    identity: { methods: ['application_credential'], application_credential: cred },
  };
  if (scope !== undefined) auth.scope = scope;
  return { auth };
}

const roleNames = (roles: Array<{ name: string }>) => roles.map((r) => r.name).sort();

describe.each(DATABASES)('application credentials (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;
  /** owner has `member` (⊃ reader) on project */
  let owner: any;
  let project: any;
  /** owner's project-scoped token */
  let ownerToken: string;
  const path = () => `/users/${owner.id}/application_credentials`;

  async function create(body: Record<string, unknown>, token = ownerToken) {
    return api.post(path(), token, { application_credential: { name: uniq('ac'), ...body } });
  }

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    admin = await api.adminToken();
    const setup = await api.userWithRole('member');
    owner = setup.user;
    project = { id: setup.projectId };
    ownerToken = setup.token;
  });

  afterAll(async () => {
    await target?.close();
  });

  it('create returns the secret once; GET and list never show it', async () => {
    const res = await create({ description: 'ci' });
    expect(res.status).toBe(201);
    const c = res.body.application_credential;
    expect(c.id).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof c.secret).toBe('string');
    expect(c.secret.length).toBeGreaterThanOrEqual(32);
    expect(c).toMatchObject({
      user_id: owner.id,
      project_id: project.id,
      description: 'ci',
      unrestricted: null,
      expires_at: null,
    });
    // (the reference links /v3/application_credentials/<id>, a route it does not serve; either form is accepted)
    expect(c.links.self).toMatch(new RegExp(`/v3/(users/${owner.id}/)?application_credentials/${c.id}$`));

    const show = await api.get(`${path()}/${c.id}`, ownerToken);
    expect(show.status).toBe(200);
    expect(show.body.application_credential.id).toBe(c.id);
    expect(show.body.application_credential).not.toHaveProperty('secret');
    expect(show.body.application_credential).not.toHaveProperty('secret_hash');
    expect(show.text).not.toContain(c.secret);

    const list = await api.get(path(), ownerToken);
    expect(list.status).toBe(200);
    expect(list.body.application_credentials.map((x: any) => x.id)).toContain(c.id);
    expect(list.text).not.toContain(c.secret);
    for (const x of list.body.application_credentials) expect(x).not.toHaveProperty('secret');
  });

  it('keeps `unrestricted` as given, as Keystone does: omitted → null, on creation, GET and list alike', async () => {
    const given = {
      omitted: (await create({})).body.application_credential,
      false: (await create({ unrestricted: false })).body.application_credential,
      true: (await create({ unrestricted: true })).body.application_credential,
    };
    const listed = (await api.get(path(), ownerToken)).body.application_credentials;
    for (const [said, expected] of [
      ['omitted', null],
      ['false', false],
      ['true', true],
    ] as const) {
      const id = given[said].id;
      expect(given[said].unrestricted, `created, ${said}`).toBe(expected);
      expect((await api.get(`${path()}/${id}`, ownerToken)).body.application_credential.unrestricted).toBe(expected);
      expect(listed.find((x: any) => x.id === id)?.unrestricted, `listed, ${said}`).toBe(expected);
    }
  });

  it('shows each role whole, as GET /roles/{id} does but without links (creation, GET and list)', async () => {
    const readerId = await api.roleId('reader');
    const role = (await api.get(`/roles/${readerId}`, admin)).body.role;
    const { links: _links, ...whole } = role;
    const c = (await create({ roles: [{ id: readerId }] })).body.application_credential;
    expect(c.roles).toEqual([whole]);
    expect(whole).toHaveProperty('description');
    expect(whole).toHaveProperty('options');
    expect((await api.get(`${path()}/${c.id}`, ownerToken)).body.application_credential.roles).toEqual([whole]);
    const listed = (await api.get(path(), ownerToken)).body.application_credentials;
    expect(listed.find((x: any) => x.id === c.id).roles).toEqual([whole]);
  });

  it('a caller-provided secret is accepted and echoed once', async () => {
    const res = await create({ secret: 'my-own-secret-value' });
    expect(res.status).toBe(201);
    expect(res.body.application_credential.secret).toBe('my-own-secret-value');
  });

  it("roles default to the creator's token roles", async () => {
    const res = await create({});
    expect(res.status).toBe(201);
    expect(roleNames(res.body.application_credential.roles)).toEqual(['member', 'reader']);
  });

  it('restricting roles to a subset works (by name and by id)', async () => {
    const byName = await create({ roles: [{ name: 'reader' }] });
    expect(byName.status).toBe(201);
    expect(roleNames(byName.body.application_credential.roles)).toEqual(['reader']);
    const byId = await create({ roles: [{ id: await api.roleId('reader') }] });
    expect(byId.status).toBe(201);
    expect(roleNames(byId.body.application_credential.roles)).toEqual(['reader']);
  });

  it('a role the user does not hold is refused and nothing is created', async () => {
    const name = uniq('ac-admin');
    const res = await api.post(path(), ownerToken, { application_credential: { name, roles: [{ name: 'admin' }] } });
    expect([400, 403, 404]).toContain(res.status);
    expect(res.status).not.toBe(201);
    expectKeystoneError(res, res.status);
    const list = await api.get(`${path()}?name=${name}`, ownerToken);
    expect(list.body.application_credentials).toEqual([]);
  });

  it('expires_at in the past → 400', async () => {
    const res = await create({ expires_at: '2000-01-01T00:00:00Z' });
    expectKeystoneError(res, 400);
  });

  it('duplicate name for the same user → 409', async () => {
    const name = uniq('dup');
    expect((await create({ name })).status).toBe(201);
    expectKeystoneError(await create({ name }), 409);
  });

  it('?name= looks a credential up by name', async () => {
    const name = uniq('lookup');
    const c = (await create({ name })).body.application_credential;
    await create({});
    const res = await api.get(`${path()}?name=${name}`, ownerToken);
    expect(res.status).toBe(200);
    expect(res.body.application_credentials).toHaveLength(1);
    expect(res.body.application_credentials[0]).toMatchObject({ id: c.id, name });
    const none = await api.get(`${path()}?name=${uniq('none')}`, ownerToken);
    expect(none.body.application_credentials).toEqual([]);
  });

  describe('authentication', () => {
    let cred: any;

    beforeAll(async () => {
      cred = (await create({ roles: [{ name: 'reader' }] })).body.application_credential;
    });

    it('by id + secret: 201, project-scoped, application_credential block, only the credential roles', async () => {
      const res = await api.issue(appCredAuth({ id: cred.id, secret: cred.secret }));
      expect(res.status).toBe(201);
      const t = res.body.token;
      expect(t.methods).toEqual(['application_credential']);
      expect(t.user.id).toBe(owner.id);
      expect(t.project.id).toBe(project.id);
      expect(t.application_credential).toMatchObject({ id: cred.id, name: cred.name, restricted: true });
      expect(roleNames(t.roles)).toEqual(['reader']);
      expect(t.expires_at).toMatch(TOKEN_TIME);

      const validated = await api.get('/auth/tokens', admin, { 'X-Subject-Token': res.tokenId });
      expect(validated.status).toBe(200);
      expect(validated.body.token.application_credential).toMatchObject({ id: cred.id, restricted: true });
      expect(roleNames(validated.body.token.roles)).toEqual(['reader']);
    });

    it('by name + user id and by name + user name/domain', async () => {
      const r1 = await api.issue(appCredAuth({ name: cred.name, secret: cred.secret, user: { id: owner.id } }));
      expect(r1.status).toBe(201);
      expect(r1.body.token.application_credential.id).toBe(cred.id);
      const r2 = await api.issue(
        appCredAuth({ name: cred.name, secret: cred.secret, user: { name: owner.name, domain: { name: 'Default' } } }),
      );
      expect(r2.status).toBe(201);
      expect(r2.body.token.application_credential.id).toBe(cred.id);
    });

    it('wrong secret / unknown id → 401', async () => {
      expectKeystoneError(await api.issue(appCredAuth({ id: cred.id, secret: 'wrong' })), 401);
      expectKeystoneError(
        await api.issue(appCredAuth({ id: 'a'.repeat(32), secret: 'wrong' })),
        UNKNOWN_CREDENTIAL_STATUS,
      );
      expectKeystoneError(
        await api.issue(appCredAuth({ name: cred.name, secret: 'wrong', user: { id: owner.id } })),
        401,
      );
    });

    it('a restricted credential token cannot create another credential (403)', async () => {
      const token = (await api.issue(appCredAuth({ id: cred.id, secret: cred.secret }))).tokenId;
      const res = await api.post(path(), token, { application_credential: { name: uniq('nested') } });
      expectKeystoneError(res, 403);
    });

    it('a credential token cannot be re-scoped', async () => {
      const token = (await api.issue(appCredAuth({ id: cred.id, secret: cred.secret }))).tokenId;
      const other = await api.createProject();
      await api.grant({ user: owner.id }, { project: other.id }, 'member');
      const res = await api.issue(tokenAuth(token, { project: { id: other.id } }));
      expect(res.status).not.toBe(201);
      expectKeystoneError(res, res.status);
      expect([401, 403]).toContain(res.status);
      const same = await api.issue(tokenAuth(token, { project: { id: project.id } }));
      expect(same.status).not.toBe(201);
      expect([401, 403]).toContain(same.status);
    });

    it('an unrestricted credential token can create a credential', async () => {
      const unrestricted = (await create({ unrestricted: true })).body.application_credential;
      expect(unrestricted.unrestricted).toBe(true);
      const auth = await api.issue(appCredAuth({ id: unrestricted.id, secret: unrestricted.secret }));
      expect(auth.status).toBe(201);
      expect(auth.body.token.application_credential.restricted).toBe(false);
      const res = await api.post(path(), auth.tokenId, { application_credential: { name: uniq('child') } });
      expect(res.status).toBe(201);
    });
  });

  it('access rules are stored and listed (also under /users/{id}/access_rules)', async () => {
    const rules = [{ service: 'compute', method: 'GET', path: '/v2.1/servers' }];
    const res = await create({ access_rules: rules });
    expect(res.status).toBe(201);
    const c = res.body.application_credential;
    expect(c.access_rules).toHaveLength(1);
    expect(c.access_rules[0]).toMatchObject(rules[0]!);
    expect(c.access_rules[0].id).toMatch(/^[0-9a-f]{32}$/);
    const show = await api.get(`${path()}/${c.id}`, ownerToken);
    expect(show.body.application_credential.access_rules).toEqual([
      expect.objectContaining({ id: c.access_rules[0].id, ...rules[0] }),
    ]);
    const listed = await api.get(`/users/${owner.id}/access_rules`, ownerToken);
    expect(listed.status).toBe(200);
    expect(listed.body.access_rules.map((r: any) => r.id)).toContain(c.access_rules[0].id);
    // in use by a credential → cannot be deleted
    expect((await api.delete(`/users/${owner.id}/access_rules/${c.access_rules[0].id}`, ownerToken)).status).toBe(403);
  });

  it('expires_at caps the token expiry', async () => {
    const expiresAt = new Date(Date.now() + 10 * 60_000);
    expiresAt.setMilliseconds(0);
    const res = await create({ expires_at: expiresAt.toISOString().replace('.000Z', 'Z') });
    expect(res.status).toBe(201);
    const c = res.body.application_credential;
    expect(Date.parse(c.expires_at.endsWith('Z') ? c.expires_at : `${c.expires_at}Z`)).toBe(expiresAt.getTime());
    const auth = await api.issue(appCredAuth({ id: c.id, secret: c.secret }));
    expect(auth.status).toBe(201);
    expect(Date.parse(auth.body.token.expires_at)).toBeLessThanOrEqual(expiresAt.getTime());
    expect(Date.parse(auth.body.token.expires_at)).toBeGreaterThan(expiresAt.getTime() - 2000);
  });

  it('deleting a credential: 204, its tokens fail validation (404), auth fails, GET → 404', async () => {
    const c = (await create({})).body.application_credential;
    const token = (await api.issue(appCredAuth({ id: c.id, secret: c.secret }))).tokenId;
    expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': token })).status).toBe(200);
    const del = await api.delete(`${path()}/${c.id}`, ownerToken);
    expect(del.status).toBe(204);
    expectKeystoneError(await api.get('/auth/tokens', admin, { 'X-Subject-Token': token }), 404);
    expectKeystoneError(await api.issue(appCredAuth({ id: c.id, secret: c.secret })), UNKNOWN_CREDENTIAL_STATUS);
    expectKeystoneError(await api.get(`${path()}/${c.id}`, ownerToken), 404);
    expectKeystoneError(await api.delete(`${path()}/${c.id}`, ownerToken), 404);
  });

  it("another user cannot read or create the owner's credentials", async () => {
    const other = await api.userWithRole('member', project.id);
    const c = (await create({})).body.application_credential;
    expectKeystoneError(await api.get(`${path()}/${c.id}`, other.token), 403);
    expectKeystoneError(await api.get(path(), other.token), 403);
    expectKeystoneError(await api.post(path(), other.token, { application_credential: { name: uniq('steal') } }), 403);
  });

  it('extra attributes in the create body → 400', async () => {
    expectKeystoneError(await create({ bogus: 'x' }), 400);
  });
});

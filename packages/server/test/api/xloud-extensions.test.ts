/**
 * The OS-XLOUD extensions over HTTP (docs/console.md): policy-check agrees with what the API really does,
 * the self-service profile, sign-in activity and "sign out everywhere". Runs against SQLite and PostgreSQL.
 * These are our own APIs, so the reference Keystone is no oracle: the file always starts its own server
 * (it also reads the sign_in table directly to prove that nothing is recorded for unknown users).
 */
import type { PolicyCheckResponse, SignInList } from '@xloud/identity-schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  passwordAuth,
  TOKEN_TIME,
  uniq,
  type ApiResponse,
} from './api-client.ts';

interface TestUser {
  id: string;
  name: string;
  password: string;
}
interface Persona {
  user: TestUser;
  token: string;
}
type UserBody = { user: Record<string, unknown> };

const UA = 'xloud-extensions-test/1.0';

describe.each(DATABASES)('OS-XLOUD extensions (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;
  let projectId: string;
  let member: Persona;
  let reader: Persona;

  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
    admin = await api.adminToken();
    projectId = (await api.createProject()).id as string;
    member = await api.userWithRole('member', projectId);
    reader = await api.userWithRole('reader', projectId);
  });

  afterAll(async () => {
    await server?.close();
  });

  const policyCheck = (token: string | undefined, body: unknown) =>
    api.post<PolicyCheckResponse>('/OS-XLOUD/policy-check', token, body);
  const signIns = (userId: string, token: string, query = '') =>
    api.get<SignInList>(`/OS-XLOUD/users/${userId}/sign-ins${query}`, token);
  const login = (auth: unknown, headers: Record<string, string> = {}) =>
    api.request('POST', '/auth/tokens', { body: auth, headers: { 'User-Agent': UA, ...headers } });
  const signInRows = async (userId?: string): Promise<number> => {
    await server.container.services.signIns.flush();
    let query = server.container.database.db.selectFrom('sign_in').select(({ fn }) => fn.countAll<number>().as('n'));
    if (userId) query = query.where('user_id', '=', userId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  describe('POST /v3/OS-XLOUD/policy-check', () => {
    it('answers what the API really does, for admin, member and reader', async () => {
      const personas = { admin, member: member.token, reader: reader.token };
      for (const [who, token] of Object.entries(personas)) {
        const check = await policyCheck(token, {
          actions: ['identity:list_users', 'identity:create_project'],
          target: { project: { domain_id: 'default' } },
        });
        expect(check.status, who).toBe(200);
        const answers = check.body.policy_check;
        const listed = await api.get('/users', token);
        expect(answers['identity:list_users']!.allowed, `${who} list_users`).toBe(listed.status === 200);
        const created = await api.post('/projects', token, { project: { name: uniq('pc'), domain_id: 'default' } });
        expect(answers['identity:create_project']!.allowed, `${who} create_project`).toBe(created.status === 201);
        expect([200, 403]).toContain(listed.status);
        expect([201, 403]).toContain(created.status);
      }
      const adminCheck = await policyCheck(admin, { actions: ['identity:list_users'] });
      expect(adminCheck.body.policy_check['identity:list_users']!.allowed).toBe(true);
      const memberCheck = await policyCheck(member.token, { actions: ['identity:list_users'] });
      expect(memberCheck.body.policy_check['identity:list_users']!.allowed).toBe(false);
    });

    it('reports scope_types and what would allow the action', async () => {
      const res = await policyCheck(member.token, {
        actions: ['identity:list_users', 'identity:create_domain', 'identity:update_own_profile'],
      });
      expect(res.status).toBe(200);
      const answers = res.body.policy_check;
      expect(answers['identity:list_users']).toEqual({
        allowed: false,
        scope_types: ['system', 'domain', 'project'],
        requires: ['admin on system', 'admin on domain', 'admin on project', 'reader on system', 'reader on domain'],
      });
      expect(answers['identity:create_domain']).toMatchObject({
        scope_types: ['system', 'project'],
        requires: ['admin on system', 'admin on project'],
      });
      expect(answers['identity:update_own_profile']).toMatchObject({ allowed: false, requires: ['owner'] });
    });

    it('uses the target like the routes do: own user yes, another user no', async () => {
      const own = { user: { id: member.user.id, domain_id: 'default' } };
      const other = { user: { id: reader.user.id, domain_id: 'default' } };
      const mine = await policyCheck(member.token, {
        actions: ['identity:get_user', 'identity:update_own_profile'],
        target: own,
      });
      expect(mine.body.policy_check['identity:get_user']!.allowed).toBe(true);
      expect(mine.body.policy_check['identity:update_own_profile']!.allowed).toBe(true);
      expect((await api.get(`/users/${member.user.id}`, member.token)).status).toBe(200);
      // Keystone's own dict shape (a `target` section) means the same.
      const keystoneShape = await policyCheck(member.token, {
        actions: ['identity:get_user'],
        target: { target: other },
      });
      expect(keystoneShape.body.policy_check['identity:get_user']!.allowed).toBe(false);
      expectKeystoneError(await api.get(`/users/${reader.user.id}`, member.token), 403);
    });

    it('400 for an unknown action, naming it; 400 for a bad body; at most 100 actions', async () => {
      const unknown = await api.post<{ error: { message: string } }>('/OS-XLOUD/policy-check', member.token, {
        actions: ['identity:list_users', 'identity:no_such_thing'],
      });
      expectKeystoneError(unknown, 400);
      expect(unknown.body.error.message).toContain('identity:no_such_thing');
      expect(unknown.body.error.message).not.toContain('identity:list_users');
      for (const body of [
        {},
        { actions: 'identity:list_users' },
        { actions: [1] },
        { actions: [''] },
        { actions: [], extra: 1 },
        { actions: [], target: [] },
      ]) {
        expectKeystoneError(await policyCheck(member.token, body), 400);
      }
      const tooMany = Array.from({ length: 101 }, () => 'identity:list_users');
      expectKeystoneError(await policyCheck(member.token, { actions: tooMany }), 400);
      expect((await policyCheck(member.token, { actions: tooMany.slice(1) })).status).toBe(200);
      expect((await policyCheck(member.token, { actions: [] })).body).toEqual({ policy_check: {} });
    });

    it('401 without a token; also served under /identity/v3', async () => {
      expectKeystoneError(await policyCheck(undefined, { actions: ['identity:list_users'] }), 401);
      expectKeystoneError(await policyCheck('not-a-token', { actions: ['identity:list_users'] }), 401);
      const res = await api.post('//identity/v3/OS-XLOUD/policy-check', member.token, {
        actions: ['identity:get_user'],
      });
      expect(res.status).toBe(200);
    });

    it('every extension is listed in JSON-Home under docs.xloud.tech', async () => {
      const home = await api.get('//v3', undefined, { Accept: 'application/json-home' });
      const resources = home.body.resources as Record<string, { href?: string; 'href-template'?: string }>;
      const rel = (name: string) => resources[`https://docs.xloud.tech/identity/rel/${name}`];
      expect(rel('policy_check')).toEqual({ href: '/OS-XLOUD/policy-check' });
      expect(rel('user_profile')?.['href-template']).toBe('/OS-XLOUD/users/{user_id}/profile');
      expect(rel('user_sign_ins')?.['href-template']).toBe('/OS-XLOUD/users/{user_id}/sign-ins');
      expect(rel('user_tokens')?.['href-template']).toBe('/OS-XLOUD/users/{user_id}/tokens');
    });
  });

  describe('PATCH /v3/OS-XLOUD/users/{user_id}/profile', () => {
    const profilePath = (userId: string) => `/OS-XLOUD/users/${userId}/profile`;
    const getUser = async (userId: string) => (await api.get<UserBody>(`/users/${userId}`, admin)).body.user;

    it('edits your own profile; GET /v3/users/{id} shows the fields flattened, as Keystone shows extra attributes', async () => {
      const me = await api.userWithRole('member', projectId);
      const profile = {
        email: 'ada@example.com',
        description: 'Analyst',
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+44 (20) 7946-0958',
        job_title: 'Engineer',
        department: 'Engines',
      };
      const res = await api.patch<UserBody>(profilePath(me.user.id), me.token, { profile });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: me.user.id, name: me.user.name, enabled: true, ...profile });
      expect(res.body.user).toEqual(await getUser(me.user.id));
      // The user's own token still works: a profile edit revokes nothing.
      expect((await api.get(`/users/${me.user.id}`, me.token)).status).toBe(200);
    });

    it('null removes a field', async () => {
      const me = await api.userWithRole('member', projectId);
      await api.patch(profilePath(me.user.id), me.token, {
        profile: { phone: '555 0100', job_title: 'Cook', email: 'x@example.com' },
      });
      const res = await api.patch<UserBody>(profilePath(me.user.id), me.token, {
        profile: { phone: null, email: null },
      });
      expect(res.status).toBe(200);
      const user = await getUser(me.user.id);
      expect(user).not.toHaveProperty('phone');
      expect(user).not.toHaveProperty('email');
      expect(user.job_title).toBe('Cook');
    });

    it('400 for any field that is not a profile field, and nothing changes', async () => {
      const me = await api.userWithRole('member', projectId);
      const before = await getUser(me.user.id);
      const forbidden: Record<string, unknown> = {
        enabled: false,
        domain_id: 'default',
        options: { lock_password: true },
        password: 'new-password',
        name: 'renamed',
        id: 'x',
        roles: ['admin'],
        extra: { a: 1 },
      };
      for (const [field, value] of Object.entries(forbidden)) {
        const res = await api.patch(profilePath(me.user.id), me.token, {
          profile: { first_name: 'Sneaky', [field]: value },
        });
        expectKeystoneError(res, 400);
        expect(res.body.error.message, field).toContain(field);
      }
      expectKeystoneError(await api.patch(profilePath(me.user.id), me.token, { profile: {} }), 400);
      expectKeystoneError(await api.patch(profilePath(me.user.id), me.token, { user: { first_name: 'x' } }), 400);
      expectKeystoneError(await api.request('PATCH', profilePath(me.user.id), { token: me.token }), 400);
      expect(await getUser(me.user.id)).toEqual(before);
    });

    it('validates lengths and shapes', async () => {
      const me = await api.userWithRole('member', projectId);
      const bad = [
        { first_name: 'a'.repeat(65) },
        { last_name: 'a'.repeat(65) },
        { phone: '1'.repeat(21) },
        { phone: 'call me' },
        { job_title: 'a'.repeat(129) },
        { department: 'a'.repeat(129) },
        { first_name: 42 },
        { email: ['a@b.c'] },
        { default_project_id: 'not an id!' },
      ];
      for (const profile of bad)
        expectKeystoneError(await api.patch(profilePath(me.user.id), me.token, { profile }), 400);
      const longest = {
        first_name: 'a'.repeat(64),
        last_name: 'b'.repeat(64),
        phone: '1'.repeat(20),
        job_title: 'c'.repeat(128),
        department: 'd'.repeat(128),
      };
      const ok = await api.patch<UserBody>(profilePath(me.user.id), me.token, { profile: longest });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject(longest);
    });

    it('default_project_id must be an enabled project the user has a role on', async () => {
      const me = await api.userWithRole('member', projectId);
      const ok = await api.patch<UserBody>(profilePath(me.user.id), me.token, {
        profile: { default_project_id: projectId },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.user.default_project_id).toBe(projectId);
      const elsewhere = (await api.createProject()).id as string;
      const disabled = (await api.createProject({ enabled: false })).id as string;
      await api.grant({ user: me.user.id }, { project: disabled }, 'member');
      for (const id of [elsewhere, disabled, 'default', uniq('missing').replace('-', '')]) {
        const res = await api.patch(profilePath(me.user.id), me.token, { profile: { default_project_id: id } });
        expectKeystoneError(res, 400);
        expect(res.body.error.message).toContain('default_project_id');
      }
      expect((await getUser(me.user.id)).default_project_id).toBe(projectId);
      await api.patch(profilePath(me.user.id), me.token, { profile: { default_project_id: null } });
      expect(await getUser(me.user.id)).not.toHaveProperty('default_project_id');
    });

    it("403 for another user's profile (even for an admin: that is PATCH /v3/users); 404 for an unknown user; 401 without a token", async () => {
      const other = await api.userWithRole('member', projectId);
      const before = await getUser(other.user.id);
      expectKeystoneError(
        await api.patch(profilePath(other.user.id), member.token, { profile: { first_name: 'Mallory' } }),
        403,
      );
      expectKeystoneError(
        await api.patch(profilePath(other.user.id), admin, { profile: { first_name: 'Mallory' } }),
        403,
      );
      expect(await getUser(other.user.id)).toEqual(before);
      expectKeystoneError(
        await api.patch(profilePath('0'.repeat(32)), member.token, { profile: { first_name: 'x' } }),
        404,
      );
      expectKeystoneError(
        await api.patch(profilePath(other.user.id), undefined, { profile: { first_name: 'x' } }),
        401,
      );
    });
  });

  describe('sign-in activity', () => {
    it('records successful and failed password sign-ins, newest first, with method, source and user agent', async () => {
      const u = (await api.createUser()) as TestUser;
      expect((await login(passwordAuth({ id: u.id }, u.password))).status).toBe(201);
      expectKeystoneError(
        await login(passwordAuth({ name: u.name, domain: { name: 'Default' } }, 'wrong password')),
        401,
      );
      const token = await api.token({ id: u.id }, u.password);
      const res = await signIns(u.id, token);
      expect(res.status).toBe(200);
      const [third, second, first] = res.body.sign_ins;
      expect(res.body.sign_ins).toHaveLength(3);
      expect(first).toEqual({
        time: expect.stringMatching(TOKEN_TIME),
        method: 'password',
        success: true,
        source_address: '127.0.0.1',
        user_agent: UA,
      });
      expect(second).toMatchObject({ method: 'password', success: false, source_address: '127.0.0.1', user_agent: UA });
      expect(third).toMatchObject({ method: 'password', success: true });
      expect(Date.parse(first!.time)).toBeLessThanOrEqual(Date.parse(third!.time));
      expect(Math.abs(Date.parse(first!.time) - Date.now())).toBeLessThan(60_000);
      expect(JSON.stringify(res.body)).not.toContain(u.password);
      expect(JSON.stringify(res.body)).not.toContain('wrong password');
    });

    it('records a disabled user as a failure; X-Forwarded-For is ignored by default', async () => {
      const u = (await api.createUser()) as TestUser;
      await api.patch(`/users/${u.id}`, admin, { user: { enabled: false } });
      expectKeystoneError(
        await login(passwordAuth({ id: u.id }, u.password), { 'X-Forwarded-For': '203.0.113.9' }),
        401,
      );
      await api.patch(`/users/${u.id}`, admin, { user: { enabled: true } });
      const list = (await signIns(u.id, admin)).body.sign_ins;
      expect(list).toEqual([
        expect.objectContaining({ method: 'password', success: false, source_address: '127.0.0.1' }),
      ]);
    });

    it('records nothing for an unknown user, by id or by name', async () => {
      const before = await signInRows();
      expectKeystoneError(await login(passwordAuth({ id: '0'.repeat(32) }, 'whatever')), 401);
      expectKeystoneError(
        await login(passwordAuth({ name: uniq('ghost'), domain: { name: 'Default' } }, 'whatever')),
        401,
      );
      expectKeystoneError(
        await login(passwordAuth({ name: 'admin', domain: { name: uniq('nodomain') } }, 'whatever')),
        401,
      );
      expect(await signInRows()).toBe(before);
    });

    it('records application-credential sign-ins, successful and failed', async () => {
      const owner = await api.userWithRole('member', projectId);
      const created = await api.post(`/users/${owner.user.id}/application_credentials`, owner.token, {
        application_credential: { name: uniq('ac') },
      });
      expect(created.status).toBe(201);
      const { id, secret } = created.body.application_credential as { id: string; secret: string };
      const appAuth = (s: string) => ({
        auth: { identity: { methods: ['application_credential'], application_credential: { id, secret: s } } },
      });
      expect((await login(appAuth(secret))).status).toBe(201);
      expectKeystoneError(await login(appAuth('wrong secret')), 401);
      const list = (await signIns(owner.user.id, owner.token)).body.sign_ins;
      expect(list.slice(0, 2)).toEqual([
        expect.objectContaining({ method: 'application_credential', success: false, user_agent: UA }),
        expect.objectContaining({ method: 'application_credential', success: true, user_agent: UA }),
      ]);
      // Re-scoping with the token method is not a sign-in.
      const count = list.length;
      const rescoped = await api.issue({
        auth: { identity: { methods: ['token'], token: { id: owner.token } }, scope: { project: { id: projectId } } },
      });
      expect(rescoped.status).toBe(201);
      expect((await signIns(owner.user.id, owner.token)).body.sign_ins).toHaveLength(count);
    });

    it('limit: default 20, at most 100, anything else 400', async () => {
      const u = (await api.createUser()) as TestUser;
      for (let i = 0; i < 22; i += 1) await login(passwordAuth({ id: u.id }, 'wrong password'));
      expect((await signIns(u.id, admin)).body.sign_ins).toHaveLength(20);
      expect((await signIns(u.id, admin, '?limit=1')).body.sign_ins).toHaveLength(1);
      expect((await signIns(u.id, admin, '?limit=100')).body.sign_ins).toHaveLength(22);
      for (const bad of ['0', '101', 'abc', '-1', '1.5', ''])
        expectKeystoneError(await signIns(u.id, admin, `?limit=${bad}`), 400);
    });

    it("403 for another user's activity as a member; admin may; 404 for an unknown user; 401 without a token", async () => {
      expectKeystoneError(await signIns(reader.user.id, member.token), 403);
      expect((await signIns(reader.user.id, admin)).status).toBe(200);
      expect((await signIns(member.user.id, member.token)).status).toBe(200);
      expectKeystoneError(await signIns('0'.repeat(32), admin), 404);
      expectKeystoneError(await api.get(`/OS-XLOUD/users/${member.user.id}/sign-ins`), 401);
    });

    it('deleting the user deletes its activity', async () => {
      const u = (await api.createUser()) as TestUser;
      await login(passwordAuth({ id: u.id }, u.password));
      await login(passwordAuth({ id: u.id }, 'wrong password'));
      expect(await signInRows(u.id)).toBe(2);
      expect((await api.delete(`/users/${u.id}`, admin)).status).toBe(204);
      expect(await signInRows(u.id)).toBe(0);
    });
  });

  describe('sign-in activity under security compliance', () => {
    let strict: TestServer;
    let strictApi: ApiClient;

    beforeAll(async () => {
      strict = await startTestServer({
        database,
        config: { security_compliance: { lockout_failure_attempts: '2', lockout_duration: '600' } },
      });
      strictApi = new ApiClient(strict);
    });

    afterAll(async () => {
      await strict?.close();
    });

    it('records a locked-out account and an expired password as failures', async () => {
      const admin2 = await strictApi.adminToken();
      const locked = (await strictApi.createUser()) as TestUser;
      for (const password of ['wrong password', 'wrong password', locked.password]) {
        expectKeystoneError(await strictApi.issue(passwordAuth({ id: locked.id }, password)), 401);
      }
      const lockedList = (await strictApi.get<SignInList>(`/OS-XLOUD/users/${locked.id}/sign-ins`, admin2)).body
        .sign_ins;
      expect(lockedList.map((s) => [s.method, s.success])).toEqual([
        ['password', false],
        ['password', false],
        ['password', false],
      ]);

      const expired = (await strictApi.createUser()) as TestUser;
      // As if [security_compliance] password_expires_days had run out (the clock is not ours to move over HTTP).
      await strict.container.database.db
        .updateTable('identity_user')
        .set({ password_expires_at: '2000-01-01T00:00:00.000Z' })
        .where('id', '=', expired.id)
        .execute();
      const res = await strictApi.issue(passwordAuth({ id: expired.id }, expired.password));
      expectKeystoneError(res, 401);
      expect(res.body.error.message).toContain('expired');
      const expiredList = (await strictApi.get<SignInList>(`/OS-XLOUD/users/${expired.id}/sign-ins`, admin2)).body
        .sign_ins;
      expect(expiredList).toEqual([expect.objectContaining({ method: 'password', success: false })]);
    });
  });

  describe('DELETE /v3/OS-XLOUD/users/{user_id}/tokens', () => {
    const validate = (token: string): Promise<ApiResponse> =>
      api.get('/auth/tokens', admin, { 'X-Subject-Token': token });

    it("revokes every token of the user, the caller's own included; a new sign-in works afterwards", async () => {
      const me = await api.userWithRole('member', projectId);
      const unscoped = await api.token({ id: me.user.id }, me.user.password, 'unscoped');
      expect((await validate(me.token)).status).toBe(200);
      expect((await validate(unscoped)).status).toBe(200);
      expect((await api.delete(`/OS-XLOUD/users/${me.user.id}/tokens`, me.token)).status).toBe(204);
      // Straight after the answer, not a second later: the event's whole second is over by then.
      const fresh = await api.token({ id: me.user.id }, me.user.password, { project: { id: projectId } });
      expectKeystoneError(await validate(me.token), 404);
      expectKeystoneError(await validate(unscoped), 404);
      expectKeystoneError(await api.get(`/users/${me.user.id}`, me.token), 401);
      const events = (await api.get('/OS-REVOKE/events', admin)).body.events as Array<{ user_id?: string }>;
      expect(events.some((e) => e.user_id === me.user.id)).toBe(true);
      expect((await validate(fresh)).status).toBe(200);
    });

    it("member: 403 for another user's tokens (which stay valid); admin may; 404 for an unknown user", async () => {
      const victim = await api.userWithRole('member', projectId);
      expectKeystoneError(await api.delete(`/OS-XLOUD/users/${victim.user.id}/tokens`, member.token), 403);
      expect((await validate(victim.token)).status).toBe(200);
      expect((await api.delete(`/OS-XLOUD/users/${victim.user.id}/tokens`, admin)).status).toBe(204);
      expectKeystoneError(await validate(victim.token), 404);
      expectKeystoneError(await api.delete(`/OS-XLOUD/users/${'0'.repeat(32)}/tokens`, admin), 404);
      expectKeystoneError(await api.delete(`/OS-XLOUD/users/${victim.user.id}/tokens`), 401);
    });
  });
});

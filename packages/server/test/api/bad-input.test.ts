/**
 * Bad input over HTTP: malformed JSON, wrong types, missing or extra attributes, oversized bodies,
 * unknown auth methods and ids. Each must give the right 4xx with a Keystone error body, never a 500,
 * and a failed write must leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  isExternalTarget,
  passwordAuth,
  startApiTarget,
  uniq,
  type ApiResponse,
  type ApiTarget,
} from './api-client.ts';

/** The reference Keystone runs under uWSGI, which resets the connection instead of letting sizelimit answer 413. */
const canCheck413 = !isExternalTarget();

describe.each(DATABASES)('bad input (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    target = await startApiTarget(database);
    api = new ApiClient(target);
    admin = await api.adminToken();
  });

  afterAll(async () => {
    await target?.close();
  });

  const raw = (method: string, path: string, rawBody: string, token?: string, contentType = 'application/json') =>
    api.request(method, path, { token, rawBody, headers: { 'Content-Type': contentType } });

  const countUsers = async (name: string) =>
    (await api.get(`/users?name=${encodeURIComponent(name)}`, admin)).body.users.length;

  describe('malformed JSON → 400', () => {
    for (const [path, withToken] of [
      ['/auth/tokens', false],
      ['/users', true],
      ['/projects', true],
      ['/domains', true],
      ['/roles', true],
    ] as const) {
      it(`POST ${path}`, async () => {
        const res = await raw('POST', path, '{"broken": ', withToken ? admin : undefined);
        expectKeystoneError(res, 400);
      });
    }

    it('PATCH /users/{id} with malformed JSON → 400 and the user unchanged', async () => {
      const u = await api.createUser({ description: 'before' });
      expectKeystoneError(await raw('PATCH', `/users/${u.id}`, '{"user": {"description": "after"', admin), 400);
      expect((await api.get(`/users/${u.id}`, admin)).body.user.description).toBe('before');
    });
  });

  describe('schema violations → 400, nothing written', () => {
    it('user name of the wrong type', async () => {
      const res = await api.post('/users', admin, { user: { name: 123, password: 'pw-123456' } });
      expectKeystoneError(res, 400);
      expect(await countUsers('123')).toBe(0);
    });

    it('user without a name; body without the member key; non-object bodies', async () => {
      expectKeystoneError(await api.post('/users', admin, { user: { password: 'pw' } }), 400);
      expectKeystoneError(await api.post('/users', admin, { name: uniq('u') }), 400);
      expectKeystoneError(await api.post('/users', admin, { user: 'alice' }), 400);
      expectKeystoneError(await raw('POST', '/users', '[]', admin), 400);
      expectKeystoneError(await raw('POST', '/users', 'null', admin), 400);
    });

    it('user enabled of the wrong type, name too long', async () => {
      const name = uniq('u');
      expectKeystoneError(await api.post('/users', admin, { user: { name, enabled: 'yes' } }), 400);
      expect(await countUsers(name)).toBe(0);
      expectKeystoneError(await api.post('/users', admin, { user: { name: 'n'.repeat(256) } }), 400);
    });

    it('project name of the wrong type / missing; enabled not boolean; tags not a list', async () => {
      expectKeystoneError(await api.post('/projects', admin, { project: { name: 42 } }), 400);
      expectKeystoneError(await api.post('/projects', admin, { project: {} }), 400);
      const name = uniq('p');
      expectKeystoneError(await api.post('/projects', admin, { project: { name, enabled: 'true' } }), 400);
      expectKeystoneError(await api.post('/projects', admin, { project: { name, tags: 'a,b' } }), 400);
      expect((await api.get(`/projects?name=${name}`, admin)).body.projects).toEqual([]);
    });

    it('domain and role without names', async () => {
      expectKeystoneError(await api.post('/domains', admin, { domain: {} }), 400);
      expectKeystoneError(await api.post('/domains', admin, { domain: { name: ['x'] } }), 400);
      expectKeystoneError(await api.post('/roles', admin, { role: {} }), 400);
      expectKeystoneError(await api.post('/groups', admin, { group: { description: 'no name' } }), 400);
    });

    it('PATCH with a wrong type leaves the resource unchanged', async () => {
      const p = await api.createProject({ description: 'before' });
      expectKeystoneError(
        await api.patch(`/projects/${p.id}`, admin, { project: { description: 'after', enabled: 'no' } }),
        400,
      );
      const after = (await api.get(`/projects/${p.id}`, admin)).body.project;
      expect(after).toMatchObject({ description: 'before', enabled: true });
    });

    it('application credential: extra attribute, wrong types, bad expires_at → 400, nothing created', async () => {
      const { user, token } = await api.userWithRole('member');
      const path = `/users/${user.id}/application_credentials`;
      const name = uniq('ac');
      expectKeystoneError(await api.post(path, token, { application_credential: { name, bogus: true } }), 400);
      expectKeystoneError(await api.post(path, token, { application_credential: { name: 7 } }), 400);
      expectKeystoneError(await api.post(path, token, { application_credential: { name, unrestricted: 'yes' } }), 400);
      expectKeystoneError(await api.post(path, token, { application_credential: { name, roles: 'member' } }), 400);
      expectKeystoneError(
        await api.post(path, token, { application_credential: { name, expires_at: 'not-a-date' } }),
        400,
      );
      expectKeystoneError(await api.post(path, token, { application_credential: {} }), 400);
      expect((await api.get(`${path}?name=${name}`, token)).body.application_credentials).toEqual([]);
    });

    it('auth body: missing identity, methods not a list, two scopes → 400', async () => {
      expectKeystoneError(await api.post('/auth/tokens', undefined, {}), 400);
      expectKeystoneError(await api.post('/auth/tokens', undefined, { auth: {} }), 400);
      expectKeystoneError(
        await api.post('/auth/tokens', undefined, { auth: { identity: { methods: 'password' } } }),
        400,
      );
      const body = passwordAuth({ name: 'admin', domain: { name: 'Default' } }, api.adminPassword) as any;
      body.auth.scope = { project: { name: 'admin', domain: { name: 'Default' } }, domain: { name: 'Default' } };
      expectKeystoneError(await api.post('/auth/tokens', undefined, body), 400);
      const noDomain = {
        auth: {
          identity: { methods: ['password'], password: { user: { name: 'admin', password: api.adminPassword } } },
        },
      };
      const res = await api.post('/auth/tokens', undefined, noDomain);
      expect(res.status).not.toBe(201);
      expect(res.status).toBeLessThan(500);
    });
  });

  describe.runIf(canCheck413)('oversized bodies → 413', () => {
    it('a 200 KB user create is refused and nothing is created', async () => {
      const name = uniq('big');
      const res = await api.post('/users', admin, { user: { name, description: 'x'.repeat(200 * 1024) } });
      expectKeystoneError(res, 413);
      expect(await countUsers(name)).toBe(0);
    });

    it('a 200 KB auth request is refused', async () => {
      const body = passwordAuth({ name: 'admin', domain: { name: 'Default' } }, 'p'.repeat(200 * 1024));
      const res = await api.post('/auth/tokens', undefined, body);
      expectKeystoneError(res, 413);
    });
  });

  describe('authentication input', () => {
    it('unknown auth method → 401', async () => {
      const res = await api.post('/auth/tokens', undefined, { auth: { identity: { methods: ['bogus'], bogus: {} } } });
      expectKeystoneError(res, 401);
      expect(res.headers.get('x-subject-token')).toBeNull();
    });

    it('a listed method without its section → 400', async () => {
      const res = await api.post('/auth/tokens', undefined, { auth: { identity: { methods: ['password'] } } });
      expectKeystoneError(res, 400);
    });

    it('password of the wrong type / missing user → 400', async () => {
      expectKeystoneError(
        await api.post('/auth/tokens', undefined, {
          auth: { identity: { methods: ['password'], password: { user: { id: 'x', password: 5 } } } },
        }),
        400,
      );
      expectKeystoneError(
        await api.post('/auth/tokens', undefined, { auth: { identity: { methods: ['password'], password: {} } } }),
        400,
      );
    });

    it('scope to an unknown project / domain → 401', async () => {
      const u = await api.createUser();
      expectKeystoneError(
        await api.issue(passwordAuth({ id: u.id }, u.password, { project: { id: 'f'.repeat(32) } })),
        401,
      );
      expectKeystoneError(
        await api.issue(passwordAuth({ id: u.id }, u.password, { domain: { id: 'f'.repeat(32) } })),
        401,
      );
    });
  });

  describe('non-existent ids → 404', () => {
    const missing = '0123456789abcdef0123456789abcdef';
    for (const path of ['users', 'projects', 'domains', 'roles', 'groups', 'regions', 'services', 'endpoints']) {
      it(`GET/PATCH/DELETE /${path}/<missing>`, async () => {
        expectKeystoneError(await api.get(`/${path}/${missing}`, admin), 404);
        const member = path.slice(0, -1);
        expectKeystoneError(await api.patch(`/${path}/${missing}`, admin, { [member]: { description: 'x' } }), 404);
        expectKeystoneError(await api.delete(`/${path}/${missing}`, admin), 404);
      });
    }

    it('sub-resources of missing parents', async () => {
      expectKeystoneError(await api.get(`/projects/${missing}/tags`, admin), 404);
      expectKeystoneError(await api.get(`/users/${missing}/groups`, admin), 404);
      expectKeystoneError(await api.put(`/groups/${missing}/users/${missing}`, admin), 404);
      expectKeystoneError(await api.get(`/roles/${missing}/implies`, admin), 404);
      const u = await api.createUser();
      const token = await api.token({ id: u.id }, u.password);
      const pw = await api.post(`/users/${missing}/password`, token, {
        user: { original_password: 'a', password: 'b' },
      });
      expect([401, 404]).toContain(pw.status);
      expectKeystoneError(pw, pw.status);
    });

    it('unsupported method on a known route → 405', async () => {
      expect((await api.post('/role_inferences', admin, {})).status).toBe(405);
      expect((await api.request('PUT', '/users', { token: admin, body: { user: {} } })).status).toBe(405);
    });

    it('unknown route → JSON 404', async () => {
      const res = await api.get('/no-such-collection', admin);
      expect(res.status).toBe(404);
    });
  });

  describe('values the database cannot hold are 4xx, not 500 (PostgreSQL is strict where SQLite is not)', () => {
    it('NUL bytes in ids → 404', async () => {
      expectKeystoneError(await api.get('/users/%00', admin), 404);
      expectKeystoneError(await api.get('/projects/a%00b', admin), 404);
      expectKeystoneError(await api.get('/domains/%00', admin), 404);
    });

    it('a 300-char region id → 400, nothing created', async () => {
      const id = uniq('r').padEnd(300, 'r');
      expectKeystoneError(await api.put(`/regions/${id}`, admin, { region: {} }), 400);
      expectKeystoneError(await api.post('/regions', admin, { region: { id } }), 400);
      const regions = (await api.get('/regions', admin)).body.regions.map((r: any) => r.id);
      expect(regions).not.toContain(id);
    });

    it('a 312-char email (Keystone keeps email in extra, unbounded) is stored (201), not a 500', async () => {
      const email = `${'e'.repeat(300)}@example.com`;
      const u = await api.post('/users', admin, { user: { name: uniq('longmail'), email } });
      expect(u.status).toBe(201);
      expect((await api.get(`/users/${u.body.user.id}`, admin)).body.user.email).toBe(email);
    });

    it("access rules at Keystone's length limits are stored (201); one over → 400", async () => {
      const { user, token } = await api.userWithRole('member');
      // Keystone's limits: service ≤ 64, path ≤ 128 characters
      const rule = { service: 's'.repeat(64), method: 'GET', path: `/${'p'.repeat(127)}` };
      const ac = await api.post(`/users/${user.id}/application_credentials`, token, {
        application_credential: { name: uniq('ac'), access_rules: [rule] },
      });
      expect(ac.status).toBe(201);
      expect(ac.body.application_credential.access_rules[0]).toMatchObject(rule);
      const tooLong = { ...rule, service: 's'.repeat(65) };
      expectKeystoneError(
        await api.post(`/users/${user.id}/application_credentials`, token, {
          application_credential: { name: uniq('ac'), access_rules: [tooLong] },
        }),
        400,
      );
      const pathTooLong = { ...rule, path: `/${'p'.repeat(128)}` };
      expectKeystoneError(
        await api.post(`/users/${user.id}/application_credentials`, token, {
          application_credential: { name: uniq('ac'), access_rules: [pathTooLong] },
        }),
        400,
      );
    });

    it('over-long names → 400', async () => {
      expectKeystoneError(await api.post('/roles', admin, { role: { name: 'r'.repeat(300) } }), 400);
      expectKeystoneError(await api.post('/groups', admin, { group: { name: 'g'.repeat(300) } }), 400);
      expectKeystoneError(await api.post('/projects', admin, { project: { name: 'p'.repeat(300) } }), 400);
      expectKeystoneError(await api.post('/domains', admin, { domain: { name: 'd'.repeat(300) } }), 400);
      expectKeystoneError(await api.post('/services', admin, { service: { type: 't'.repeat(300) } }), 400);
      const p = await api.createProject();
      expectKeystoneError(await api.put(`/projects/${p.id}/tags/${'t'.repeat(300)}`, admin), 400);
    });
  });

  describe('never a 500', () => {
    const odd: Array<[string, string, unknown?]> = [
      ['GET', '/users?enabled=maybe'],
      ['GET', '/projects?enabled=&domain_id='],
      ['GET', `/users/${'a'.repeat(300)}`],
      ['GET', '/users/%00'],
      ['GET', `/projects/${encodeURIComponent('ünïcödé')}`],
      ['GET', '/role_assignments?scope.project.id=nope&scope.domain.id=nope'],
      ['GET', '/role_assignments?effective&group.id=x'],
      ['GET', '/users?password_expires_at=bogus:2020'],
      ['GET', '/OS-REVOKE/events?since=yesterday'],
      ['PUT', '/projects/x/tags', { tags: 'nope' }],
      ['PUT', `/regions/${'r'.repeat(300)}`, { region: {} }],
      ['POST', '/endpoints', { endpoint: { url: 5 } }],
      ['PATCH', '/users/x', { user: null }],
      ['POST', '/auth/tokens', { auth: { identity: { methods: ['token'], token: { id: 5 } } } }],
      [
        'POST',
        '/auth/tokens',
        { auth: { identity: { methods: ['application_credential'], application_credential: { secret: 'x' } } } },
      ],
      [
        'POST',
        '/auth/tokens',
        {
          auth: {
            identity: { methods: ['password'], password: { user: { name: 'admin', domain: {}, password: 'x' } } },
          },
        },
      ],
    ];
    for (const [method, path, body] of odd) {
      it(`${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`, async () => {
        const res: ApiResponse = await api.request(method, path, { token: admin, body });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && res.body?.error) expectKeystoneError(res, res.status);
      });
    }

    it('a text/plain body is refused with a 4xx', async () => {
      const res = await raw('POST', '/users', '{"user": {"name": "x"}}', admin, 'text/plain');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
  });
});

/**
 * Identity resources over HTTP: domains, projects (hierarchy, tags, filters), users (passwords, self-service
 * change, disable), groups and membership, roles and implied roles, grants (project/domain/system/OS-INHERIT),
 * role assignments, and the catalog (regions, services, endpoints).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  passwordAuth,
  startApiTarget,
  uniq,
  type StartedApiTarget,
} from './api-client.ts';

const roleNames = (roles: Array<{ name: string }>) => roles.map((r) => r.name).sort();

describe.each(DATABASES)('identity resources (%s)', (database) => {
  let target: StartedApiTarget;
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

  const validate = (token: string) => api.get('/auth/tokens?nocatalog', admin, { 'X-Subject-Token': token });

  describe('domains', () => {
    it('create / get / list by name / patch', async () => {
      const name = uniq('dom');
      const res = await api.post('/domains', admin, { domain: { name, description: 'first' } });
      expect(res.status).toBe(201);
      const d = res.body.domain;
      expect(d).toMatchObject({ name, description: 'first', enabled: true });
      expect(d.id).toMatch(/^[0-9a-f]{32}$/);
      expect(d.links.self).toMatch(new RegExp(`/v3/domains/${d.id}$`));

      const get = await api.get(`/domains/${d.id}`, admin);
      expect(get.status).toBe(200);
      expect(get.body.domain).toMatchObject({ id: d.id, name, description: 'first', enabled: true });

      const list = await api.get(`/domains?name=${name}`, admin);
      expect(list.status).toBe(200);
      expect(list.body.domains.map((x: any) => x.id)).toEqual([d.id]);

      const patch = await api.patch(`/domains/${d.id}`, admin, { domain: { description: 'second' } });
      expect(patch.status).toBe(200);
      expect(patch.body.domain.description).toBe('second');
      expect((await api.get(`/domains/${d.id}`, admin)).body.domain.description).toBe('second');
    });

    it('duplicate domain name → 409', async () => {
      const d = await api.createDomain();
      expectKeystoneError(await api.post('/domains', admin, { domain: { name: d.name } }), 409);
    });

    it('deleting an enabled domain → 403; disable then delete → 204, then 404', async () => {
      const d = await api.createDomain();
      expectKeystoneError(await api.delete(`/domains/${d.id}`, admin), 403);
      expect((await api.get(`/domains/${d.id}`, admin)).status).toBe(200);
      expect((await api.patch(`/domains/${d.id}`, admin, { domain: { enabled: false } })).status).toBe(200);
      expect((await api.delete(`/domains/${d.id}`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/domains/${d.id}`, admin), 404);
    });

    it('enabled filter on domains', async () => {
      const d = await api.createDomain({ enabled: false });
      const disabled = await api.get('/domains?enabled=false', admin);
      expect(disabled.body.domains.map((x: any) => x.id)).toContain(d.id);
      for (const x of disabled.body.domains) expect(x.enabled).toBe(false);
      const enabled = await api.get('/domains?enabled=true', admin);
      expect(enabled.body.domains.map((x: any) => x.id)).not.toContain(d.id);
      expect(enabled.body.domains.map((x: any) => x.id)).toContain('default');
    });
  });

  describe('projects', () => {
    it('create with parent_id; child shows parent_id, domain_id and is_domain false', async () => {
      const parent = await api.createProject();
      expect(parent).toMatchObject({ domain_id: 'default', parent_id: 'default', is_domain: false, enabled: true });
      const res = await api.post('/projects', admin, { project: { name: uniq('child'), parent_id: parent.id } });
      expect(res.status).toBe(201);
      expect(res.body.project).toMatchObject({ parent_id: parent.id, domain_id: 'default', is_domain: false });
      const get = await api.get(`/projects/${res.body.project.id}`, admin);
      expect(get.body.project.parent_id).toBe(parent.id);
      const children = await api.get(`/projects?parent_id=${parent.id}`, admin);
      expect(children.body.projects.map((p: any) => p.id)).toEqual([res.body.project.id]);
    });

    it('parent in another domain and no domain_id → 400 (domain_id defaults to the token domain, not the parent)', async () => {
      const dom = await api.createDomain();
      const parent = await api.createProject({ domain_id: dom.id });
      const name = uniq('cross');
      const res = await api.post('/projects', admin, { project: { name, parent_id: parent.id } });
      expectKeystoneError(res, 400);
      expect((await api.get(`/projects?name=${name}`, admin)).body.projects).toEqual([]);
      // with the matching domain_id it is fine
      const ok = await api.post('/projects', admin, { project: { name, parent_id: parent.id, domain_id: dom.id } });
      expect(ok.status).toBe(201);
      expect(ok.body.project).toMatchObject({ domain_id: dom.id, parent_id: parent.id });
    });

    it('a project with is_domain true is a domain', async () => {
      const name = uniq('isdom');
      const res = await api.post('/projects', admin, { project: { name, is_domain: true } });
      expect(res.status).toBe(201);
      expect(res.body.project.is_domain).toBe(true);
      const dom = await api.get(`/domains/${res.body.project.id}`, admin);
      expect(dom.status).toBe(200);
      expect(dom.body.domain.name).toBe(name);
    });

    it('filters: name, enabled, domain_id', async () => {
      const dom = await api.createDomain();
      const a = await api.createProject({ domain_id: dom.id });
      const b = await api.createProject({ domain_id: dom.id, enabled: false });
      const byDomain = await api.get(`/projects?domain_id=${dom.id}`, admin);
      expect(byDomain.status).toBe(200);
      expect(byDomain.body.projects.map((p: any) => p.id).sort()).toEqual([a.id, b.id].sort());
      const byName = await api.get(`/projects?name=${a.name}`, admin);
      expect(byName.body.projects.map((p: any) => p.id)).toEqual([a.id]);
      const disabled = await api.get(`/projects?domain_id=${dom.id}&enabled=false`, admin);
      expect(disabled.body.projects.map((p: any) => p.id)).toEqual([b.id]);
      const enabled = await api.get(`/projects?domain_id=${dom.id}&enabled=true`, admin);
      expect(enabled.body.projects.map((p: any) => p.id)).toEqual([a.id]);
    });

    it('duplicate name in the same domain → 409; same name in another domain is fine', async () => {
      const p = await api.createProject();
      expectKeystoneError(await api.post('/projects', admin, { project: { name: p.name, domain_id: 'default' } }), 409);
      const dom = await api.createDomain();
      expect((await api.post('/projects', admin, { project: { name: p.name, domain_id: dom.id } })).status).toBe(201);
    });

    it('deleting a project with children → 403; leaf delete → 204 then 404', async () => {
      const parent = await api.createProject();
      const child = await api.createProject({ parent_id: parent.id });
      expectKeystoneError(await api.delete(`/projects/${parent.id}`, admin), 403);
      expect((await api.get(`/projects/${parent.id}`, admin)).status).toBe(200);
      expect((await api.delete(`/projects/${child.id}`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/projects/${child.id}`, admin), 404);
      expect((await api.delete(`/projects/${parent.id}`, admin)).status).toBe(204);
    });

    it('tags: create with tags, PUT list, PUT/GET/DELETE single, DELETE all, ?tags filter', async () => {
      const p = await api.createProject({ tags: ['alpha'] });
      expect(p.tags).toEqual(['alpha']);
      const put = await api.put(`/projects/${p.id}/tags`, admin, { tags: ['one', 'two'] });
      expect(put.status).toBe(200);
      expect([...put.body.tags].sort()).toEqual(['one', 'two']);
      const list = await api.get(`/projects/${p.id}/tags`, admin);
      expect(list.status).toBe(200);
      expect([...list.body.tags].sort()).toEqual(['one', 'two']);
      // As Keystone: `self` alone, and it is the v3 root (plus the query string), not the tags' path.
      expect(put.body.links).toEqual({ self: api.url('') });
      expect(list.body.links).toEqual({ self: api.url('') });
      expect((await api.get(`/projects/${p.id}/tags?x=1`, admin)).body.links).toEqual({ self: api.url('?x=1') });

      const add = await api.put(`/projects/${p.id}/tags/three`, admin);
      expect(add.status).toBe(201);
      expect((await api.get(`/projects/${p.id}/tags/three`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/projects/${p.id}/tags/absent`, admin), 404);

      const filtered = await api.get('/projects?tags=three', admin);
      expect(filtered.body.projects.map((x: any) => x.id)).toEqual([p.id]);

      expect((await api.delete(`/projects/${p.id}/tags/three`, admin)).status).toBe(204);
      expect((await api.get(`/projects/${p.id}/tags/three`, admin)).status).toBe(404);
      expect((await api.get(`/projects/${p.id}`, admin)).body.project.tags.sort()).toEqual(['one', 'two']);

      expect((await api.delete(`/projects/${p.id}/tags`, admin)).status).toBe(204);
      expect((await api.get(`/projects/${p.id}/tags`, admin)).body.tags).toEqual([]);
    });
  });

  describe('users', () => {
    it('create with a password (never echoed) then log in', async () => {
      const name = uniq('user');
      const res = await api.post('/users', admin, {
        user: { name, password: 'first-password', domain_id: 'default', email: 'a@example.com' },
      });
      expect(res.status).toBe(201);
      const u = res.body.user;
      expect(u).toMatchObject({
        name,
        domain_id: 'default',
        enabled: true,
        email: 'a@example.com',
        password_expires_at: null,
      });
      expect(u).not.toHaveProperty('password');
      expect(res.text).not.toContain('first-password');
      expect((await api.issue(passwordAuth({ id: u.id }, 'first-password'))).status).toBe(201);
      const get = await api.get(`/users/${u.id}`, admin);
      expect(get.body.user).not.toHaveProperty('password');
      const list = await api.get(`/users?name=${name}`, admin);
      expect(list.body.users.map((x: any) => x.id)).toEqual([u.id]);
    });

    it('duplicate user name in a domain → 409', async () => {
      const u = await api.createUser();
      expectKeystoneError(await api.post('/users', admin, { user: { name: u.name, domain_id: 'default' } }), 409);
    });

    it('admin password update: old tokens revoked, old password fails, new works', async () => {
      const u = await api.createUser();
      const old = await api.token({ id: u.id }, u.password);
      expect((await validate(old)).status).toBe(200);
      // The token is from an earlier second than the change: the event must reach back, not only match its own second.
      await target.passTime(1100);
      const patch = await api.patch(`/users/${u.id}`, admin, { user: { password: 'new-password-1' } });
      expect(patch.status).toBe(200);
      expect(patch.text).not.toContain('new-password-1');
      expect((await validate(old)).status).toBe(404);
      expectKeystoneError(await api.issue(passwordAuth({ id: u.id }, u.password)), 401);
      expect((await api.issue(passwordAuth({ id: u.id }, 'new-password-1'))).status).toBe(201);
    });

    it('self-service POST /users/{id}/password: 204, old password fails, new works', async () => {
      const u = await api.createUser();
      const token = await api.token({ id: u.id }, u.password);
      const res = await api.post(`/users/${u.id}/password`, token, {
        user: { original_password: u.password, password: 'changed-password-2' },
      });
      expect(res.status).toBe(204);
      expectKeystoneError(await api.issue(passwordAuth({ id: u.id }, u.password)), 401);
      expect((await api.issue(passwordAuth({ id: u.id }, 'changed-password-2'))).status).toBe(201);
    });

    it('self-service change with a wrong original password → 401 and the password is unchanged', async () => {
      const u = await api.createUser();
      const token = await api.token({ id: u.id }, u.password);
      const res = await api.post(`/users/${u.id}/password`, token, {
        user: { original_password: 'wrong', password: 'changed-password-3' },
      });
      expectKeystoneError(res, 401);
      expect((await api.issue(passwordAuth({ id: u.id }, u.password))).status).toBe(201);
      expectKeystoneError(await api.issue(passwordAuth({ id: u.id }, 'changed-password-3')), 401);
    });

    it('disabling a user revokes its tokens', async () => {
      const u = await api.createUser();
      const token = await api.token({ id: u.id }, u.password);
      expect((await validate(token)).status).toBe(200);
      expect((await api.patch(`/users/${u.id}`, admin, { user: { enabled: false } })).status).toBe(200);
      expect((await validate(token)).status).toBe(404);
      expectKeystoneError(await api.get('/auth/projects', token), 401);
      const listed = await api.get(`/users?enabled=false&name=${u.name}`, admin);
      expect(listed.body.users.map((x: any) => x.id)).toEqual([u.id]);
    });

    it('deleting a user: 204, tokens invalid, GET 404', async () => {
      const u = await api.createUser();
      const token = await api.token({ id: u.id }, u.password);
      expect((await api.delete(`/users/${u.id}`, admin)).status).toBe(204);
      expect((await validate(token)).status).toBe(404);
      expectKeystoneError(await api.get(`/users/${u.id}`, admin), 404);
    });
  });

  describe('groups', () => {
    it('membership: add, check, list both ways, roles via group, remove', async () => {
      const g = await api.createGroup();
      expect(g).toMatchObject({ domain_id: 'default' });
      const u = await api.createUser();
      const project = await api.createProject();
      expect((await api.put(`/groups/${g.id}/users/${u.id}`, admin)).status).toBe(204);
      expect((await api.head(`/groups/${g.id}/users/${u.id}`, admin)).status).toBe(204);
      expect((await api.get(`/groups/${g.id}/users/${u.id}`, admin)).status).toBe(204);
      const members = await api.get(`/groups/${g.id}/users`, admin);
      expect(members.body.users.map((x: any) => x.id)).toEqual([u.id]);
      const groups = await api.get(`/users/${u.id}/groups`, admin);
      expect(groups.body.groups.map((x: any) => x.id)).toEqual([g.id]);

      await api.grant({ group: g.id }, { project: project.id }, 'member');
      const t = await api.issue(passwordAuth({ id: u.id }, u.password, { project: { id: project.id } }));
      expect(t.status).toBe(201);
      expect(roleNames(t.body.token.roles)).toEqual(['member', 'reader']);
      const projects = await api.get('/auth/projects', t.tokenId);
      expect(projects.body.projects.map((p: any) => p.id)).toEqual([project.id]);

      expect((await api.delete(`/groups/${g.id}/users/${u.id}`, admin)).status).toBe(204);
      expect((await api.head(`/groups/${g.id}/users/${u.id}`, admin)).status).toBe(404);
      expect((await validate(t.tokenId)).status).toBe(404);
      expectKeystoneError(
        await api.issue(passwordAuth({ id: u.id }, u.password, { project: { id: project.id } })),
        401,
      );
    });

    it('duplicate group name → 409; unknown group → 404', async () => {
      const g = await api.createGroup();
      expectKeystoneError(await api.post('/groups', admin, { group: { name: g.name, domain_id: 'default' } }), 409);
      expectKeystoneError(await api.get(`/groups/${'0'.repeat(32)}`, admin), 404);
    });
  });

  describe('roles and implied roles', () => {
    it('create, duplicate → 409, get, patch, delete', async () => {
      const r = await api.createRole({ description: 'd1' });
      expect(r.id).toMatch(/^[0-9a-f]{32}$/);
      expect(r).toMatchObject({ description: 'd1', domain_id: null });
      expectKeystoneError(await api.post('/roles', admin, { role: { name: r.name } }), 409);
      expect((await api.get(`/roles/${r.id}`, admin)).body.role.name).toBe(r.name);
      expect((await api.patch(`/roles/${r.id}`, admin, { role: { description: 'd2' } })).body.role.description).toBe(
        'd2',
      );
      expect((await api.delete(`/roles/${r.id}`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/roles/${r.id}`, admin), 404);
    });

    it('implied roles: PUT/GET /roles/{prior}/implies/{implied}, list, role_inferences, tokens carry implied roles', async () => {
      const prior = await api.createRole();
      const implied = await api.createRole();
      const put = await api.put(`/roles/${prior.id}/implies/${implied.id}`, admin);
      expect(put.status).toBe(201);
      expect(put.body.role_inference.prior_role.id).toBe(prior.id);
      expect(put.body.role_inference.implies.id).toBe(implied.id);

      expect((await api.get(`/roles/${prior.id}/implies/${implied.id}`, admin)).status).toBe(200);
      expect((await api.head(`/roles/${prior.id}/implies/${implied.id}`, admin)).status).toBe(204);

      const list = await api.get(`/roles/${prior.id}/implies`, admin);
      expect(list.status).toBe(200);
      expect(list.body.role_inference.prior_role.id).toBe(prior.id);
      expect(list.body.role_inference.implies.map((r: any) => r.id)).toEqual([implied.id]);

      const all = await api.get('/role_inferences', admin);
      expect(all.status).toBe(200);
      expect(all.body, 'no links, as in Keystone').not.toHaveProperty('links');
      expect(list.body.links).toEqual({ self: api.url(`/roles/${prior.id}/implies`) });
      const rule = all.body.role_inferences.find((x: any) => x.prior_role.id === prior.id);
      expect(rule.implies.map((r: any) => r.id)).toEqual([implied.id]);
      // bootstrap's chain: member implies reader
      const member = all.body.role_inferences.find((x: any) => x.prior_role.name === 'member');
      expect(member.implies.map((r: any) => r.name)).toContain('reader');

      const u = await api.createUser();
      const project = await api.createProject();
      await api.grant({ user: u.id }, { project: project.id }, prior.id);
      const t = await api.issue(passwordAuth({ id: u.id }, u.password, { project: { id: project.id } }), {
        query: '?nocatalog',
      });
      expect(roleNames(t.body.token.roles)).toEqual([prior.name, implied.name].sort());

      expect((await api.delete(`/roles/${prior.id}/implies/${implied.id}`, admin)).status).toBe(204);
      expect((await api.get(`/roles/${prior.id}/implies/${implied.id}`, admin)).status).toBe(404);
    });
  });

  describe('grants', () => {
    it('project grant: PUT 204, HEAD/GET check 204, list, DELETE 204, then 404', async () => {
      const u = await api.createUser();
      const p = await api.createProject();
      const reader = await api.roleId('reader');
      const path = `/projects/${p.id}/users/${u.id}/roles/${reader}`;
      expect((await api.put(path, admin)).status).toBe(204);
      expect((await api.head(path, admin)).status).toBe(204);
      expect((await api.get(path, admin)).status).toBe(204);
      const list = await api.get(`/projects/${p.id}/users/${u.id}/roles`, admin);
      expect(list.body.roles.map((r: any) => r.id)).toEqual([reader]);
      expect((await api.delete(path, admin)).status).toBe(204);
      expect((await api.head(path, admin)).status).toBe(404);
      expectKeystoneError(await api.delete(path, admin), 404);
    });

    it('grants to unknown role/user/project → 404', async () => {
      const u = await api.createUser();
      const p = await api.createProject();
      const reader = await api.roleId('reader');
      const missing = 'e'.repeat(32);
      expectKeystoneError(await api.put(`/projects/${p.id}/users/${u.id}/roles/${missing}`, admin), 404);
      expectKeystoneError(await api.put(`/projects/${p.id}/users/${missing}/roles/${reader}`, admin), 404);
      expectKeystoneError(await api.put(`/projects/${missing}/users/${u.id}/roles/${reader}`, admin), 404);
    });

    it('domain grant gives a domain-scoped token', async () => {
      const d = await api.createDomain();
      const u = await api.createUser();
      const reader = await api.roleId('reader');
      expect((await api.put(`/domains/${d.id}/users/${u.id}/roles/${reader}`, admin)).status).toBe(204);
      expect((await api.head(`/domains/${d.id}/users/${u.id}/roles/${reader}`, admin)).status).toBe(204);
      const t = await api.issue(passwordAuth({ id: u.id }, u.password, { domain: { id: d.id } }));
      expect(t.status).toBe(201);
      expect(roleNames(t.body.token.roles)).toEqual(['reader']);
    });

    it('system grant: PUT /system/users/{u}/roles/{r}, list, system-scoped token', async () => {
      const u = await api.createUser();
      const reader = await api.roleId('reader');
      expect((await api.put(`/system/users/${u.id}/roles/${reader}`, admin)).status).toBe(204);
      expect((await api.head(`/system/users/${u.id}/roles/${reader}`, admin)).status).toBe(204);
      const list = await api.get(`/system/users/${u.id}/roles`, admin);
      expect(list.body.roles.map((r: any) => r.id)).toEqual([reader]);
      const t = await api.issue(passwordAuth({ id: u.id }, u.password, { system: { all: true } }));
      expect(t.status).toBe(201);
      expect(roleNames(t.body.token.roles)).toEqual(['reader']);
      expect((await api.delete(`/system/users/${u.id}/roles/${reader}`, admin)).status).toBe(204);
      expectKeystoneError(await api.issue(passwordAuth({ id: u.id }, u.password, { system: { all: true } })), 401);
    });

    it('OS-INHERIT: an inherited domain grant gives roles on projects of the domain, not on the domain', async () => {
      const d = await api.createDomain();
      const p = await api.createProject({ domain_id: d.id });
      const u = await api.createUser();
      const member = await api.roleId('member');
      const path = `/OS-INHERIT/domains/${d.id}/users/${u.id}/roles/${member}/inherited_to_projects`;
      expect((await api.put(path, admin)).status).toBe(204);
      expect((await api.head(path, admin)).status).toBe(204);
      const t = await api.issue(passwordAuth({ id: u.id }, u.password, { project: { id: p.id } }));
      expect(t.status).toBe(201);
      expect(roleNames(t.body.token.roles)).toEqual(['member', 'reader']);
      expectKeystoneError(await api.issue(passwordAuth({ id: u.id }, u.password, { domain: { id: d.id } })), 401);
      const listed = await api.get(`/OS-INHERIT/domains/${d.id}/users/${u.id}/roles/inherited_to_projects`, admin);
      expect(listed.status).toBe(200);
      expect(listed.body.roles.map((r: any) => r.id)).toEqual([member]);
    });
  });

  describe('role assignments', () => {
    let user: any;
    let project: any;
    let group: any;

    beforeAll(async () => {
      user = await api.createUser();
      project = await api.createProject();
      group = await api.createGroup();
      await api.grant({ user: user.id }, { project: project.id }, 'member');
      await api.put(`/groups/${group.id}/users/${user.id}`, admin);
      await api.grant({ group: group.id }, { project: project.id }, 'reader');
    });

    it('?user.id lists the direct assignment', async () => {
      const res = await api.get(`/role_assignments?user.id=${user.id}`, admin);
      expect(res.status).toBe(200);
      expect(res.body.role_assignments).toHaveLength(1);
      const a = res.body.role_assignments[0];
      expect(a).toMatchObject({
        user: { id: user.id },
        scope: { project: { id: project.id } },
        role: { id: await api.roleId('member') },
      });
      expect(a.links.assignment).toMatch(new RegExp(`/v3/projects/${project.id}/users/${user.id}/roles/`));
    });

    it('?scope.project.id lists user and group assignments', async () => {
      const res = await api.get(`/role_assignments?scope.project.id=${project.id}`, admin);
      expect(res.status).toBe(200);
      const actors = res.body.role_assignments.map((a: any) => (a.user ? `u:${a.user.id}` : `g:${a.group.id}`)).sort();
      expect(actors).toEqual([`g:${group.id}`, `u:${user.id}`].sort());
    });

    it('?role.id filters by role', async () => {
      const reader = await api.roleId('reader');
      const res = await api.get(`/role_assignments?scope.project.id=${project.id}&role.id=${reader}`, admin);
      expect(res.body.role_assignments).toHaveLength(1);
      expect(res.body.role_assignments[0].group.id).toBe(group.id);
    });

    it('?effective expands groups and implied roles', async () => {
      const res = await api.get(`/role_assignments?effective&user.id=${user.id}&scope.project.id=${project.id}`, admin);
      expect(res.status).toBe(200);
      const ids = new Set(res.body.role_assignments.map((a: any) => a.role.id));
      expect(ids.has(await api.roleId('member'))).toBe(true);
      expect(ids.has(await api.roleId('reader'))).toBe(true);
      for (const a of res.body.role_assignments) {
        expect(a.user.id).toBe(user.id);
        expect(a.group).toBeUndefined();
      }
      // Keystone lists one row per source: member (direct), reader (via the group, with a membership link)
      // and reader (implied by member, with a prior_role link); the two readers are not merged.
      expect(res.body.role_assignments).toHaveLength(3);
      const viaGroup = res.body.role_assignments.find((a: any) => a.links.membership);
      expect(viaGroup?.links.membership).toMatch(new RegExp(`/v3/groups/${group.id}/users/${user.id}$`));
      expect(viaGroup.role.id).toBe(await api.roleId('reader'));
      expect(viaGroup.links.assignment).toMatch(new RegExp(`/v3/projects/${project.id}/groups/${group.id}/roles/`));
      const implied = res.body.role_assignments.find((a: any) => a.links.prior_role);
      expect(implied?.role.id).toBe(await api.roleId('reader'));
      expect(implied.links.assignment).toMatch(
        new RegExp(`/v3/projects/${project.id}/users/${user.id}/roles/${await api.roleId('member')}$`),
      );
    });

    it('?include_names adds names (admin / Default)', async () => {
      const res = await api.get(`/role_assignments?include_names&user.id=${user.id}`, admin);
      expect(res.body.role_assignments[0]).toMatchObject({
        user: { id: user.id, name: user.name, domain: { id: 'default', name: 'Default' } },
        scope: { project: { id: project.id, name: project.name, domain: { id: 'default', name: 'Default' } } },
        role: { name: 'member' },
      });
      const adminAssignments = await api.get('/role_assignments?include_names&scope.system=all', admin);
      expect(adminAssignments.status).toBe(200);
      expect(
        adminAssignments.body.role_assignments.some(
          (a: any) => a.user?.name === 'admin' && a.role.name === 'admin' && a.scope.system?.all === true,
        ),
      ).toBe(true);
    });
  });

  describe('catalog: regions, services, endpoints', () => {
    it('regions: POST, PUT with id, parent_region_id, list filter, delete', async () => {
      const parent = await api.post('/regions', admin, { region: { description: 'parent' } });
      expect(parent.status).toBe(201);
      const parentId = parent.body.region.id;
      expect(parentId).toMatch(/^[0-9a-f]{32}$/);
      const childId = uniq('Region');
      const put = await api.put(`/regions/${childId}`, admin, {
        region: { description: 'child', parent_region_id: parentId },
      });
      expect(put.status).toBe(201);
      expect(put.body.region).toMatchObject({ id: childId, description: 'child', parent_region_id: parentId });
      expect((await api.get(`/regions/${childId}`, admin)).body.region.parent_region_id).toBe(parentId);
      const children = await api.get(`/regions?parent_region_id=${parentId}`, admin);
      expect(children.body.regions.map((r: any) => r.id)).toEqual([childId]);
      expectKeystoneError(await api.put(`/regions/${childId}`, admin, { region: { description: 'again' } }), 409);
      expectKeystoneError(await api.post('/regions', admin, { region: { parent_region_id: 'no-such-region' } }), 404);
      expect((await api.delete(`/regions/${childId}`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/regions/${childId}`, admin), 404);
    });

    it('services and endpoints; bad service_id → 400; catalog reflects endpoint changes', async () => {
      const svc = await api.post('/services', admin, {
        service: { type: uniq('type'), name: uniq('svc'), description: 'test svc' },
      });
      expect(svc.status).toBe(201);
      const s = svc.body.service;
      expect(s).toMatchObject({ enabled: true, description: 'test svc' });
      expect((await api.get(`/services/${s.id}`, admin)).body.service.name).toBe(s.name);
      const patched = await api.patch(`/services/${s.id}`, admin, { service: { description: 'changed' } });
      expect(patched.body.service.description).toBe('changed');

      expectKeystoneError(
        await api.post('/endpoints', admin, {
          endpoint: {
            service_id: 'f'.repeat(32),
            interface: 'public',
            url: 'http://x.example/',
            region_id: 'RegionOne',
          },
        }),
        400,
      );
      expectKeystoneError(
        await api.post('/endpoints', admin, {
          endpoint: { service_id: s.id, interface: 'sideways', url: 'http://x.example/' },
        }),
        400,
      );

      const ep = await api.post('/endpoints', admin, {
        endpoint: { service_id: s.id, interface: 'public', url: 'http://svc.example:9999/v1', region_id: 'RegionOne' },
      });
      expect(ep.status).toBe(201);
      const e = ep.body.endpoint;
      expect(e).toMatchObject({
        service_id: s.id,
        interface: 'public',
        url: 'http://svc.example:9999/v1',
        region_id: 'RegionOne',
        enabled: true,
      });
      const listed = await api.get(`/endpoints?service_id=${s.id}`, admin);
      expect(listed.body.endpoints.map((x: any) => x.id)).toEqual([e.id]);

      const cat1 = await api.get('/auth/catalog', await api.adminToken());
      const entry = cat1.body.catalog.find((c: any) => c.id === s.id);
      expect(entry).toMatchObject({ type: s.type, name: s.name });
      expect(entry.endpoints).toEqual([
        expect.objectContaining({
          id: e.id,
          url: 'http://svc.example:9999/v1',
          interface: 'public',
          region_id: 'RegionOne',
        }),
      ]);

      const newUrl = 'http://svc.example:9999/v2';
      expect((await api.patch(`/endpoints/${e.id}`, admin, { endpoint: { url: newUrl } })).status).toBe(200);
      const tokenCat = await api.issue(
        passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, {
          project: { name: 'admin', domain: { id: 'default' } },
        }),
      );
      expect(tokenCat.body.token.catalog.find((c: any) => c.id === s.id).endpoints[0].url).toBe(newUrl);

      expect((await api.delete(`/endpoints/${e.id}`, admin)).status).toBe(204);
      const cat2 = await api.get('/auth/catalog', admin);
      const after = cat2.body.catalog.find((c: any) => c.id === s.id);
      expect(after === undefined || after.endpoints.length === 0).toBe(true);
      expect((await api.delete(`/services/${s.id}`, admin)).status).toBe(204);
      expectKeystoneError(await api.get(`/services/${s.id}`, admin), 404);
    });
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  IdentityClient,
  NotFoundError,
  PasswordAuth,
  Session,
  type DebugEvent,
  type Domain,
  type Page,
} from '../src/index.ts';
import { adminSession, startServer, unique, type TestServer } from './helpers.ts';

let server: TestServer;
let identity: IdentityClient;
let events: DebugEvent[];
let domain: Domain;

beforeAll(async () => {
  server = await startServer();
  events = [];
  identity = new IdentityClient(adminSession(server, { debug: (e) => events.push(e) }));
  domain = await identity.domains.create({ name: unique('sdk-domain'), description: 'resources test' });
});
afterAll(async () => {
  await server?.close();
});

/** GET requests made while running `fn` whose URL contains `fragment`. */
async function countGets(fragment: string, fn: () => Promise<unknown>): Promise<number> {
  const before = events.length;
  await fn();
  return events.slice(before).filter((e) => e.type === 'request' && e.method === 'GET' && e.url.includes(fragment))
    .length;
}

describe('domains', () => {
  test('create, get, update, find, list by name, delete (after disabling)', async () => {
    const d = await identity.domains.create({ name: unique('d'), description: 'one' });
    expect(d).toMatchObject({ description: 'one', enabled: true });
    expect((await identity.domains.get(d.id)).name).toBe(d.name);
    expect((await identity.domains.update(d.id, { description: 'two' })).description).toBe('two');
    expect((await identity.domains.find(d.name)).id).toBe(d.id);
    expect(await identity.domains.list({ name: d.name })).toHaveLength(1);
    await expect(identity.domains.delete(d.id)).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
    await identity.domains.update(d.id, { enabled: false });
    await identity.domains.delete(d.id);
    await expect(identity.domains.get(d.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('pagination follows links.next', () => {
  test('projects: 7 items, pages of 3 → 3 requests, every item once', async () => {
    const names = Array.from({ length: 7 }, () => unique('page'));
    for (const name of names) await identity.projects.create({ name, domain_id: domain.id });
    let listed: string[] = [];
    const requests = await countGets('/projects', async () => {
      listed = (await identity.projects.list({ domain_id: domain.id, limit: 3 })).map((p) => p.name);
    });
    expect(requests).toBe(3);
    expect(listed.sort()).toEqual([...names].sort());
  });

  test('async iteration stops fetching when the consumer stops', async () => {
    const requests = await countGets('/projects', async () => {
      for await (const p of identity.projects.iterate({ domain_id: domain.id, limit: 2 })) {
        expect(p.domain_id).toBe(domain.id);
        break;
      }
    });
    expect(requests).toBe(1);
  });

  test('users, groups and domains page too', async () => {
    for (let i = 0; i < 5; i++) {
      await identity.users.create({ name: unique('pu'), domain_id: domain.id });
      await identity.groups.create({ name: unique('pg'), domain_id: domain.id });
    }
    expect(
      await countGets('/users', async () =>
        expect(await identity.users.list({ domain_id: domain.id, limit: 2 })).toHaveLength(5),
      ),
    ).toBe(3);
    expect(
      await countGets('/groups', async () =>
        expect(await identity.groups.list({ domain_id: domain.id, limit: 4 })).toHaveLength(5),
      ),
    ).toBe(2);
    const all = await identity.domains.list();
    expect(
      await countGets('/domains', async () =>
        expect(await identity.domains.list({ limit: 1 })).toHaveLength(all.length),
      ),
    ).toBe(all.length);
  });
});

describe('page(): one page at a time, for UIs', () => {
  /** Every page of `fetchPage` until there is no nextMarker; the ids in order, and how many pages it took. */
  async function walk<T extends { id: string }>(
    fetchPage: (marker?: string) => Promise<{ items: T[]; nextMarker?: string }>,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await fetchPage(marker);
      pages++;
      ids.push(...page.items.map((i) => i.id));
      marker = page.nextMarker;
    } while (marker && pages < 50);
    return { ids, pages };
  }

  test('projects, users, groups in a domain; domains: pages in id order, markers from links.next, one GET per page', async () => {
    const d = await identity.domains.create({ name: unique('paged') });
    for (let i = 0; i < 5; i++) {
      await identity.projects.create({ name: unique('pp'), domain_id: d.id });
      await identity.users.create({ name: unique('pu'), domain_id: d.id });
      await identity.groups.create({ name: unique('pg'), domain_id: d.id });
    }
    const first = await identity.projects.page({ domain_id: d.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextMarker).toBe(first.items[1]!.id);
    expect(first.truncated).toBeUndefined();

    const collections: Array<
      [
        string,
        {
          list(f: { domain_id: string }): Promise<Array<{ id: string }>>;
          page(f: { domain_id: string; limit: number; marker?: string }): Promise<Page<{ id: string }>>;
        },
      ]
    > = [
      ['/projects', identity.projects],
      ['/users', identity.users],
      ['/groups', identity.groups],
    ];
    for (const [fragment, collection] of collections) {
      const everything = (await collection.list({ domain_id: d.id })).map((x) => x.id).sort();
      let walked = { ids: [] as string[], pages: 0 };
      const gets = await countGets(fragment, async () => {
        walked = await walk((marker) => collection.page({ domain_id: d.id, limit: 2, marker }));
      });
      expect(walked.ids).toEqual(everything);
      expect(walked.pages).toBe(3);
      expect(gets).toBe(3);
    }
    const domains = (await identity.domains.list()).map((x) => x.id).sort();
    expect((await walk((marker) => identity.domains.page({ limit: 3, marker }))).ids).toEqual(domains);
    // the last page has no marker; a marker past the end gives an empty page
    const last = await identity.projects.page({ domain_id: d.id, limit: 10 });
    expect(last.nextMarker).toBeUndefined();
    expect(await identity.projects.page({ domain_id: d.id, limit: 2, marker: 'zzzzzzzz' })).toEqual({ items: [] });
  });

  test('inexact filters (name__icontains, …) pass through page() and list(), and every next page keeps them', async () => {
    const d = await identity.domains.create({ name: unique('searched') });
    const names = ['Alice_1', 'alice%2', 'ALICE-3', 'malice', 'bob'];
    for (const name of names) await identity.users.create({ name, domain_id: d.id });
    const walked = await walk((marker) =>
      identity.users.page({ domain_id: d.id, name__istartswith: 'alice', limit: 1, marker }),
    );
    expect(walked.pages).toBe(3);
    const byId = new Map((await identity.users.list({ domain_id: d.id })).map((u) => [u.id, u.name]));
    expect(walked.ids.map((id) => byId.get(id)).sort()).toEqual(['ALICE-3', 'Alice_1', 'alice%2']);
    // list() follows links.next: the server's next link must carry the filters (repeated keys with every value)
    const before = events.length;
    const listed = await identity.users.list({ domain_id: d.id, name__contains: ['lice', '%'], limit: 1 });
    expect(listed.map((u) => u.name)).toEqual(['alice%2']);
    const listedAll = await identity.users.list({ domain_id: d.id, name__icontains: 'LICE', limit: 2 });
    expect(listedAll.map((u) => u.name).sort()).toEqual(['ALICE-3', 'Alice_1', 'alice%2', 'malice']);
    const urls = events
      .slice(before)
      .flatMap((e) => (e.type === 'request' && e.url.includes('/users?') ? [new URL(e.url)] : []));
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url.searchParams.get('domain_id')).toBe(d.id);
    expect(
      urls
        .filter((u) => u.searchParams.has('marker'))
        .every((u) => u.searchParams.has('name__contains') || u.searchParams.get('name__icontains') === 'LICE'),
    ).toBe(true);
    expect(await identity.users.page({ domain_id: d.id, name__endswith: 'nobody', limit: 5 })).toEqual({ items: [] });
  });

  test('roles: the server does not page them, so one page holds them all and has no marker', async () => {
    const all = await identity.roles.list();
    const page = await identity.roles.page({ limit: 1 });
    expect(page.items.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(page.nextMarker).toBeUndefined();
  });
});

describe('projects', () => {
  test('CRUD, find within a domain, tags', async () => {
    const p = await identity.projects.create({
      name: unique('p'),
      domain_id: domain.id,
      description: 'x',
      tags: ['a'],
    });
    expect(p).toMatchObject({ domain_id: domain.id, is_domain: false, tags: ['a'] });
    expect((await identity.projects.find(p.name, { domain_id: domain.id })).id).toBe(p.id);
    expect((await identity.projects.update(p.id, { enabled: false })).enabled).toBe(false);
    expect(await identity.projects.setTags(p.id, ['b', 'c'])).toEqual(['b', 'c']);
    expect(await identity.projects.listTags(p.id)).toEqual(['b', 'c']);
    await identity.projects.delete(p.id);
    await expect(identity.projects.find(p.name, { domain_id: domain.id })).rejects.toThrow(
      `No project with a name or ID of '${p.name}' exists.`,
    );
  });
});

describe('users and groups', () => {
  test('user CRUD, password change, group membership', async () => {
    const project = await identity.projects.create({ name: unique('up'), domain_id: domain.id });
    const user = await identity.users.create({
      name: unique('u'),
      domain_id: domain.id,
      password: 'first-Passw0rd',
      email: 'u@example.com',
      default_project_id: project.id,
    });
    expect(user).toMatchObject({ email: 'u@example.com', enabled: true, default_project_id: project.id });
    expect(JSON.stringify(user)).not.toContain('first-Passw0rd');
    expect((await identity.users.update(user.id, { description: 'updated' })).description).toBe('updated');
    expect((await identity.users.find(user.name, { domain_id: domain.id })).id).toBe(user.id);

    await identity.users.changePassword(user.id, { original_password: 'first-Passw0rd', password: 'second-Passw0rd' });
    await identity.roles.grant({ role: 'member', user: user.id, project: project.id });
    const asUser = new Session({
      auth: new PasswordAuth({
        authUrl: server.baseUrl,
        userId: user.id,
        password: 'second-Passw0rd',
        scope: { project: { id: project.id } },
      }),
    });
    expect((await asUser.getAccess()).projectId).toBe(project.id);
    expect((await identity.users.listProjects(user.id)).map((p) => p.id)).toContain(project.id);

    const group = await identity.groups.create({ name: unique('g'), domain_id: domain.id, description: 'team' });
    expect((await identity.groups.update(group.id, { description: 'renamed' })).description).toBe('renamed');
    expect(await identity.groups.checkUser(group.id, user.id)).toBe(false);
    await identity.groups.addUser(group.id, user.id);
    expect(await identity.groups.checkUser(group.id, user.id)).toBe(true);
    expect((await identity.groups.listUsers(group.id)).map((u) => u.id)).toEqual([user.id]);
    expect((await identity.users.listGroups(user.id)).map((g) => g.id)).toEqual([group.id]);
    await identity.groups.removeUser(group.id, user.id);
    expect(await identity.groups.checkUser(group.id, user.id)).toBe(false);
    await identity.groups.delete(group.id);
    await identity.users.delete(user.id);
    await expect(identity.users.get(user.id)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', status: 404 });
  });
});

describe('roles, grants and role assignments', () => {
  test('grants by name on project, domain, system; inherited; check; list; revoke', async () => {
    const role = await identity.roles.create({ name: unique('role'), description: 'sdk' });
    expect((await identity.roles.find(role.name)).id).toBe(role.id);
    expect((await identity.roles.update(role.id, { description: 'changed' })).description).toBe('changed');
    const project = await identity.projects.create({ name: unique('rp'), domain_id: domain.id });
    const user = await identity.users.create({ name: unique('ru'), domain_id: domain.id });
    const group = await identity.groups.create({ name: unique('rg'), domain_id: domain.id });
    await identity.groups.addUser(group.id, user.id);

    const onProject = {
      role: role.name,
      user: user.name,
      user_domain: domain.name,
      project: project.name,
      project_domain: domain.name,
    };
    expect(await identity.roles.check(onProject)).toBe(false);
    await identity.roles.grant(onProject);
    expect(await identity.roles.check(onProject)).toBe(true);
    expect(
      (await identity.roles.listGrants({ user: user.id, project: project.id, resolve: false })).map((r) => r.id),
    ).toEqual([role.id]);

    await identity.roles.grant({ role: role.id, group: group.id, domain: domain.id });
    await identity.roles.grant({ role: role.id, group: group.id, domain: domain.id, inherited: true });
    await identity.roles.grant({ role: 'reader', user: user.id, system: 'all' });
    expect(await identity.roles.check({ role: 'reader', user: user.id, system: true })).toBe(true);

    const direct = await identity.roleAssignments.list({ user: user.id, resolve: false });
    expect(direct).toHaveLength(2);
    const effective = await identity.roleAssignments.list({
      user: user.name,
      user_domain: domain.name,
      effective: true,
      include_names: true,
    });
    expect(effective.some((a) => a.role.name === role.name && a.scope.project?.name === project.name)).toBe(true);
    expect(
      effective.some((a) => a.role.id === role.id && a.scope.domain?.id === domain.id && a.user?.id === user.id),
    ).toBe(true);
    expect(effective.every((a) => a.group === undefined)).toBe(true);
    const byGroup = await identity.roleAssignments.list({ group: group.id, inherited: true });
    expect(byGroup).toHaveLength(1);
    expect(byGroup[0]!.scope['OS-INHERIT:inherited_to']).toBe('projects');
    const onSystem = await identity.roleAssignments.list({ user: user.id, system: true });
    expect(onSystem).toHaveLength(1);
    expect(onSystem[0]!.scope.system).toEqual({ all: true });

    await identity.roles.revoke(onProject);
    expect(await identity.roles.check(onProject)).toBe(false);
    await identity.roles.revoke({ role: role.id, group: group.id, domain: domain.id, inherited: true });
    await identity.roles.delete(role.id);
  });

  test('a grant needs exactly one actor and one target', async () => {
    await expect(identity.roles.grant({ role: 'member', project: 'x' })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      message: 'Specify exactly one of user or group.',
    });
    await expect(
      identity.roles.grant({ role: 'member', user: 'admin', project: 'admin', domain: 'default' }),
    ).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
  });

  test('unknown names are clear errors', async () => {
    await expect(identity.roles.grant({ role: 'no-such-role', user: 'admin', project: 'admin' })).rejects.toThrow(
      "No role with a name or ID of 'no-such-role' exists.",
    );
  });
});

describe('catalog resources', () => {
  test('regions, services, endpoints', async () => {
    const regionId = unique('Region');
    const region = await identity.regions.create({ id: regionId, description: 'second site' });
    expect(region).toMatchObject({ id: regionId, description: 'second site', parent_region_id: null });
    expect((await identity.regions.update(regionId, { description: 'renamed' })).description).toBe('renamed');
    expect((await identity.regions.list()).map((r) => r.id)).toContain(regionId);

    const service = await identity.services.create({
      type: unique('compute'),
      name: unique('nova'),
      description: 'Compute',
    });
    expect((await identity.services.find(service.name!)).id).toBe(service.id);
    expect((await identity.services.find(service.type)).id).toBe(service.id);
    expect((await identity.services.update(service.id, { enabled: false })).enabled).toBe(false);

    const endpoint = await identity.endpoints.create({
      service_id: service.id,
      interface: 'internal',
      url: 'http://nova.internal:8774/v2.1',
      region_id: regionId,
    });
    expect(endpoint).toMatchObject({ interface: 'internal', region_id: regionId, enabled: true });
    expect((await identity.endpoints.list({ service_id: service.id })).map((e) => e.id)).toEqual([endpoint.id]);
    expect((await identity.endpoints.update(endpoint.id, { url: 'http://nova:8774/v2.1' })).url).toBe(
      'http://nova:8774/v2.1',
    );
    expect((await identity.endpoints.get(endpoint.id)).service_id).toBe(service.id);

    await identity.endpoints.delete(endpoint.id);
    await identity.services.delete(service.id);
    await identity.regions.delete(regionId);
    await expect(identity.regions.get(regionId)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('catalog list/get and versions', async () => {
    const catalog = await identity.catalog.list();
    const keystone = await identity.catalog.get('identity');
    expect(catalog.map((c) => c.type)).toContain('identity');
    expect(keystone.endpoints.some((e) => e.url === `${server.baseUrl}/v3` && e.interface === 'public')).toBe(true);
    await expect(identity.catalog.get('nothing')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    const versions = await identity.versions();
    expect(versions[0]).toMatchObject({ status: 'stable' });
    expect(versions[0]!.id).toMatch(/^v3\./);
  });
});

describe('credentials and application credentials', () => {
  test('credential CRUD with filters', async () => {
    const me = (await identity.tokens.issue()).userId;
    const c = await identity.credentials.create({ user_id: me, type: 'totp', blob: 'GEZDGNBVGY3TQOJQ' });
    expect(c).toMatchObject({ user_id: me, type: 'totp', blob: 'GEZDGNBVGY3TQOJQ' });
    expect((await identity.credentials.list({ user_id: me, type: 'totp' })).map((x) => x.id)).toContain(c.id);
    expect((await identity.credentials.update(c.id, { blob: 'MFRGGZDFMZTWQ2LK' })).blob).toBe('MFRGGZDFMZTWQ2LK');
    await identity.credentials.delete(c.id);
    await expect(identity.credentials.get(c.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('application credentials: create with roles, list, find, delete', async () => {
    const name = unique('ci-deploy');
    const created = await identity.applicationCredentials.create({
      name,
      description: 'deploy',
      roles: [{ name: 'member' }],
      expires_at: '2099-01-01T00:00:00',
    });
    expect(created.secret).toBeTruthy();
    expect(created.roles.map((r) => r.name)).toEqual(['member']);
    // not said on creation: null, as Keystone keeps it (restricted all the same)
    expect(created.unrestricted).toBeNull();
    const listed = await identity.applicationCredentials.list();
    expect(listed.find((c) => c.id === created.id)).not.toHaveProperty('secret');
    expect((await identity.applicationCredentials.find(name)).id).toBe(created.id);
    const me = (await identity.tokens.issue()).userId;
    expect((await identity.applicationCredentials.get(created.id, { user_id: me })).name).toBe(name);
    await identity.applicationCredentials.delete(created.id);
    await expect(identity.applicationCredentials.find(name)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });
});

describe('tokens', () => {
  test('issue, validate, check, revoke', async () => {
    const other = adminSession(server);
    const token = await other.getToken();
    const info = await identity.tokens.validate(token);
    expect(info).toMatchObject({ userName: 'admin', projectName: 'admin', token });
    expect(info.catalog.length).toBeGreaterThan(0);
    expect((await identity.tokens.validate(token, { noCatalog: true })).catalog).toEqual([]);
    expect(await identity.tokens.check(token)).toBe(true);
    await identity.tokens.revoke(token);
    expect(await identity.tokens.check(token)).toBe(false);
    await expect(identity.tokens.validate(token)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    expect(await identity.tokens.check('not-a-token')).toBe(false);
  });

  test('revoking the session’s own token makes it log in again', async () => {
    const session = adminSession(server);
    const client = new IdentityClient(session);
    const first = await client.tokens.issue();
    await client.tokens.revoke(first.token);
    expect((await client.tokens.issue()).token).not.toBe(first.token);
  });

  test('auth scopes: projects, domains, system', async () => {
    expect((await identity.auth.projects()).map((p) => p.name)).toContain('admin');
    expect(Array.isArray(await identity.auth.domains())).toBe(true);
    expect(await identity.auth.system()).toEqual([{ all: true }]);
  });

  test('AccessInfo never serialises the token', async () => {
    const access = await identity.tokens.issue();
    expect(JSON.stringify(access)).not.toContain(access.token);
    expect((await import('node:util')).inspect(access)).not.toContain(access.token);
  });
});

describe('OS-XLOUD extensions (live)', () => {
  test('a user edits their own profile, sees their sign-ins, checks policy, and signs out everywhere', async () => {
    const user = await identity.users.create({ name: unique('self'), domain_id: domain.id, password: 'Self-Passw0rd' });
    const session = new Session({
      auth: new PasswordAuth({
        authUrl: server.baseUrl,
        userId: user.id,
        password: 'Self-Passw0rd',
        scope: 'unscoped',
      }),
    });
    const me = new IdentityClient(session);
    await expect(
      new Session({
        auth: new PasswordAuth({ authUrl: server.baseUrl, userId: user.id, password: 'wrong' }),
      }).getAccess(),
    ).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' });

    const updated = await me.users.updateProfile(user.id, {
      first_name: 'Ada',
      job_title: 'Analyst',
      email: 'ada@example.com',
    });
    expect(updated).toMatchObject({ id: user.id, first_name: 'Ada', job_title: 'Analyst', email: 'ada@example.com' });
    expect(await me.users.updateProfile(user.id, { job_title: null })).not.toHaveProperty('job_title');
    await expect(me.users.updateProfile(user.id, { enabled: false } as never)).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });

    const signIns = await me.users.listSignIns(user.id, { limit: 10 });
    expect(signIns.map((s) => s.success)).toEqual(expect.arrayContaining([true, false]));
    expect(signIns[0]).toMatchObject({ method: 'password', time: expect.any(String) });
    expect(await me.users.listSignIns(user.id, { limit: 1 })).toHaveLength(1);

    const decisions = await me.xloud.policyCheck(['identity:list_users', 'identity:update_own_profile'], {
      user: { id: user.id },
    });
    expect(decisions['identity:list_users']).toMatchObject({
      allowed: false,
      scope_types: expect.any(Array),
      requires: expect.any(Array),
    });
    expect(decisions['identity:update_own_profile']?.allowed).toBe(true);
    expect((await identity.xloud.policyCheck(['identity:list_users']))['identity:list_users']?.allowed).toBe(true);

    const before = (await session.getAccess()).token;
    await identity.users.revokeTokens(user.id);
    expect(await identity.tokens.check(before)).toBe(false);
  });

  test('a system reader lists the audit trail: filters, newest first, marker paging', async () => {
    const user = await identity.users.create({
      name: unique('audited'),
      domain_id: domain.id,
      password: 'Audit-Passw0rd',
    });
    for (let i = 0; i < 3; i++) {
      await expect(
        new Session({
          auth: new PasswordAuth({ authUrl: server.baseUrl, userId: user.id, password: 'wrong' }),
        }).getAccess(),
      ).rejects.toMatchObject({ code: 'ERR_UNAUTHORIZED' });
    }
    const system = new IdentityClient(
      adminSession(server, {
        auth: new PasswordAuth({
          authUrl: `${server.baseUrl}/v3`,
          username: 'admin',
          password: server.adminPassword,
          userDomainName: 'Default',
          scope: { system: { all: true } },
        }),
      }),
    );
    const failures = await system.xloud.listAuditEvents({
      userId: user.id,
      action: 'authenticate',
      outcome: 'failure',
    });
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({
      event_type: 'identity.authenticate',
      user_id: user.id,
      payload: { outcome: 'failure' },
    });
    const firstPage = await system.xloud.listAuditEvents({ userId: user.id, limit: 2 });
    const rest = await system.xloud.listAuditEvents({ userId: user.id, limit: 2, marker: firstPage.at(-1)!.id });
    expect([...firstPage, ...rest].map((e) => e.id)).toEqual(failures.map((e) => e.id));
    const created = await system.xloud.listAuditEvents({ action: 'created.user', since: '2000-01-01' });
    expect(created.some((e) => e.target_id === user.id)).toBe(true);
    await expect(identity.xloud.listAuditEvents()).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
  });
});

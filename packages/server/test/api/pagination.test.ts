/**
 * limit/marker pagination with links.next, and [DEFAULT] list_limit truncation, on every database: the storage reads
 * a page in SQL (`WHERE id > :marker ORDER BY id LIMIT pageSize + 1`), so these walk real pages of the tables.
 * Filters SQL cannot answer (password_expires_at, a service's name inside `extra`) still fill their pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DATABASES, startApiTarget, uniq, type ApiTarget } from './api-client.ts';

describe.each(DATABASES)('list pagination (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;
  let domain: { id: string };
  let users: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    target = await startApiTarget(database, {
      DEFAULT: { list_limit: '3' },
      security_compliance: { password_expires_days: '30' },
    });
    api = new ApiClient(target);
    admin = await api.adminToken();
    domain = await api.createDomain();
    users = [];
    for (let i = 0; i < 7; i += 1) {
      // Every third user never has its password expire: password_expires_at null, dropped by its filter.
      const options = i % 3 === 0 ? { ignore_password_expiry: true } : {};
      users.push(await api.createUser({ name: `pg-u${i}`, domain_id: domain.id, options }));
    }
    for (let i = 0; i < 5; i += 1) await api.createProject();
  });
  afterAll(() => target.close());

  /** Follows links.next from path; checks every page's size; returns the ids in order, the pages and the links. */
  async function walk(key: string, path: string, limit: number, token = admin) {
    const ids: string[] = [];
    const links: string[] = [];
    const sizes: number[] = [];
    let next: string | null = path;
    while (next) {
      const res: { status: number; body: any; text: string } = await api.get(next, token);
      expect(res.status, res.text).toBe(200);
      expect(res.body.truncated).toBeUndefined();
      const page = res.body[key] as Array<{ id: string }>;
      expect(page.length).toBeLessThanOrEqual(limit);
      sizes.push(page.length);
      ids.push(...page.map((x) => x.id));
      next = res.body.links.next;
      if (next) links.push(next);
      expect(links.length).toBeLessThan(50);
    }
    return { ids, links, sizes };
  }
  const sortedIds = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

  it('walks a filtered list in id order: full pages, then the last one, whose links.next is null', async () => {
    const { ids, links, sizes } = await walk('users', `/users?domain_id=${domain.id}&limit=3`, 3);
    expect(ids).toEqual(sortedIds(users));
    expect(sizes).toEqual([3, 3, 1]);
    for (const link of links) {
      const params = new URL(link).searchParams;
      expect(params.get('domain_id')).toBe(domain.id);
      expect(params.get('limit')).toBe('3');
    }
    // The marker of links.next is the last id of its page.
    expect(new URL(links[0]!).searchParams.get('marker')).toBe(ids[2]);
  });

  it('ends with an empty next when the last page is exactly full', async () => {
    const { ids, sizes } = await walk('users', `/users?domain_id=${domain.id}&limit=7`, 7);
    expect(sizes).toEqual([7]);
    expect(ids).toHaveLength(7);
  });

  it('pages on after the marker of a deleted item', async () => {
    const gone = await api.createUser({ name: uniq('pg-gone'), domain_id: domain.id });
    const all = [...sortedIds(users), gone.id].sort();
    const at = all.indexOf(gone.id);
    // The page that ends with the user about to be deleted.
    const first = await api.get(`/users?domain_id=${domain.id}&limit=${at + 1}`, admin);
    expect(first.body.users.map((u: { id: string }) => u.id)).toEqual(all.slice(0, at + 1));
    expect((await api.delete(`/users/${gone.id}`, admin)).status).toBe(204);
    const rest = all.slice(at + 1);
    const next = await api.get(
      first.body.links.next ?? `/users?domain_id=${domain.id}&limit=${at + 1}&marker=${gone.id}`,
      admin,
    );
    expect(next.body.users.map((u: { id: string }) => u.id)).toEqual(rest.slice(0, at + 1));
    // A marker that was never an id pages on from where it sorts.
    const never = `${all[3]!}0`;
    const after = await api.get(`/users?domain_id=${domain.id}&limit=100&marker=${never}`, admin);
    expect(after.body.users.map((u: { id: string }) => u.id)).toEqual(sortedIds(users).filter((id) => id > never));
  });

  it('truncates an unpaginated list at list_limit and says so; a limit lifts it', async () => {
    const res = await api.get(`/users?domain_id=${domain.id}`, admin);
    expect(res.body.users.map((u: { id: string }) => u.id)).toEqual(sortedIds(users).slice(0, 3));
    expect(res.body.truncated).toBe(true);
    expect(res.body.links.next).toBeNull();
    const projects = await api.get('/projects', admin);
    expect(projects.body.projects).toHaveLength(3);
    expect(projects.body.truncated).toBe(true);
    // Exactly list_limit items: not truncated.
    const three = await api.get(`/users?domain_id=${domain.id}&name__startswith=pg-u&name__endswith=1`, admin);
    expect(three.body.users.map((u: { name: string }) => u.name)).toEqual(['pg-u1']);
    expect(three.body.truncated).toBeUndefined();
  });

  it('accepts a limit above 1000 (capped at 1000) and rejects a bad one with 400', async () => {
    const res = await api.get(`/users?domain_id=${domain.id}&limit=5000`, admin);
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id)).toEqual(sortedIds(users));
    expect(res.body.truncated).toBeUndefined();
    expect(res.body.links.next).toBeNull();
    for (const bad of ['zero', '0', '-1', '1.5']) {
      const r = await api.get(`/users?limit=${bad}`, admin);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.message).toBe("Invalid input for query parameter 'limit': expected a positive integer.");
    }
  });

  it('combines limit with SQL filters, keeping every filter in links.next', async () => {
    const disabled = users[4]!;
    await api.patch(`/users/${disabled.id}`, admin, { user: { enabled: false } });
    try {
      const { ids, links } = await walk(
        'users',
        `/users?domain_id=${domain.id}&enabled=true&name__startswith=pg-&name__contains=u&limit=2`,
        2,
      );
      expect(ids).toEqual(sortedIds(users.filter((u) => u !== disabled)));
      for (const link of links) {
        const params = new URL(link).searchParams;
        expect(params.get('enabled')).toBe('true');
        expect(params.get('name__startswith')).toBe('pg-');
        expect(params.get('name__contains')).toBe('u');
      }
    } finally {
      await api.patch(`/users/${disabled.id}`, admin, { user: { enabled: true } });
    }
  });

  it('fills its pages under a filter answered outside SQL (password_expires_at)', async () => {
    const expiring = users.filter((_, i) => i % 3 !== 0);
    const { ids, sizes } = await walk(
      'users',
      `/users?domain_id=${domain.id}&password_expires_at=gt:2000-01-01T00:00:00Z&limit=2`,
      2,
    );
    expect(ids).toEqual(sortedIds(expiring));
    expect(sizes.slice(0, -1).every((n) => n === 2)).toBe(true);
    const unpaged = await api.get(`/users?domain_id=${domain.id}&password_expires_at=gt:2000-01-01T00:00:00Z`, admin);
    expect(unpaged.body.users.map((u: { id: string }) => u.id)).toEqual(sortedIds(expiring).slice(0, 3));
    expect(unpaged.body.truncated).toBe(true);
    const none = await api.get(`/users?domain_id=${domain.id}&password_expires_at=lt:2000-01-01T00:00:00Z`, admin);
    expect(none.body.users).toEqual([]);
    expect(none.body.truncated).toBeUndefined();
  });

  it('pages projects by parent_id and by tags, and domains and groups', async () => {
    const parent = await api.createProject({ domain_id: domain.id });
    const children = [];
    for (let i = 0; i < 5; i += 1)
      children.push(
        await api.createProject({ domain_id: domain.id, parent_id: parent.id, tags: i % 2 === 0 ? ['pg-t'] : [] }),
      );
    const byParent = await walk('projects', `/projects?parent_id=${parent.id}&limit=2`, 2);
    expect(byParent.ids).toEqual(sortedIds(children));
    const tagged = children.filter((_, i) => i % 2 === 0);
    const byTag = await walk('projects', `/projects?tags=pg-t&limit=1`, 1);
    expect(byTag.ids).toEqual(sortedIds(tagged));
    const notTagged = await walk('projects', `/projects?parent_id=${parent.id}&not-tags-any=pg-t&limit=1`, 1);
    expect(notTagged.ids).toEqual(sortedIds(children.filter((_, i) => i % 2 === 1)));
    const anyTag = await walk('projects', `/projects?parent_id=${parent.id}&tags-any=pg-t,nope&limit=2`, 2);
    expect(anyTag.ids).toEqual(sortedIds(tagged));
    expect((await api.get(`/projects?parent_id=${parent.id}&tags-any=`, admin)).body.projects).toEqual([]);
    expect((await api.get(`/projects?parent_id=${parent.id}&not-tags=`, admin)).body.projects).toEqual([]);
    const notBoth = await api.get(`/projects?parent_id=${parent.id}&not-tags=pg-t,nope&limit=10`, admin);
    expect(sortedIds(notBoth.body.projects)).toEqual(sortedIds(children));

    const domains = await walk('domains', '/domains?limit=1', 1);
    expect(domains.ids).toContain(domain.id);
    expect(domains.ids).toContain('default');
    expect([...domains.ids].sort()).toEqual(domains.ids);

    const groups = [];
    for (let i = 0; i < 3; i += 1) groups.push(await api.createGroup({ domain_id: domain.id }));
    expect((await walk('groups', `/groups?domain_id=${domain.id}&limit=2`, 2)).ids).toEqual(sortedIds(groups));
  });

  it('a domain-scoped token pages the projects of its domain only', async () => {
    const reader = await api.createUser({ domain_id: domain.id });
    await api.grant({ user: reader.id }, { domain: domain.id }, 'reader');
    const token = await api.token({ id: reader.id }, reader.password, { domain: { id: domain.id } });
    const everything = await walk('projects', `/projects?domain_id=${domain.id}&limit=100`, 100);
    const seen = await walk('projects', '/projects?limit=2', 2, token);
    expect(seen.ids).toEqual(everything.ids);
    expect((await api.get('/projects?domain_id=default&limit=2', token)).body.projects).toEqual([]);
    expect((await api.get('/projects?is_domain=true&limit=2', token)).body.projects).toEqual([]);
  });

  it('cuts the catalog at list_limit in SQL, also under the name filter read from extra', async () => {
    const type = uniq('pg-svc');
    const named = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await api.post('/services', admin, { service: { type, name: i % 2 === 0 ? 'svc-a' : 'svc-b' } });
      expect(res.status).toBe(201);
      if (i % 2 === 0) named.push(res.body.service);
    }
    const all = await api.get(`/services?type=${type}`, admin);
    expect(all.body.services).toHaveLength(3);
    expect(all.body.truncated).toBe(true);
    const a = await api.get(`/services?type=${type}&name=svc-a`, admin);
    expect(sortedIds(a.body.services)).toEqual(sortedIds(named));
    expect(a.body.truncated).toBeUndefined();
    const none = await api.get(`/services?type=${type}&name=nothing`, admin);
    expect(none.body.services).toEqual([]);
    expect(none.body.truncated).toBeUndefined();
  });
});

/** With disable_user_account_days_inactive the identity port is wrapped (inactive-users-store.ts): pages go through. */
describe.each(DATABASES)('list pagination with the user inactivity rule (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;

  beforeAll(async () => {
    target = await startApiTarget(database, { security_compliance: { disable_user_account_days_inactive: '30' } });
    api = new ApiClient(target);
  });
  afterAll(() => target.close());

  it('pages users and groups, and lists a group members and a user groups', async () => {
    const admin = await api.adminToken();
    const domain = await api.createDomain();
    const users = [];
    for (let i = 0; i < 5; i += 1) users.push(await api.createUser({ domain_id: domain.id }));
    const first = await api.get(`/users?domain_id=${domain.id}&limit=2`, admin);
    expect(first.body.users.map((u: { id: string }) => u.id)).toEqual(
      users
        .map((u) => u.id)
        .sort()
        .slice(0, 2),
    );
    const second = await api.get(first.body.links.next, admin);
    expect(second.body.users.map((u: { id: string }) => u.id)).toEqual(
      users
        .map((u) => u.id)
        .sort()
        .slice(2, 4),
    );
    const group = await api.createGroup({ domain_id: domain.id });
    for (const u of users.slice(0, 3))
      expect((await api.put(`/groups/${group.id}/users/${u.id}`, admin)).status).toBe(204);
    const members = await api.get(`/groups/${group.id}/users`, admin);
    expect(members.body.users.map((u: { id: string }) => u.id).sort()).toEqual(
      users
        .slice(0, 3)
        .map((u) => u.id)
        .sort(),
    );
    const groups = await api.get(`/users/${users[0]!.id}/groups`, admin);
    expect(groups.body.groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await api.get(`/users/${users[4]!.id}/groups`, admin)).body.groups).toEqual([]);
  });
});

/**
 * Storage-port conformance: the SqlStore behind the container, over SQLite, PostgreSQL and MariaDB, must behave
 * identically — CRUD round-trips, unique violations as ConflictError (409), atomic transactions, and
 * timestamps/booleans/JSON returned exactly as stored.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.ts';
import type { ProjectFilter, ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import type { ListPage } from '../../src/services/list-page.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import { unsetUserAttributes } from '../../src/services/identity/user-attributes.ts';
import { useSqlStore } from '../helpers/sql-store-suite.ts';

const hex = () => randomBytes(16).toString('hex');
const name = (p: string) => `${p}-${randomBytes(4).toString('hex')}`;

function project(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: hex(),
    name: name('proj'),
    domainId: 'default',
    parentId: 'default',
    isDomain: false,
    enabled: true,
    description: null,
    extra: {},
    ...overrides,
  };
}

function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: hex(),
    domainId: 'default',
    name: name('user'),
    enabled: true,
    ...unsetUserAttributes(),
    extra: {},
    options: {},
    passwordHash: null,
    passwordCreatedAt: null,
    passwordExpiresAt: null,
    createdAt: '2026-01-02T03:04:05.678Z',
    lastActiveAt: null,
    failedAuthCount: 0,
    failedAuthAt: null,
    ...overrides,
  };
}

async function expectConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a ConflictError').toBeInstanceOf(ConflictError);
  expect((error as ConflictError).status).toBe(409);
}

describe.each(['sqlite', 'postgres', 'mysql'] as const)('SqlStore conformance (%s)', (database) => {
  const store = useSqlStore(database);

  describe('resource', () => {
    it('project round-trip: booleans, nulls, JSON extra, get by id/name, list filters', async () => {
      const p = project({
        enabled: false,
        description: 'déscription ✓',
        extra: { nested: { a: [1, true, null] }, s: 'x' },
      });
      await store.resource.createProject(p);
      expect(await store.resource.getProject(p.id)).toEqual(p);
      expect(await store.resource.getProjectByName('default', p.name)).toEqual(p);
      const listed = await store.resource.listProjects({ domainId: 'default', enabled: false, ids: [p.id] });
      expect(listed).toEqual([p]);
      expect(typeof listed[0]!.enabled).toBe('boolean');
      expect(typeof listed[0]!.isDomain).toBe('boolean');
      expect(await store.resource.listProjects({ enabled: true, ids: [p.id] })).toEqual([]);
      expect(await store.resource.listProjects({ ids: [] })).toEqual([]);
      expect(await store.resource.getProject(hex())).toBeUndefined();
    });

    it('lists page in SQL: id order, after a marker, at most `take`; tag filters in the query', async () => {
      const parent = project();
      await store.resource.createProject(parent);
      const children: ProjectRecord[] = [];
      for (let i = 0; i < 5; i += 1) {
        const child = project({ parentId: parent.id });
        await store.resource.createProject(child);
        await store.resource.replaceTags(child.id, i % 2 === 0 ? ['even', `t${i}`] : ['odd']);
        children.push(child);
      }
      const ids = children.map((c) => c.id).sort();
      const list = (filter: Omit<ProjectFilter, 'parentId'>, page?: ListPage) =>
        store.resource.listProjects({ parentId: parent.id, ...filter }, page).then((ps) => ps.map((p) => p.id));
      expect(await list({})).toEqual(ids);
      expect(await list({}, { take: 2 })).toEqual(ids.slice(0, 2));
      expect(await list({}, { after: ids[1], take: 2 })).toEqual(ids.slice(2, 4));
      expect(await list({}, { after: ids[3] })).toEqual(ids.slice(4));
      expect(await list({}, { after: ids[4], take: 2 })).toEqual([]);
      const even = children
        .filter((_, i) => i % 2 === 0)
        .map((c) => c.id)
        .sort();
      const odd = children
        .filter((_, i) => i % 2 === 1)
        .map((c) => c.id)
        .sort();
      expect(await list({ tags: ['even'] })).toEqual(even);
      expect(await list({ tags: ['even', 't2'] })).toEqual([children[2]!.id]);
      expect(await list({ tags: [] })).toEqual(ids);
      expect(await list({ tagsAny: ['t0', 'odd'] }, { take: 10 })).toEqual([children[0]!.id, ...odd].sort());
      expect(await list({ tagsAny: [] })).toEqual([]);
      expect(await list({ notTags: ['even', 't4'] })).toEqual(ids.filter((id) => id !== children[4]!.id));
      expect(await list({ notTags: [] })).toEqual([]);
      expect(await list({ notTagsAny: ['odd', 't0'] })).toEqual(even.filter((id) => id !== children[0]!.id));
      expect(await list({ notTagsAny: [] })).toEqual(ids);
      expect(await list({ tags: ['even'], notTagsAny: ['t2'] }, { after: even[0], take: 1 })).toEqual(
        even.filter((id) => id !== children[2]!.id && id > even[0]!).slice(0, 1),
      );
    });

    it('update patches only the given fields; delete removes', async () => {
      const p = project({ description: 'before' });
      await store.resource.createProject(p);
      await store.resource.updateProject(p.id, { enabled: false });
      expect(await store.resource.getProject(p.id)).toEqual({ ...p, enabled: false });
      await store.resource.updateProject(p.id, { description: null, extra: { k: 'v' } });
      expect(await store.resource.getProject(p.id)).toEqual({
        ...p,
        enabled: false,
        description: null,
        extra: { k: 'v' },
      });
      await store.resource.deleteProject(p.id);
      expect(await store.resource.getProject(p.id)).toBeUndefined();
    });

    it('duplicate project name in a domain → ConflictError; same name elsewhere is fine', async () => {
      const p = project();
      await store.resource.createProject(p);
      await expectConflict(store.resource.createProject(project({ name: p.name })));
      const dom = project({ domainId: '<<keystone.domain.root>>', parentId: null, isDomain: true });
      await store.resource.createProject(dom);
      await store.resource.createProject(project({ name: p.name, domainId: dom.id, parentId: dom.id }));
      // renaming onto an existing name is a conflict too
      const q = project();
      await store.resource.createProject(q);
      await expectConflict(store.resource.updateProject(q.id, { name: p.name }));
      expect((await store.resource.getProject(q.id))!.name).toBe(q.name);
    });

    it('duplicate primary key → ConflictError', async () => {
      const p = project();
      await store.resource.createProject(p);
      await expectConflict(store.resource.createProject(project({ id: p.id })));
    });

    it('tags replace and list, in order given', async () => {
      const p = project();
      await store.resource.createProject(p);
      await store.resource.replaceTags(p.id, ['b', 'a', 'ü']);
      const tags = await store.resource.listTags([p.id]);
      expect([...(tags.get(p.id) ?? [])].sort()).toEqual(['a', 'b', 'ü']);
      await store.resource.replaceTags(p.id, []);
      expect((await store.resource.listTags([p.id])).get(p.id) ?? []).toEqual([]);
    });
  });

  describe('identity', () => {
    it('user round-trip: timestamps, counters, options and flags come back exactly as stored', async () => {
      const u = user({
        enabled: false,
        description: 'd',
        email: 'e@example.com',
        extra: { custom: 1 },
        options: { ignore_password_expiry: true, multi_factor_auth_rules: [['password', 'totp']] },
        passwordHash: '$2b$04$abcdefghijklmnopqrstuv',
        passwordCreatedAt: '2026-01-02T03:04:05.000000Z',
        passwordExpiresAt: '2026-12-31T23:59:59.999999Z',
        createdAt: '2025-07-17T12:00:00.123Z',
        lastActiveAt: '2026-01-02',
        failedAuthCount: 3,
        failedAuthAt: '2026-01-02T03:04:06.000Z',
      });
      await store.identity.createUser(u);
      const got = await store.identity.getUser(u.id);
      expect(got).toEqual(u);
      expect(typeof got!.enabled).toBe('boolean');
      expect(typeof got!.failedAuthCount).toBe('number');
      expect(await store.identity.getUserByName('default', u.name)).toEqual(u);
      expect(await store.identity.listUsers({ ids: [u.id], enabled: false })).toEqual([u]);
    });

    it('timestamps sort and compare as strings identically (fixed-width ISO)', async () => {
      const a = user({ createdAt: '2026-01-02T03:04:05.000Z' });
      await store.identity.createUser(a);
      await store.identity.updateUser(a.id, { passwordExpiresAt: '2026-03-01T00:00:00.000Z', failedAuthCount: 7 });
      const got = await store.identity.getUser(a.id);
      expect(got!.passwordExpiresAt).toBe('2026-03-01T00:00:00.000Z');
      expect(got!.failedAuthCount).toBe(7);
      expect(got!.createdAt).toBe('2026-01-02T03:04:05.000Z');
    });

    it('duplicate user name in a domain → ConflictError', async () => {
      const u = user();
      await store.identity.createUser(u);
      await expectConflict(store.identity.createUser(user({ name: u.name })));
    });

    it('password history is returned newest first and limited', async () => {
      const u = user();
      await store.identity.createUser(u);
      await store.identity.addPasswordHistory(u.id, 'h1', '2026-01-01T00:00:00.000Z');
      await store.identity.addPasswordHistory(u.id, 'h2', '2026-01-02T00:00:00.000Z');
      await store.identity.addPasswordHistory(u.id, 'h3', '2026-01-03T00:00:00.000Z');
      expect(await store.identity.listPasswordHistory(u.id, 2)).toEqual(['h3', 'h2']);
    });

    it('groups and membership', async () => {
      const u = user();
      await store.identity.createUser(u);
      const g = { id: hex(), domainId: 'default', name: name('grp'), description: null, extra: { x: 1 } };
      await store.identity.createGroup(g);
      expect(await store.identity.getGroup(g.id)).toEqual(g);
      await expectConflict(store.identity.createGroup({ ...g, id: hex() }));
      await store.identity.addMember(g.id, u.id);
      expect(await store.identity.isMember(g.id, u.id)).toBe(true);
      expect(await store.identity.listGroupIdsForUser(u.id)).toEqual([g.id]);
      expect(await store.identity.listUserIdsInGroup(g.id)).toEqual([u.id]);
      expect(await store.identity.removeMember(g.id, u.id)).toBe(true);
      expect(await store.identity.removeMember(g.id, u.id)).toBe(false);
      expect(await store.identity.isMember(g.id, u.id)).toBe(false);
    });
  });

  describe('assignment', () => {
    it('roles: round-trip, global vs domain-specific names, duplicate → ConflictError', async () => {
      const r = {
        id: hex(),
        name: name('role'),
        domainId: null,
        description: 'r',
        options: { immutable: true },
        extra: {},
      };
      await store.assignment.createRole(r);
      expect(await store.assignment.getRole(r.id)).toEqual(r);
      await expectConflict(store.assignment.createRole({ ...r, id: hex() }));
      // same name in a domain is a different role
      await store.assignment.createRole({ ...r, id: hex(), domainId: 'default' });
      expect((await store.assignment.listRoles({ name: r.name })).length).toBe(2);
    });

    it('implied roles and assignments: create, duplicate, list, delete', async () => {
      const prior = { id: hex(), name: name('prior'), domainId: null, description: null, options: {}, extra: {} };
      const implied = { id: hex(), name: name('implied'), domainId: null, description: null, options: {}, extra: {} };
      await store.assignment.createRole(prior);
      await store.assignment.createRole(implied);
      await store.assignment.createImpliedRole({ priorRoleId: prior.id, impliedRoleId: implied.id });
      await expectConflict(store.assignment.createImpliedRole({ priorRoleId: prior.id, impliedRoleId: implied.id }));
      expect(await store.assignment.listImpliedRoles()).toContainEqual({
        priorRoleId: prior.id,
        impliedRoleId: implied.id,
      });

      const a = { type: 'UserProject' as const, actorId: hex(), targetId: hex(), roleId: prior.id, inherited: false };
      const b = { ...a, type: 'UserDomain' as const, inherited: true };
      await store.assignment.createAssignment(a);
      await store.assignment.createAssignment(a); // idempotent grant
      await store.assignment.createAssignment(b);
      expect(await store.assignment.listAssignments({ actorIds: [a.actorId], types: ['UserProject'] })).toEqual([a]);
      const inherited = await store.assignment.listAssignments({ actorIds: [a.actorId], inherited: true });
      expect(inherited).toEqual([b]);
      expect(typeof inherited[0]!.inherited).toBe('boolean');
      expect(await store.assignment.deleteAssignment(a)).toBe(true);
      expect(await store.assignment.deleteAssignment(a)).toBe(false);
      await store.assignment.deleteAssignmentsFor({ roleId: prior.id });
      expect(await store.assignment.listAssignments({ actorIds: [a.actorId] })).toEqual([]);
      expect(await store.assignment.deleteImpliedRole({ priorRoleId: prior.id, impliedRoleId: implied.id })).toBe(true);
    });
  });

  describe('token scope (one statement each)', () => {
    it('user with its domain, by id, by name in a domain id and by name in a domain name', async () => {
      const domain = project({ isDomain: true, parentId: null, domainId: '<<keystone.domain.root>>' });
      await store.resource.createProject(domain);
      const u = user({ domainId: domain.id, passwordHash: 'hash', options: { a: 1 } });
      await store.identity.createUser(u);
      const expected = { user: u, domain };
      expect(await store.tokenScope.user({ id: u.id })).toEqual(expected);
      expect(await store.tokenScope.user({ name: u.name, domainId: domain.id })).toEqual(expected);
      expect(await store.tokenScope.user({ name: u.name, domainName: domain.name })).toEqual(expected);
      expect(await store.tokenScope.user({ name: u.name, domainId: 'default' })).toBeUndefined();
      expect(await store.tokenScope.user({ name: u.name, domainName: 'Default' })).toBeUndefined();
      expect(await store.tokenScope.user({ id: hex() })).toBeUndefined();
    });

    it('project chain: the project, its ancestors nearest first, then its domain; empty for none', async () => {
      const top = project();
      const middle = project({ parentId: top.id });
      const leaf = project({ parentId: middle.id, enabled: false });
      for (const p of [top, middle, leaf]) await store.resource.createProject(p);
      const chain = await store.tokenScope.projectChain(leaf.id);
      expect(chain.map((p) => p.id)).toEqual([leaf.id, middle.id, top.id, 'default']);
      expect(chain[0]).toEqual(leaf);
      expect(chain[3]!.isDomain).toBe(true);
      expect((await store.tokenScope.projectChain('default')).map((p) => p.id)).toEqual(['default']);
      expect(await store.tokenScope.projectChain(hex())).toEqual([]);
    });

    it('assignments of the user and of its groups, of the given types on the given targets', async () => {
      const u = user();
      await store.identity.createUser(u);
      const g = { id: hex(), domainId: 'default', name: name('grp'), description: null, extra: {} };
      await store.identity.createGroup(g);
      await store.identity.addMember(g.id, u.id);
      const roleId = hex();
      const target = hex();
      const direct = { type: 'UserProject' as const, actorId: u.id, targetId: target, roleId, inherited: false };
      const viaGroup = { ...direct, type: 'GroupProject' as const, actorId: g.id };
      const inherited = { ...direct, type: 'UserDomain' as const, targetId: 'default', inherited: true };
      const elsewhere = { ...direct, targetId: hex() };
      const otherUser = { ...direct, actorId: hex() };
      for (const a of [direct, viaGroup, inherited, elsewhere, otherUser]) await store.assignment.createAssignment(a);
      const found = await store.tokenScope.assignmentsOf(
        u.id,
        ['UserProject', 'GroupProject', 'UserDomain', 'GroupDomain'],
        [target, 'default'],
      );
      const key = (a: { type: string; actorId: string }) => `${a.type}:${a.actorId}`;
      expect(found.map(key).sort()).toEqual([direct, viaGroup, inherited].map(key).sort());
      expect(await store.tokenScope.assignmentsOf(u.id, ['UserSystem'], [target])).toEqual([]);
      await store.assignment.deleteAssignmentsFor({ roleId });
    });
  });

  describe('catalog', () => {
    it('regions, services, endpoints round-trip with flags and extras; duplicate region → ConflictError', async () => {
      const region = { id: name('Region'), description: 'r', parentRegionId: null, extra: { x: 'y' } };
      await store.catalog.createRegion(region);
      expect(await store.catalog.getRegion(region.id)).toEqual(region);
      await expectConflict(store.catalog.createRegion(region));
      const child = { id: name('Child'), description: '', parentRegionId: region.id, extra: {} };
      await store.catalog.createRegion(child);
      expect(await store.catalog.listRegions({ parentRegionId: region.id })).toEqual([child]);

      const service = { id: hex(), type: name('type'), enabled: false, extra: { name: 'svc', description: 'd' } };
      await store.catalog.createService(service);
      expect(await store.catalog.getService(service.id)).toEqual(service);
      const endpoint = {
        id: hex(),
        interface: 'internal' as const,
        serviceId: service.id,
        url: 'http://x/',
        regionId: region.id,
        enabled: false,
        extra: {},
      };
      await store.catalog.createEndpoint(endpoint);
      expect(await store.catalog.getEndpoint(endpoint.id)).toEqual(endpoint);
      await store.catalog.updateEndpoint(endpoint.id, { enabled: true, url: 'http://y/' });
      expect(await store.catalog.getEndpoint(endpoint.id)).toEqual({ ...endpoint, enabled: true, url: 'http://y/' });
      expect(await store.catalog.listEndpoints({ serviceId: service.id, interface: 'internal' })).toHaveLength(1);
      await store.catalog.deleteEndpoint(endpoint.id);
      expect(await store.catalog.getEndpoint(endpoint.id)).toBeUndefined();
    });
  });

  describe('application credentials and revocation events', () => {
    it('application credential round-trip incl. roles, access rules, unrestricted flag and expiry', async () => {
      const u = user();
      await store.identity.createUser(u);
      const role = { id: hex(), name: name('acrole'), domainId: null, description: null, options: {}, extra: {} };
      await store.assignment.createRole(role);
      const c = {
        id: hex(),
        name: name('ac'),
        secretHash: '$2b$04$secret',
        description: null,
        userId: u.id,
        projectId: hex(),
        system: null,
        expiresAt: '2027-01-01T00:00:00.000Z',
        unrestricted: true,
        createdAt: '2026-01-01T00:00:00.000Z',
        roleIds: [role.id],
        accessRules: [{ id: hex(), service: 'compute', path: '/v2.1/servers', method: 'GET' }],
      };
      await store.applicationCredentials.create(c);
      const got = await store.applicationCredentials.get(c.id);
      expect(got).toEqual(c);
      expect(got!.unrestricted).toBe(true);
      expect(await store.applicationCredentials.getByName(u.id, c.name)).toEqual(c);
      await expectConflict(store.applicationCredentials.create({ ...c, id: hex(), accessRules: [] }));
      // `credential migrate` re-seals generated secrets: only the hash changes.
      await store.applicationCredentials.updateSecretHash(c.id, '$fernet-sha256$v1$key$token=');
      expect(await store.applicationCredentials.get(c.id)).toEqual({
        ...c,
        secretHash: '$fernet-sha256$v1$key$token=',
      });
      await store.applicationCredentials.delete(c.id);
      expect(await store.applicationCredentials.get(c.id)).toBeUndefined();
    });

    it('revocation events round-trip and candidates are selected by issued_before', async () => {
      const auditId = randomBytes(16).toString('base64url');
      const event = {
        domainId: null,
        projectId: null,
        userId: null,
        roleId: null,
        trustId: null,
        consumerId: null,
        accessTokenId: null,
        issuedBefore: '2026-05-05T05:05:05.000Z',
        expiresAt: null,
        revokedAt: '2026-05-05T05:05:05.123Z',
        auditId,
        auditChainId: null,
      };
      const countBefore = await store.revoke.count();
      await store.revoke.add(event);
      expect(await store.revoke.count()).toBe(countBefore + 1);
      const listed = (await store.revoke.list()).filter((e) => e.auditId === auditId);
      expect(listed).toHaveLength(1);
      const { id, ...rest } = listed[0]!;
      expect(rest).toEqual(event);
      const token = (issuedAt: string, auditIds: string[]) => ({ issuedAt, userIds: ['someone'], auditIds });
      expect(
        (await store.revoke.candidates(token('2026-05-05T05:05:04.000Z', [auditId]))).some(
          (e) => e.auditId === auditId,
        ),
      ).toBe(true);
      // issued after the event, or a different token: not a candidate
      expect(
        (await store.revoke.candidates(token('2026-05-05T05:05:06.000Z', [auditId]))).some(
          (e) => e.auditId === auditId,
        ),
      ).toBe(false);
      expect(
        (await store.revoke.candidates(token('2026-05-05T05:05:04.000Z', ['other-audit-id']))).some(
          (e) => e.auditId === auditId,
        ),
      ).toBe(false);
    });

    it("revocation candidates of a trust token include events naming the trust's trustor or trustee", async () => {
      const trust = {
        id: hex(),
        trustorUserId: hex(),
        trusteeUserId: hex(),
        projectId: null,
        impersonation: false,
        expiresAt: null,
        remainingUses: null,
        allowRedelegation: false,
        redelegatedTrustId: null,
        redelegationCount: null,
        createdAt: '2026-05-05T05:05:00.000Z',
        extra: {},
        roleIds: [],
      };
      await store.trusts.create(trust);
      const userEvent = (userId: string) => ({
        domainId: null,
        projectId: null,
        userId,
        roleId: null,
        trustId: null,
        consumerId: null,
        accessTokenId: null,
        issuedBefore: '2026-05-05T05:05:05.000Z',
        expiresAt: null,
        revokedAt: '2026-05-05T05:05:05.000Z',
        auditId: null,
        auditChainId: null,
      });
      await store.revoke.add(userEvent(trust.trustorUserId));
      await store.revoke.add(userEvent(trust.trusteeUserId));
      const stranger = hex();
      const candidates = async (trustId?: string) =>
        (
          await store.revoke.candidates({
            issuedAt: '2026-05-05T05:05:01.000Z',
            userIds: [stranger],
            auditIds: [hex()],
            trustId,
          })
        )
          .map((e) => e.userId)
          .filter((id) => id === trust.trustorUserId || id === trust.trusteeUserId)
          .sort();
      expect(await candidates(trust.id)).toEqual([trust.trustorUserId, trust.trusteeUserId].sort());
      expect(await candidates()).toEqual([]);
      expect(await candidates(hex())).toEqual([]);
    });
  });

  describe('transactions', () => {
    it('a transaction that throws leaves no rows behind', async () => {
      const p = project();
      const u = user();
      const boom = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.resource.createProject(p);
          await tx.identity.createUser(u);
          expect(await tx.identity.getUser(u.id)).toEqual(u); // visible inside
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.resource.getProject(p.id)).toBeUndefined();
      expect(await store.identity.getUser(u.id)).toBeUndefined();
    });

    it('a conflict inside a transaction rolls back the earlier writes', async () => {
      const existing = project();
      await store.resource.createProject(existing);
      const fresh = project();
      await expectConflict(
        store.transaction(async (tx) => {
          await tx.resource.createProject(fresh);
          await tx.resource.createProject(project({ name: existing.name }));
        }),
      );
      expect(await store.resource.getProject(fresh.id)).toBeUndefined();
    });

    it('nested transactions join the outer one (inner writes roll back with it)', async () => {
      const outer = project();
      const inner = project();
      await expect(
        store.transaction(async (tx) => {
          await tx.resource.createProject(outer);
          await tx.transaction(async (tx2) => {
            await tx2.resource.createProject(inner);
          });
          throw new Error('late failure');
        }),
      ).rejects.toThrow('late failure');
      expect(await store.resource.getProject(outer.id)).toBeUndefined();
      expect(await store.resource.getProject(inner.id)).toBeUndefined();
    });

    it('a successful transaction commits and returns its value', async () => {
      const p = project();
      const result = await store.transaction(async (tx) => {
        await tx.resource.createProject(p);
        return 42;
      });
      expect(result).toBe(42);
      expect(await store.resource.getProject(p.id)).toEqual(p);
    });
  });
});

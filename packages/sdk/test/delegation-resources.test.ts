/**
 * The SDK resources for trusts, implied roles, access rules, EC2 key pairs, endpoint groups / endpoint filters and
 * stored policies, against a started server: what each call sends is checked by what the server then answers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IdentityClient, NotFoundError } from '../src/index.ts';
import { adminSession, startServer, unique, type TestServer } from './helpers.ts';

let server: TestServer;
let identity: IdentityClient;
let me: string;
let adminProjectId: string;

beforeAll(async () => {
  server = await startServer();
  identity = new IdentityClient(adminSession(server));
  const access = await identity.tokens.issue();
  me = access.userId;
  if (!access.projectId) throw new Error('the admin session is not project-scoped');
  adminProjectId = access.projectId;
});
afterAll(async () => {
  await server?.close();
});

describe('trusts', () => {
  test('create with a role by name, get, list by trustor, roles, delete', async () => {
    const trustee = await identity.users.create({
      name: unique('trustee'),
      domain_id: 'default',
    });
    const trust = await identity.trusts.create({
      trustor_user_id: me,
      trustee_user_id: trustee.id,
      project_id: adminProjectId,
      impersonation: true,
      roles: [{ name: 'member' }],
      expires_at: '2099-01-02T03:04:05.000000Z',
    });
    expect(trust).toMatchObject({
      trustor_user_id: me,
      trustee_user_id: trustee.id,
      project_id: adminProjectId,
      impersonation: true,
      expires_at: '2099-01-02T03:04:05.000000Z',
    });
    expect(trust.roles.map((r) => r.name)).toEqual(['member']);
    expect((await identity.trusts.get(trust.id)).id).toBe(trust.id);
    expect((await identity.trusts.list({ trustor_user_id: me })).map((t) => t.id)).toContain(trust.id);
    expect((await identity.trusts.list({ trustee_user_id: trustee.id })).map((t) => t.id)).toEqual([trust.id]);
    expect((await identity.trusts.listRoles(trust.id)).map((r) => r.name)).toEqual(['member']);
    await identity.trusts.delete(trust.id);
    await expect(identity.trusts.get(trust.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('OAuth1 consumers and access tokens', () => {
  test('create (secret shown once), get, update, list, delete; the access tokens of a user', async () => {
    const consumer = await identity.consumers.create({ description: 'backups', team: 'ops' });
    expect(consumer.secret).toMatch(/^[0-9a-f]{32}$/);
    const fetched = await identity.consumers.get(consumer.id);
    expect(fetched).toMatchObject({ id: consumer.id, description: 'backups', team: 'ops' });
    expect(fetched.secret).toBeUndefined();
    expect((await identity.consumers.update(consumer.id, { description: 'nightly' })).description).toBe('nightly');
    expect((await identity.consumers.list()).map((c) => c.id)).toContain(consumer.id);
    await identity.consumers.delete(consumer.id);
    await expect(identity.consumers.get(consumer.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await identity.oauth1AccessTokens.list()).toEqual([]);
    await expect(identity.oauth1AccessTokens.revoke('0'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('implied roles', () => {
  test('create, get, check, listFor, list, delete', async () => {
    const prior = await identity.roles.create({ name: unique('prior') });
    const implied = await identity.roles.create({ name: unique('implied') });
    const rule = await identity.impliedRoles.create(prior.id, implied.id);
    expect(rule.prior_role).toMatchObject({ id: prior.id, name: prior.name });
    expect(rule.implies).toMatchObject({ id: implied.id, name: implied.name });
    expect((await identity.impliedRoles.get(prior.id, implied.id)).implies.id).toBe(implied.id);
    expect(await identity.impliedRoles.check(prior.id, implied.id)).toBe(true);
    expect((await identity.impliedRoles.listFor(prior.id)).implies.map((r) => r.id)).toEqual([implied.id]);
    const all = await identity.impliedRoles.list();
    expect(all.find((r) => r.prior_role.id === prior.id)?.implies.map((r) => r.name)).toEqual([implied.name]);
    await identity.impliedRoles.delete(prior.id, implied.id);
    expect(await identity.impliedRoles.check(prior.id, implied.id)).toBe(false);
  });
});

describe('access rules', () => {
  test('an application credential’s rules are listed, read, and deleted once the credential is gone', async () => {
    const rule = {
      service: 'compute',
      method: 'GET' as const,
      path: `/v2.1/servers/${unique('s')}`,
    };
    const cred = await identity.applicationCredentials.create({
      name: unique('ac'),
      access_rules: [rule],
    });
    const listed = (await identity.accessRules.list()).filter((r) => r.path === rule.path);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ...rule, id: expect.any(String) });
    const id = String(listed[0]?.id);
    expect(await identity.accessRules.get(id, { user_id: me })).toMatchObject({
      ...rule,
      id,
    });
    await expect(identity.accessRules.delete(id)).rejects.toMatchObject({
      status: 403,
    });
    await identity.applicationCredentials.delete(cred.id);
    await identity.accessRules.delete(id);
    await expect(identity.accessRules.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('EC2 credentials', () => {
  test('create for a project, get, list, delete', async () => {
    const pair = await identity.ec2Credentials.create(adminProjectId);
    expect(pair).toMatchObject({
      user_id: me,
      tenant_id: adminProjectId,
      trust_id: null,
    });
    expect(pair.access).toMatch(/^[0-9a-f]{32}$/);
    expect((await identity.ec2Credentials.get(pair.access)).secret).toBe(pair.secret);
    expect((await identity.ec2Credentials.list({ user_id: me })).map((c) => c.access)).toContain(pair.access);
    await identity.ec2Credentials.delete(pair.access);
    await expect(identity.ec2Credentials.get(pair.access)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('endpoint groups and endpoint filters', () => {
  test('group CRUD, find by name, projects both ways, endpoint ↔ project', async () => {
    const project = await identity.projects.create({
      name: unique('epf'),
      domain_id: 'default',
    });
    const group = await identity.endpointGroups.create({
      name: unique('eg'),
      filters: { interface: 'public' },
      description: 'public ones',
    });
    expect(group).toMatchObject({
      filters: { interface: 'public' },
      description: 'public ones',
    });
    expect((await identity.endpointGroups.find(group.name)).id).toBe(group.id);
    expect(
      (
        await identity.endpointGroups.update(group.id, {
          description: 'changed',
        })
      ).description,
    ).toBe('changed');
    const endpoints = await identity.endpointGroups.listEndpoints(group.id);
    expect(endpoints.length).toBeGreaterThan(0);
    expect(endpoints.every((e) => e.interface === 'public')).toBe(true);

    await identity.endpointGroups.addProject(group.id, project.id);
    expect((await identity.endpointGroups.listProjects(group.id)).map((p) => p.id)).toEqual([project.id]);
    expect((await identity.endpointGroups.listForProject(project.id)).map((g) => g.id)).toEqual([group.id]);
    await identity.endpointGroups.removeProject(group.id, project.id);
    expect(await identity.endpointGroups.listProjects(group.id)).toEqual([]);

    const [endpoint] = endpoints;
    if (!endpoint) throw new Error('no public endpoint');
    await identity.endpointFilter.addEndpointToProject(endpoint.id, project.id);
    expect((await identity.endpointFilter.listProjectsForEndpoint(endpoint.id)).map((p) => p.id)).toContain(project.id);
    expect((await identity.endpointFilter.listEndpointsForProject(project.id)).map((e) => e.id)).toEqual([endpoint.id]);
    await identity.endpointFilter.removeEndpointFromProject(endpoint.id, project.id);
    expect(await identity.endpointFilter.listEndpointsForProject(project.id)).toEqual([]);

    await identity.endpointGroups.delete(group.id);
    await expect(identity.endpointGroups.get(group.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('policies', () => {
  test('create, update, list by type, delete', async () => {
    const policy = await identity.policies.create({
      blob: '{"a": "rule:b"}',
      type: 'application/json',
    });
    expect(policy).toMatchObject({
      blob: '{"a": "rule:b"}',
      type: 'application/json',
    });
    expect((await identity.policies.update(policy.id, { type: 'text/plain' })).type).toBe('text/plain');
    expect((await identity.policies.list({ type: 'text/plain' })).map((p) => p.id)).toContain(policy.id);
    await identity.policies.delete(policy.id);
    await expect(identity.policies.get(policy.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

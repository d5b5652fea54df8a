import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../src/services/assignment/assignment-service.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
let alice: UserRecord;
let alpha: ProjectRecord;
let beta: ProjectRecord;

beforeEach(async () => {
  s = await startInMemoryServices();
  alice = await s.createUser('alice');
  alpha = await s.createProject('alpha');
  beta = await s.createProject('beta');
});
afterEach(() => s.close());

/** A user's grant on a project unless told otherwise. */
const grant = (g: Partial<Grant> & Pick<Grant, 'targetId' | 'roleId'>): Grant => ({
  actor: 'user',
  actorId: alice.id,
  target: 'project',
  inherited: false,
  ...g,
});

async function rolesOnProject(projectId: string, userId = alice.id): Promise<string[]> {
  const project = await s.services.resource.getProject(projectId);
  return (await s.services.assignments.effectiveRoles(userId, { project })).map((r) => r.name).sort();
}

async function rolesOnDomain(domainId: string, userId = alice.id): Promise<string[]> {
  return (await s.services.assignments.effectiveRoles(userId, { domainId })).map((r) => r.name).sort();
}

describe('AssignmentService: direct grants', () => {
  it('a project grant gives the role and what it implies on that project only', async () => {
    await s.services.assignments.createGrant(grant({ targetId: alpha.id, roleId: s.seed.roles.member.id }));
    expect(await rolesOnProject(alpha.id)).toEqual(['member', 'reader']);
    expect(await rolesOnProject(beta.id)).toEqual([]);
    expect(await rolesOnDomain(s.seed.domainId)).toEqual([]);
    expect((await s.services.assignments.projectsForUser(alice.id)).map((p) => p.name)).toEqual(['alpha']);
  });

  it('a domain grant gives roles on the domain, not on its projects', async () => {
    const onDomain = grant({ target: 'domain', targetId: s.seed.domainId, roleId: s.seed.roles.manager.id });
    await s.services.assignments.createGrant(onDomain);
    expect(await rolesOnDomain(s.seed.domainId)).toEqual(['manager', 'member', 'reader']);
    expect(await rolesOnProject(alpha.id)).toEqual([]);
    expect((await s.services.assignments.domainsForUser(alice.id)).map((d) => d.id)).toEqual([s.seed.domainId]);
  });

  it('a system grant is what hasSystemRole sees', async () => {
    expect(await s.services.assignments.hasSystemRole(alice.id)).toBe(false);
    await s.services.assignments.createGrant(
      grant({ target: 'system', targetId: 'system', roleId: s.seed.roles.reader.id }),
    );
    expect(await s.services.assignments.hasSystemRole(alice.id)).toBe(true);
  });

  it('a removed grant is gone: no roles, checkGrant and a second removal answer 404', async () => {
    const member = grant({ targetId: alpha.id, roleId: s.seed.roles.member.id });
    await s.services.assignments.createGrant(member);
    await s.services.assignments.checkGrant(member);
    expect((await s.services.assignments.listGrantRoles(member)).map((r) => r.name)).toEqual(['member']);
    await s.services.assignments.deleteGrant(member);
    expect(await rolesOnProject(alpha.id)).toEqual([]);
    expect(await s.services.assignments.listGrantRoles(member)).toEqual([]);
    await expect(s.services.assignments.checkGrant(member)).rejects.toMatchObject({ status: 404 });
    await expect(s.services.assignments.deleteGrant(member)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses grants of unknown users, projects and roles (404)', async () => {
    const member = s.seed.roles.member.id;
    await expect(
      s.services.assignments.createGrant(grant({ actorId: 'nobody', targetId: alpha.id, roleId: member })),
    ).rejects.toMatchObject({ status: 404, message: 'Could not find user: nobody.' });
    await expect(
      s.services.assignments.createGrant(grant({ targetId: 'nowhere', roleId: member })),
    ).rejects.toMatchObject({ status: 404, message: 'Could not find project: nowhere.' });
    await expect(
      s.services.assignments.createGrant(grant({ targetId: alpha.id, roleId: 'no-such-role' })),
    ).rejects.toMatchObject({ status: 404, message: 'Could not find role: no-such-role.' });
  });
});

describe('AssignmentService: group grants', () => {
  it("a group's grant applies to its members for as long as they are members", async () => {
    const group = await s.services.identity.createGroup({ name: 'ops', domainId: s.seed.domainId });
    await s.services.assignments.createGrant(
      grant({ actor: 'group', actorId: group.id, targetId: alpha.id, roleId: s.seed.roles.manager.id }),
    );
    expect(await rolesOnProject(alpha.id)).toEqual([]);
    await s.services.identity.addUserToGroup(group.id, alice.id);
    expect(await rolesOnProject(alpha.id)).toEqual(['manager', 'member', 'reader']);
    expect((await s.services.assignments.projectsForUser(alice.id)).map((p) => p.name)).toEqual(['alpha']);
    await s.services.identity.removeUserFromGroup(group.id, alice.id);
    expect(await rolesOnProject(alpha.id)).toEqual([]);
  });
});

describe('AssignmentService: inherited grants (OS-INHERIT)', () => {
  it('an inherited domain grant applies to every project of the domain, later ones too, not to the domain', async () => {
    await s.services.assignments.createGrant(
      grant({ target: 'domain', targetId: s.seed.domainId, roleId: s.seed.roles.reader.id, inherited: true }),
    );
    const gamma = await s.createProject('gamma');
    for (const project of [alpha, beta, gamma]) expect(await rolesOnProject(project.id)).toEqual(['reader']);
    expect(await rolesOnDomain(s.seed.domainId)).toEqual([]);
    expect(await s.services.assignments.domainsForUser(alice.id)).toEqual([]);
    const other = await s.services.resource.createDomain({ name: 'other' });
    const elsewhere = await s.createProject('elsewhere', { domainId: other.id });
    expect(await rolesOnProject(elsewhere.id)).toEqual([]);
  });

  it('an inherited project grant applies to the whole subtree below the project, not to the project', async () => {
    const child = await s.createProject('alpha-child', { parentId: alpha.id });
    const grandchild = await s.createProject('alpha-grandchild', { parentId: child.id });
    await s.services.assignments.createGrant(
      grant({ targetId: alpha.id, roleId: s.seed.roles.member.id, inherited: true }),
    );
    expect(await rolesOnProject(alpha.id)).toEqual([]);
    expect(await rolesOnProject(child.id)).toEqual(['member', 'reader']);
    expect(await rolesOnProject(grandchild.id)).toEqual(['member', 'reader']);
    expect(await rolesOnProject(beta.id)).toEqual([]);
    expect((await s.services.assignments.projectsForUser(alice.id)).map((p) => p.name).sort()).toEqual([
      'alpha-child',
      'alpha-grandchild',
    ]);
  });

  it('an inherited grant and a direct one on the same project are separate grants', async () => {
    const direct = grant({ targetId: alpha.id, roleId: s.seed.roles.reader.id });
    const inherited = { ...direct, inherited: true };
    const child = await s.createProject('alpha-child', { parentId: alpha.id });
    await s.services.assignments.createGrant(direct);
    await s.services.assignments.createGrant(inherited);
    await s.services.assignments.deleteGrant(inherited);
    expect(await rolesOnProject(alpha.id)).toEqual(['reader']);
    expect(await rolesOnProject(child.id)).toEqual([]);
  });
});

describe('AssignmentService: implied roles', () => {
  it('expands implications transitively and follows changes to the rules', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => s.services.roles.createRole({ name })));
    await s.services.roles.createImpliedRole(a!.id, b!.id);
    await s.services.roles.createImpliedRole(b!.id, c!.id);
    await s.services.assignments.createGrant(grant({ targetId: alpha.id, roleId: a!.id }));
    expect(await rolesOnProject(alpha.id)).toEqual(['a', 'b', 'c']);
    await s.services.roles.deleteImpliedRole(b!.id, c!.id);
    expect(await rolesOnProject(alpha.id)).toEqual(['a', 'b']);
  });

  it('refuses a circular implication and one implying a prohibited role', async () => {
    const { admin, manager, reader } = s.seed.roles;
    await expect(s.services.roles.createImpliedRole(reader.id, manager.id)).rejects.toMatchObject({ status: 409 });
    await expect(s.services.roles.createImpliedRole(reader.id, reader.id)).rejects.toMatchObject({ status: 409 });
    const other = await s.services.roles.createRole({ name: 'other' });
    await expect(s.services.roles.createImpliedRole(other.id, admin.id)).rejects.toMatchObject({ status: 403 });
  });

  it('a domain-specific role never takes effect itself, only what it implies, and only within its domain', async () => {
    const local = await s.services.roles.createRole({ name: 'local', domainId: s.seed.domainId });
    await s.services.roles.createImpliedRole(local.id, s.seed.roles.member.id);
    await s.services.assignments.createGrant(grant({ targetId: alpha.id, roleId: local.id }));
    expect(await rolesOnProject(alpha.id)).toEqual(['member', 'reader']);
    const other = await s.services.resource.createDomain({ name: 'other' });
    const elsewhere = await s.createProject('elsewhere', { domainId: other.id });
    await expect(
      s.services.assignments.createGrant(grant({ targetId: elsewhere.id, roleId: local.id })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("deleting a role removes its grants and its part in others' implications", async () => {
    const extra = await s.services.roles.createRole({ name: 'extra' });
    await s.services.roles.createImpliedRole(s.seed.roles.reader.id, extra.id);
    await s.services.assignments.createGrant(grant({ targetId: alpha.id, roleId: s.seed.roles.member.id }));
    await s.services.assignments.createGrant(grant({ targetId: beta.id, roleId: extra.id }));
    expect(await rolesOnProject(alpha.id)).toEqual(['extra', 'member', 'reader']);
    await s.services.roles.deleteRole(extra.id);
    expect(await rolesOnProject(alpha.id)).toEqual(['member', 'reader']);
    expect(await rolesOnProject(beta.id)).toEqual([]);
  });
});

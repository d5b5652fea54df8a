import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupRecord, UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
let alice: UserRecord;
let ops: GroupRecord;
let alpha: ProjectRecord;
let child: ProjectRecord;

/**
 * Alice: reader on alpha directly; through the ops group, member on alpha; an inherited manager grant on alpha for
 * its subtree (alpha-child). The roles imply each other as bootstrap sets them: manager ⊃ member ⊃ reader.
 */
beforeEach(async () => {
  s = await startInMemoryServices();
  alice = await s.createUser('alice');
  ops = await s.services.identity.createGroup({ name: 'ops', domainId: s.seed.domainId });
  await s.services.identity.addUserToGroup(ops.id, alice.id);
  alpha = await s.createProject('alpha');
  child = await s.createProject('alpha-child', { parentId: alpha.id });
  const { reader, member, manager } = s.seed.roles;
  const base = { target: 'project', targetId: alpha.id, inherited: false } as const;
  await s.services.assignments.createGrant({ ...base, actor: 'user', actorId: alice.id, roleId: reader.id });
  await s.services.assignments.createGrant({ ...base, actor: 'group', actorId: ops.id, roleId: member.id });
  await s.services.assignments.createGrant({
    ...base,
    actor: 'user',
    actorId: alice.id,
    roleId: manager.id,
    inherited: true,
  });
});
afterEach(() => s.close());

const roleName = (id: string) => Object.values(s.seed.roles).find((r) => r.id === id)?.name;

describe('RoleAssignmentQuery', () => {
  it('lists the stored grants as they are without effective', async () => {
    const rows = await s.services.roleAssignments.list({ projectId: alpha.id });
    const shown = rows.map(({ grant: g }) => `${g.actor}:${roleName(g.roleId)}${g.inherited ? ':inherited' : ''}`);
    expect(shown.sort()).toEqual(['group:member', 'user:manager:inherited', 'user:reader']);
  });

  it('effective: groups, inheritance and implied roles expanded, each row saying where it comes from', async () => {
    const rows = await s.services.roleAssignments.list({ userId: alice.id, effective: true });
    const shown = rows.map((r) => ({
      project: r.grant.target === 'project' ? (r.grant.targetId === alpha.id ? 'alpha' : 'child') : r.grant.target,
      role: roleName(r.grant.roleId),
      via: r.viaGroupId === ops.id ? 'ops' : undefined,
      prior: r.priorRoleId === undefined ? undefined : roleName(r.priorRoleId),
    }));
    expect(rows.every((r) => r.grant.actor === 'user' && r.grant.actorId === alice.id && !r.grant.inherited)).toBe(
      true,
    );
    expect(shown).toEqual(
      expect.arrayContaining([
        { project: 'alpha', role: 'reader', via: undefined, prior: undefined },
        { project: 'alpha', role: 'member', via: 'ops', prior: undefined },
        { project: 'alpha', role: 'reader', via: 'ops', prior: 'member' },
        { project: 'child', role: 'manager', via: undefined, prior: undefined },
        { project: 'child', role: 'member', via: undefined, prior: 'manager' },
        { project: 'child', role: 'reader', via: undefined, prior: 'member' },
      ]),
    );
    expect(shown).toHaveLength(6);
  });

  it('effective for a project names only what takes effect there', async () => {
    const onChild = await s.services.roleAssignments.list({ userId: alice.id, projectId: child.id, effective: true });
    expect(onChild.map((r) => roleName(r.grant.roleId)).sort()).toEqual(['manager', 'member', 'reader']);
    const subtree = await s.services.roleAssignments.list({ projectId: alpha.id, includeSubtree: true });
    // Without effective the inherited grant is still a grant on alpha: the child has none of its own.
    expect(subtree.every((r) => r.grant.targetId === alpha.id)).toBe(true);
  });

  it('a removed membership or grant leaves the effective list', async () => {
    await s.services.identity.removeUserFromGroup(ops.id, alice.id);
    await s.services.assignments.deleteGrant({
      actor: 'user',
      actorId: alice.id,
      target: 'project',
      targetId: alpha.id,
      roleId: s.seed.roles.manager.id,
      inherited: true,
    });
    const rows = await s.services.roleAssignments.list({ userId: alice.id, effective: true });
    expect(rows.map((r) => [r.grant.targetId === alpha.id, roleName(r.grant.roleId), r.viaGroupId])).toEqual([
      [true, 'reader', undefined],
    ]);
  });

  it('refuses contradictory filters', async () => {
    const q = s.services.roleAssignments;
    await expect(q.list({ projectId: alpha.id, domainId: s.seed.domainId })).rejects.toMatchObject({ status: 400 });
    await expect(q.list({ groupId: ops.id, effective: true })).rejects.toMatchObject({ status: 400 });
    await expect(q.list({ includeSubtree: true })).rejects.toMatchObject({ status: 400 });
  });
});

import { ValidationError } from '../../errors.ts';
import { projectSubtree } from '../resource/project-tree.ts';
import type { ServiceContext } from '../service-context.ts';
import type { AssignmentFilter } from './assignment-driver.ts';
import { SYSTEM_TARGET, grantOf, type Grant } from './assignment-service.ts';

export interface RoleAssignmentFilter {
  userId?: string;
  groupId?: string;
  roleId?: string;
  projectId?: string;
  domainId?: string;
  system?: boolean;
  inheritedToProjects?: boolean;
  effective?: boolean;
  includeSubtree?: boolean;
}

/** One row of GET /v3/role_assignments. */
export interface RoleAssignmentView {
  grant: Grant;
  /** The stored assignment this row comes from (differs from grant when effective expansion happened). */
  source: Grant;
  viaGroupId?: string;
  priorRoleId?: string;
}

/** Keystone's role assignment query, including `effective` expansion of groups, inheritance and implied roles. */
export class RoleAssignmentQuery {
  constructor(private readonly ctx: ServiceContext) {}

  async list(filter: RoleAssignmentFilter): Promise<RoleAssignmentView[]> {
    if (filter.projectId && filter.domainId) throw new ValidationError('Specify one of domain or project.');
    if ((filter.projectId || filter.domainId) && filter.system)
      throw new ValidationError('Specify one of domain, project or system.');
    if (filter.userId && filter.groupId) throw new ValidationError('Specify one of user or group.');
    if (filter.effective && filter.groupId)
      throw new ValidationError('Combining effective and group filter will always result in an empty list.');
    if (filter.includeSubtree && !filter.projectId)
      throw new ValidationError('scope.project.id needs to be specified if include_subtree is also specified.');

    const store = this.ctx.store;
    const all = await store.assignment.listAssignments(await this.storedAssignmentsFor(filter));
    let rows: RoleAssignmentView[] = all.map((a) => ({ grant: grantOf(a), source: grantOf(a) }));

    if (filter.effective) {
      rows = await this.expandGroups(rows, filter.userId);
      rows = await this.expandInheritance(rows);
      rows = await this.expandImplied(rows);
      // Domain-specific roles only work through what they imply; they never take effect themselves.
      const domainRoles = new Set(
        (await store.assignment.listRoles({})).filter((r) => r.domainId !== null).map((r) => r.id),
      );
      rows = rows.filter((r) => !domainRoles.has(r.grant.roleId));
    }

    let projectIds: Set<string> | undefined;
    if (filter.projectId) {
      projectIds = new Set([filter.projectId]);
      if (filter.includeSubtree) {
        for (const p of await projectSubtree(store.resource, filter.projectId)) projectIds.add(p.id);
      }
    }

    return rows.filter(({ grant: g }) => {
      if (filter.userId && !(g.actor === 'user' && g.actorId === filter.userId)) return false;
      if (filter.groupId && !(g.actor === 'group' && g.actorId === filter.groupId)) return false;
      if (filter.roleId && g.roleId !== filter.roleId) return false;
      if (projectIds && !(g.target === 'project' && projectIds.has(g.targetId))) return false;
      if (filter.domainId && !(g.target === 'domain' && g.targetId === filter.domainId)) return false;
      if (filter.system && !(g.target === 'system' && g.targetId === SYSTEM_TARGET)) return false;
      if (filter.inheritedToProjects && !g.inherited) return false;
      return true;
    });
  }

  /**
   * Which stored assignments a listing can draw on: for one user, theirs and (effective) their groups'; for one
   * group, the group's; a role or the inherited flag narrows only when no expansion can change them. Everything
   * else is decided on the expanded rows below, so the answer is the same as from the whole table, which a listing
   * for one user in a large cloud must not read (a million rows).
   */
  private async storedAssignmentsFor(filter: RoleAssignmentFilter): Promise<AssignmentFilter> {
    const stored: AssignmentFilter = {};
    if (filter.userId !== undefined) {
      stored.actorIds = filter.effective
        ? [filter.userId, ...(await this.ctx.store.identity.listGroupIdsForUser(filter.userId))]
        : [filter.userId];
    } else if (filter.groupId !== undefined) {
      stored.actorIds = [filter.groupId];
    }
    if (!filter.effective) {
      if (filter.roleId !== undefined) stored.roleId = filter.roleId;
      if (filter.inheritedToProjects) stored.inherited = true;
    }
    return stored;
  }

  private async expandGroups(rows: RoleAssignmentView[], onlyUserId?: string): Promise<RoleAssignmentView[]> {
    const out: RoleAssignmentView[] = [];
    for (const row of rows) {
      if (row.grant.actor === 'user') {
        out.push(row);
        continue;
      }
      const members = await this.ctx.store.identity.listUserIdsInGroup(row.grant.actorId);
      for (const userId of members) {
        if (onlyUserId && userId !== onlyUserId) continue;
        out.push({ ...row, grant: { ...row.grant, actor: 'user', actorId: userId }, viaGroupId: row.grant.actorId });
      }
    }
    return out;
  }

  private async expandInheritance(rows: RoleAssignmentView[]): Promise<RoleAssignmentView[]> {
    const out: RoleAssignmentView[] = [];
    for (const row of rows) {
      if (!row.grant.inherited) {
        out.push(row);
        continue;
      }
      const projects =
        row.grant.target === 'domain'
          ? (await this.ctx.store.resource.listProjects({ domainId: row.grant.targetId, isDomain: false })).map(
              (p) => p.id,
            )
          : await this.subtree(row.grant.targetId);
      for (const projectId of projects) {
        out.push({ ...row, grant: { ...row.grant, target: 'project', targetId: projectId, inherited: false } });
      }
    }
    return out;
  }

  private async subtree(projectId: string): Promise<string[]> {
    return (await projectSubtree(this.ctx.store.resource, projectId)).map((p) => p.id);
  }

  private async expandImplied(rows: RoleAssignmentView[]): Promise<RoleAssignmentView[]> {
    const rules = await this.ctx.store.assignment.listImpliedRoles();
    const out: RoleAssignmentView[] = [];
    const seen = new Set<string>();
    // Rows are distinct when their provenance differs (direct, via a group, implied by another role), as in Keystone.
    const key = (r: RoleAssignmentView) =>
      [
        r.grant.actorId,
        r.grant.target,
        r.grant.targetId,
        r.grant.roleId,
        r.grant.inherited,
        r.source.actorId,
        r.source.targetId,
        r.source.roleId,
        r.viaGroupId,
        r.priorRoleId,
      ].join('|');
    const push = (r: RoleAssignmentView) => {
      if (seen.has(key(r))) return false;
      seen.add(key(r));
      out.push(r);
      return true;
    };
    for (const row of rows) {
      push(row);
      const stack: Array<{ roleId: string; prior: string }> = rules
        .filter((r) => r.priorRoleId === row.grant.roleId)
        .map((r) => ({ roleId: r.impliedRoleId, prior: r.priorRoleId }));
      while (stack.length > 0) {
        const { roleId, prior } = stack.pop()!;
        const implied = { ...row, grant: { ...row.grant, roleId }, priorRoleId: prior };
        if (push(implied))
          for (const r of rules) if (r.priorRoleId === roleId) stack.push({ roleId: r.impliedRoleId, prior: roleId });
      }
    }
    return out;
  }
}

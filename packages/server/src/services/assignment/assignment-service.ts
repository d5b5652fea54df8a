import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { ProjectRecord } from '../resource/resource-driver.ts';
import { projectSubtree } from '../resource/project-tree.ts';
import { deleteUserCredentialsOnProjects } from '../application-credential/credentials-without-grounds.ts';
import type { ServiceContext } from '../service-context.ts';
import type { AssignmentRecord, AssignmentType, RoleRecord } from './assignment-driver.ts';
import type { RoleCache } from './role-cache.ts';

export type ActorKind = 'user' | 'group';
export type TargetKind = 'project' | 'domain' | 'system';
export const SYSTEM_TARGET = 'system';

export interface Grant {
  actor: ActorKind;
  actorId: string;
  target: TargetKind;
  targetId: string;
  roleId: string;
  inherited: boolean;
}

function assignmentType(actor: ActorKind, target: TargetKind): AssignmentType {
  const a = actor === 'user' ? 'User' : 'Group';
  const t = target === 'project' ? 'Project' : target === 'domain' ? 'Domain' : 'System';
  return `${a}${t}` as AssignmentType;
}

export function grantOf(record: AssignmentRecord): Grant {
  return {
    actor: record.type.startsWith('User') ? 'user' : 'group',
    actorId: record.actorId,
    target: record.type.endsWith('Project') ? 'project' : record.type.endsWith('Domain') ? 'domain' : 'system',
    targetId: record.targetId,
    roleId: record.roleId,
    inherited: record.inherited,
  };
}

/** Role grants and the effective roles they give (Keystone's "assignment" subsystem). */
export class AssignmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly roles: RoleCache,
  ) {}

  private toRecord(g: Grant): AssignmentRecord {
    return {
      type: assignmentType(g.actor, g.target),
      actorId: g.actorId,
      targetId: g.targetId,
      roleId: g.roleId,
      inherited: g.inherited,
    };
  }

  /** 404s for a missing actor, target or role; 403 for a domain-specific role outside its domain. */
  async checkGrantParts(
    g: Omit<Grant, 'roleId'> & { roleId?: string },
  ): Promise<{ role?: RoleRecord; targetDomainId?: string }> {
    const store = this.ctx.store;
    if (g.actor === 'user') {
      if (!(await store.identity.getUser(g.actorId))) throw NotFoundError.resource('user', g.actorId);
    } else if (!(await store.identity.getGroup(g.actorId))) throw NotFoundError.resource('group', g.actorId);
    let targetDomainId: string | undefined;
    if (g.target === 'project') {
      const project = await store.resource.getProject(g.targetId);
      if (!project) throw NotFoundError.resource('project', g.targetId);
      targetDomainId = project.isDomain ? project.id : project.domainId;
    } else if (g.target === 'domain') {
      const domain = await store.resource.getProject(g.targetId);
      if (!domain?.isDomain) throw NotFoundError.resource('domain', g.targetId);
      targetDomainId = domain.id;
    }
    if (g.roleId === undefined) return { targetDomainId };
    const role = await store.assignment.getRole(g.roleId);
    if (!role) throw NotFoundError.resource('role', g.roleId);
    if (role.domainId && targetDomainId !== undefined && role.domainId !== targetDomainId) {
      throw new ForbiddenError(
        `Cannot assign role ${role.id}: domain-specific roles can only be granted within their domain.`,
      );
    }
    return { role, targetDomainId };
  }

  /** Keystone's role_assignment notification wrapper: an event whether the change succeeded or failed. */
  private async audited(operation: 'created' | 'deleted', g: Grant, change: () => Promise<void>): Promise<void> {
    const grant = {
      roleId: g.roleId,
      inheritedToProjects: g.inherited,
      ...(g.actor === 'user' ? { userId: g.actorId } : { groupId: g.actorId }),
      ...(g.target === 'project' ? { projectId: g.targetId } : g.target === 'domain' ? { domainId: g.targetId } : {}),
    };
    try {
      await change();
    } catch (error) {
      this.ctx.audit.roleAssignment(operation, grant, 'failure');
      throw error;
    }
    this.ctx.audit.roleAssignment(operation, grant, 'success');
  }

  createGrant(g: Grant): Promise<void> {
    return this.audited('created', g, () => this.createGrantUnaudited(g));
  }

  private async createGrantUnaudited(g: Grant): Promise<void> {
    await this.checkGrantParts(g);
    await this.ctx.store.transaction(async (store) => {
      // A project or domain deleted meanwhile would keep the grant: the delete takes the row lock for update.
      if (g.target !== 'system' && !(await store.resource.lockProject(g.targetId, 'share'))) {
        throw NotFoundError.resource(g.target, g.targetId);
      }
      await store.assignment.createAssignment(this.toRecord(g));
    });
    this.ctx.invalidateTokenCache();
  }

  async checkGrant(g: Grant): Promise<void> {
    await this.checkGrantParts(g);
    const found = await this.ctx.store.assignment.listAssignments({
      types: [assignmentType(g.actor, g.target)],
      actorIds: [g.actorId],
      targetIds: [g.targetId],
      roleId: g.roleId,
      inherited: g.inherited,
    });
    if (found.length === 0)
      throw new NotFoundError(
        `Could not find role assignment with role: ${g.roleId}, ${g.actor}: ${g.actorId}, ${g.target}: ${g.targetId}.`,
      );
  }

  deleteGrant(g: Grant): Promise<void> {
    return this.audited('deleted', g, () => this.deleteGrantUnaudited(g));
  }

  private async deleteGrantUnaudited(g: Grant): Promise<void> {
    await this.checkGrantParts(g);
    // Read before the transaction: inside it only its own store may be used (SQLite has one connection, and a
    // query outside the transaction would wait for it forever).
    const credentialProjects =
      g.actor !== 'user' || g.target !== 'project'
        ? []
        : g.inherited
          ? (await this.subtreeIds(g.targetId)).filter((id) => id !== g.targetId)
          : [g.targetId];
    await this.ctx.store.transaction(async (store) => {
      if (!(await store.assignment.deleteAssignment(this.toRecord(g)))) {
        throw new NotFoundError(
          `Could not find role assignment with role: ${g.roleId}, ${g.actor}: ${g.actorId}, ${g.target}: ${g.targetId}.`,
        );
      }
      await deleteUserCredentialsOnProjects(store, g.actorId, credentialProjects);
    });
    this.ctx.invalidateTokenCache();
  }

  async listGrantRoles(g: Omit<Grant, 'roleId'>): Promise<RoleRecord[]> {
    await this.checkGrantParts({ ...g, roleId: undefined });
    const found = await this.ctx.store.assignment.listAssignments({
      types: [assignmentType(g.actor, g.target)],
      actorIds: [g.actorId],
      targetIds: [g.targetId],
      inherited: g.inherited,
    });
    return this.ctx.store.assignment.listRoles({ ids: [...new Set(found.map((a) => a.roleId))] });
  }

  private async actorIds(userId: string): Promise<string[]> {
    return [userId, ...(await this.ctx.store.identity.listGroupIdsForUser(userId))];
  }

  /**
   * Effective roles (inherited, group and implied roles included; domain-specific roles excluded): one statement
   * for the assignments of the user and of the user's groups, plus, for a project whose ancestors the caller has
   * not loaded, one for its parent chain. Role names and implied roles come from the role cache.
   */
  async effectiveRoles(
    userId: string,
    scope: { project: ProjectRecord; ancestorIds?: string[] } | { domainId: string } | { system: true },
  ): Promise<RoleRecord[]> {
    const store = this.ctx.store;
    let direct: AssignmentRecord[];
    if ('project' in scope) {
      const project = scope.project;
      const ancestorIds =
        scope.ancestorIds ??
        (await store.tokenScope.projectChain(project.id))
          .slice(1)
          .filter((p) => !p.isDomain)
          .map((p) => p.id);
      const found = await store.tokenScope.assignmentsOf(
        userId,
        ['UserProject', 'GroupProject', 'UserDomain', 'GroupDomain'],
        [project.id, project.domainId, ...ancestorIds],
      );
      direct = found.filter(
        (a) =>
          (a.targetId === project.id && !a.inherited && a.type.endsWith('Project')) ||
          (a.inherited && a.targetId !== project.id),
      );
    } else if ('domainId' in scope) {
      direct = (await store.tokenScope.assignmentsOf(userId, ['UserDomain', 'GroupDomain'], [scope.domainId])).filter(
        (a) => !a.inherited,
      );
    } else {
      direct = await store.tokenScope.assignmentsOf(userId, ['UserSystem', 'GroupSystem'], [SYSTEM_TARGET]);
    }
    if (direct.length === 0) return [];
    return this.roles.effective(new Set(direct.map((a) => a.roleId)));
  }

  /** Projects where the user has at least one effective role (for /auth/projects). */
  async projectsForUser(userId: string): Promise<ProjectRecord[]> {
    const store = this.ctx.store;
    const actorIds = await this.actorIds(userId);
    const found = await store.assignment.listAssignments({
      types: ['UserProject', 'GroupProject', 'UserDomain', 'GroupDomain'],
      actorIds,
    });
    const projectIds = new Set<string>();
    for (const a of found) {
      if (a.type.endsWith('Project')) {
        if (!a.inherited) projectIds.add(a.targetId);
        else for (const p of await this.subtreeIds(a.targetId)) projectIds.add(p);
      } else if (a.inherited) {
        for (const p of await store.resource.listProjects({ domainId: a.targetId, isDomain: false }))
          projectIds.add(p.id);
      }
    }
    return store.resource.listProjects({ ids: [...projectIds], isDomain: false });
  }

  async domainsForUser(userId: string): Promise<ProjectRecord[]> {
    const actorIds = await this.actorIds(userId);
    const found = await this.ctx.store.assignment.listAssignments({
      types: ['UserDomain', 'GroupDomain'],
      actorIds,
      inherited: false,
    });
    return this.ctx.store.resource.listProjects({ ids: [...new Set(found.map((a) => a.targetId))], isDomain: true });
  }

  async hasSystemRole(userId: string): Promise<boolean> {
    return (await this.effectiveRoles(userId, { system: true })).length > 0;
  }

  async subtreeIds(projectId: string): Promise<string[]> {
    return (await projectSubtree(this.ctx.store.resource, projectId)).map((p) => p.id);
  }
}

import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import { deleteCredentialsForRoleRemoval } from '../application-credential/credentials-without-grounds.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ImpliedRoleRecord, RoleFilter, RoleRecord } from './assignment-driver.ts';

/** Roles and role inference rules. */
export class RoleService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly prohibitedImpliedRoles: string[],
  ) {}

  async getRole(id: string): Promise<RoleRecord> {
    const role = await this.ctx.store.assignment.getRole(id);
    if (!role) throw NotFoundError.resource('role', id);
    return role;
  }

  listRoles(filter: RoleFilter): Promise<RoleRecord[]> {
    return this.ctx.store.assignment.listRoles(filter);
  }

  async findRoleByName(name: string, domainId: string | null = null): Promise<RoleRecord | undefined> {
    return (await this.ctx.store.assignment.listRoles({ name, domainId }))[0];
  }

  async createRole(input: {
    id?: string;
    name: string;
    domainId?: string | null;
    description?: string | null;
    options?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }) {
    if (input.domainId) {
      const domain = await this.ctx.store.resource.getProject(input.domainId);
      if (!domain?.isDomain) throw NotFoundError.resource('domain', input.domainId);
    }
    const role: RoleRecord = {
      id: input.id ?? newId(),
      name: input.name,
      domainId: input.domainId ?? null,
      description: input.description ?? null,
      options: input.options ?? {},
      extra: input.extra ?? {},
    };
    await this.ctx.store.assignment.createRole(role);
    this.ctx.rolesChanged();
    this.ctx.audit.resource('created', 'role', role.id);
    return role;
  }

  async updateRole(
    id: string,
    patch: {
      name?: string;
      description?: string | null;
      domainId?: string | null;
      options?: Record<string, unknown>;
      extra?: Record<string, unknown>;
    },
  ) {
    const role = await this.getRole(id);
    if (patch.domainId !== undefined && patch.domainId !== role.domainId) {
      throw new ValidationError('Update of `domain_id` is not allowed.');
    }
    if (
      role.options.immutable === true &&
      (patch.options?.immutable !== false || Object.keys(patch).some((k) => k !== 'options'))
    ) {
      throw new ForbiddenError(`Cannot modify role ${id}: it is immutable.`);
    }
    await this.ctx.store.assignment.updateRole(id, {
      name: patch.name,
      description: patch.description,
      options: patch.options === undefined ? undefined : { ...role.options, ...patch.options },
      extra: patch.extra === undefined ? undefined : { ...role.extra, ...patch.extra },
    });
    this.ctx.rolesChanged();
    this.ctx.audit.resource('updated', 'role', id);
    return this.getRole(id);
  }

  async deleteRole(id: string): Promise<void> {
    const role = await this.getRole(id);
    if (role.options.immutable === true) throw new ForbiddenError(`Cannot delete role ${id}: it is immutable.`);
    await this.ctx.store.transaction(async (store) => {
      await deleteCredentialsForRoleRemoval(store, id);
      await store.assignment.deleteAssignmentsFor({ roleId: id });
      await store.assignment.deleteRole(id);
    });
    this.ctx.rolesChanged();
    this.ctx.audit.resource('deleted', 'role', id);
  }

  listImpliedRoles(): Promise<ImpliedRoleRecord[]> {
    return this.ctx.store.assignment.listImpliedRoles();
  }

  async createImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    const implied = await this.getRole(impliedRoleId);
    if (this.prohibitedImpliedRoles.includes(implied.name)) {
      throw new ForbiddenError(`${implied.name} is not permitted to be an implied role.`);
    }
    const prior = await this.getRole(priorRoleId);
    if (prior.domainId === null && implied.domainId !== null) {
      throw new ForbiddenError('Implied role cannot be a domain-specific role when the prior role is a global role.');
    }
    const rules = await this.listImpliedRoles();
    if (rules.some((r) => r.priorRoleId === priorRoleId && r.impliedRoleId === impliedRoleId)) return;
    if (priorRoleId === impliedRoleId || this.reaches(rules, impliedRoleId, priorRoleId)) {
      throw new ConflictError(
        `Conflict occurred attempting to store implied_role - circular reference ${priorRoleId} -> ${impliedRoleId}.`,
      );
    }
    await this.ctx.store.assignment.createImpliedRole({ priorRoleId, impliedRoleId });
    this.ctx.rolesChanged();
  }

  async getImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    await this.getRole(priorRoleId);
    await this.getRole(impliedRoleId);
    const rules = await this.listImpliedRoles();
    if (!rules.some((r) => r.priorRoleId === priorRoleId && r.impliedRoleId === impliedRoleId)) {
      throw new NotFoundError(`${priorRoleId} does not imply ${impliedRoleId}.`);
    }
  }

  async deleteImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    await this.getImpliedRole(priorRoleId, impliedRoleId);
    await this.ctx.store.assignment.deleteImpliedRole({ priorRoleId, impliedRoleId });
    this.ctx.rolesChanged();
  }

  private reaches(rules: ImpliedRoleRecord[], from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const r of rules) if (r.priorRoleId === id) stack.push(r.impliedRoleId);
    }
    return false;
  }
}

/** Role ids plus everything they imply, transitively (cycle-safe). */
export function expandImpliedRoles(roleIds: Iterable<string>, rules: ImpliedRoleRecord[]): string[] {
  const result = new Set<string>();
  const stack = [...roleIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    for (const r of rules) if (r.priorRoleId === id) stack.push(r.impliedRoleId);
  }
  return [...result];
}

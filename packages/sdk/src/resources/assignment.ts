import { NotFoundError, ValidationError } from '../errors.ts';
import type { QueryValue, Session } from '../session.ts';
import { Collection, type CallOptions } from './collection.ts';
import type { Role, RoleAssignment, RoleCreate, RoleFilters } from './types.ts';

/**
 * Turns names into ids (ids pass through); implemented by {@link IdentityClient}.
 *
 * @example
 * ```ts
 * const projectId = await identity.resolver.projectId('demo', 'Default');
 * ```
 */
export interface NameResolver {
  domainId(nameOrId: string): Promise<string>;
  userId(nameOrId: string, domain?: string): Promise<string>;
  groupId(nameOrId: string, domain?: string): Promise<string>;
  projectId(nameOrId: string, domain?: string): Promise<string>;
  roleId(nameOrId: string, domain?: string): Promise<string>;
}

/**
 * Who gets which role where. Names or ids are accepted (set `resolve: false` to skip lookups when passing ids);
 * `*_domain` narrows a name lookup, as openstackclient's `--user-domain`, `--project-domain`, `--role-domain`.
 *
 * @example
 * ```ts
 * const spec: GrantSpec = { role: 'member', group: 'devs', group_domain: 'Default', domain: 'Default', inherited: true };
 * await identity.roles.grant(spec);
 * ```
 */
export interface GrantSpec {
  role: string;
  role_domain?: string;
  user?: string;
  user_domain?: string;
  group?: string;
  group_domain?: string;
  project?: string;
  project_domain?: string;
  domain?: string;
  /** System scope (`true` or `'all'`). */
  system?: boolean | 'all';
  /** OS-INHERIT: the role is inherited by the projects below the project/domain. */
  inherited?: boolean;
  resolve?: boolean;
}

/**
 * The grant's target without the role: used to list the roles granted there.
 *
 * @example
 * ```ts
 * const roles = await identity.roles.listGrants({ user: 'alice', project: 'demo' } satisfies GrantTarget);
 * ```
 */
export type GrantTarget = Omit<GrantSpec, 'role' | 'role_domain'>;

/**
 * Filters of GET /v3/role_assignments (names or ids, resolved unless `resolve: false`).
 *
 * @example
 * ```ts
 * const filters: RoleAssignmentFilters = { project: 'demo', effective: true, include_names: true };
 * await identity.roleAssignments.list(filters);
 * ```
 */
export interface RoleAssignmentFilters {
  user?: string;
  user_domain?: string;
  group?: string;
  group_domain?: string;
  role?: string;
  role_domain?: string;
  project?: string;
  project_domain?: string;
  domain?: string;
  system?: boolean;
  /** Expand group memberships and inheritance into per-user rows. */
  effective?: boolean;
  include_names?: boolean;
  include_subtree?: boolean;
  /** Only assignments inherited to projects. */
  inherited?: boolean;
  resolve?: boolean;
}

function usage(message: string): ValidationError {
  return new ValidationError({ status: 400, title: 'Bad Request', keystoneMessage: message, local: true });
}

/**
 * /v3/roles, plus role grants on projects, domains and the system for users and groups (and OS-INHERIT).
 * Filters: `name`, `domain_id`, and `TextFilters` on both (`name__contains`, …).
 *
 * @example
 * ```ts
 * await identity.roles.grant({ role: 'member', user: 'alice', user_domain: 'Default', project: 'demo', project_domain: 'Default' });
 * await identity.roles.check({ role: 'member', user: alice.id, project: demo.id, resolve: false }); // true
 * await identity.roles.grant({ role: 'reader', group: 'auditors', system: 'all' });
 * ```
 */
export class Roles extends Collection<Role, RoleCreate, Partial<Role>, RoleFilters> {
  constructor(
    session: Session,
    private readonly resolver: NameResolver,
  ) {
    super(session, { path: '/roles', key: 'role', plural: 'roles', nameFilter: true });
  }

  private async grantPath(spec: GrantTarget, role?: { name: string; domain?: string }): Promise<string> {
    const resolve = spec.resolve ?? true;
    if (Boolean(spec.user) === Boolean(spec.group)) throw usage('Specify exactly one of user or group.');
    const targets = [spec.project, spec.domain, spec.system].filter((t) => t !== undefined && t !== false).length;
    if (targets !== 1) throw usage('Specify exactly one of project, domain or system.');
    if (spec.inherited && spec.system) throw usage('System role assignments cannot be inherited.');
    const r = this.resolver;
    const actor = spec.user
      ? `users/${encodeURIComponent(resolve ? await r.userId(spec.user, spec.user_domain) : spec.user)}`
      : `groups/${encodeURIComponent(resolve ? await r.groupId(spec.group!, spec.group_domain) : spec.group!)}`;
    let roleId = '';
    if (role) roleId = `/${encodeURIComponent(resolve ? await r.roleId(role.name, role.domain) : role.name)}`;
    if (spec.system) return `/system/${actor}/roles${roleId}`;
    const target = spec.project
      ? `projects/${encodeURIComponent(resolve ? await r.projectId(spec.project, spec.project_domain) : spec.project)}`
      : `domains/${encodeURIComponent(resolve ? await r.domainId(spec.domain!) : spec.domain!)}`;
    if (spec.inherited) return `/OS-INHERIT/${target}/${actor}/roles${roleId}/inherited_to_projects`;
    return `/${target}/${actor}/roles${roleId}`;
  }

  /** Grants a role (PUT; idempotent). */
  async grant(spec: GrantSpec, options?: CallOptions): Promise<void> {
    const path = await this.grantPath(spec, { name: spec.role, domain: spec.role_domain });
    await this.session.request(path, { method: 'PUT', signal: options?.signal });
  }

  /** Revokes a role grant. */
  async revoke(spec: GrantSpec, options?: CallOptions): Promise<void> {
    const path = await this.grantPath(spec, { name: spec.role, domain: spec.role_domain });
    await this.session.request(path, { method: 'DELETE', signal: options?.signal });
  }

  /** True if exactly this grant exists (HEAD). */
  async check(spec: GrantSpec, options?: CallOptions): Promise<boolean> {
    const path = await this.grantPath(spec, { name: spec.role, domain: spec.role_domain });
    try {
      await this.session.request(path, { method: 'HEAD', signal: options?.signal });
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  /** Roles granted directly on a target to a user or group. */
  async listGrants(target: GrantTarget, options?: CallOptions): Promise<Role[]> {
    const res = await this.session.request<{ roles: Role[] }>(await this.grantPath(target), {
      signal: options?.signal,
    });
    return res.body.roles;
  }
}

/**
 * GET /v3/role_assignments.
 *
 * @example
 * ```ts
 * const rows = await identity.roleAssignments.list({ user: 'alice', project: 'demo', effective: true, include_names: true });
 * ```
 */
export class RoleAssignments {
  constructor(
    private readonly session: Session,
    private readonly resolver: NameResolver,
  ) {}

  async list(filters: RoleAssignmentFilters = {}, options?: CallOptions): Promise<RoleAssignment[]> {
    const resolve = filters.resolve ?? true;
    const r = this.resolver;
    const id = async (value: string | undefined, lookup: (v: string) => Promise<string>) =>
      value === undefined ? undefined : resolve ? lookup(value) : value;
    const query: Record<string, QueryValue> = {
      'user.id': await id(filters.user, (v) => r.userId(v, filters.user_domain)),
      'group.id': await id(filters.group, (v) => r.groupId(v, filters.group_domain)),
      'role.id': await id(filters.role, (v) => r.roleId(v, filters.role_domain)),
      'scope.project.id': await id(filters.project, (v) => r.projectId(v, filters.project_domain)),
      'scope.domain.id': await id(filters.domain, (v) => r.domainId(v)),
      'scope.system': filters.system ? 'all' : undefined,
      'scope.OS-INHERIT:inherited_to': filters.inherited ? 'projects' : undefined,
      effective: filters.effective ? '' : undefined,
      include_names: filters.include_names ? '' : undefined,
      include_subtree: filters.include_subtree ? '' : undefined,
    };
    const res = await this.session.request<{ role_assignments: RoleAssignment[] }>('/role_assignments', {
      query,
      signal: options?.signal,
    });
    return res.body.role_assignments;
  }
}

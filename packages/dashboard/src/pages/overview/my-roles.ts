import type { RoleAssignment } from '@xloud/sdk/browser';

/** One of my roles on one scope, with where it comes from. */
export interface MyRole {
  id: string;
  name: string;
  /** Only implied by other roles I hold (no direct or group assignment of its own). */
  implied: boolean;
  /** The names of the roles that imply it. */
  impliedBy: string[];
  /** Held through a group membership rather than (or as well as) directly. */
  viaGroup: boolean;
  inherited: boolean;
}

export type ScopeKey = `project:${string}` | `domain:${string}` | 'system';

function assignmentScopeKey(scope: RoleAssignment['scope']): ScopeKey | undefined {
  if (scope.project) return `project:${scope.project.id}`;
  if (scope.domain) return `domain:${scope.domain.id}`;
  if (scope.system) return 'system';
  return undefined;
}

/** The role id at the end of a `links.prior_role` URL. */
function priorRoleId(assignment: RoleAssignment): string | undefined {
  const link = (assignment.links as { prior_role?: string } | undefined)?.prior_role;
  return link ? decodeURIComponent(link.slice(link.lastIndexOf('/') + 1)) : undefined;
}

/**
 * Groups effective role assignments (`effective&include_names`) by scope. Keystone lists one row per provenance:
 * direct, via a group (`links.membership`), implied by another role (`links.prior_role`); a role is "implied" when
 * every row of it on that scope is.
 */
export function rolesByScope(assignments: readonly RoleAssignment[]): Map<ScopeKey, MyRole[]> {
  const names = new Map(assignments.map((a) => [a.role.id, a.role.name ?? a.role.id]));
  const rows = new Map<ScopeKey, Map<string, RoleAssignment[]>>();
  for (const a of assignments) {
    const key = assignmentScopeKey(a.scope);
    if (!key) continue;
    const scope = rows.get(key) ?? new Map<string, RoleAssignment[]>();
    scope.set(a.role.id, [...(scope.get(a.role.id) ?? []), a]);
    rows.set(key, scope);
  }
  const out = new Map<ScopeKey, MyRole[]>();
  for (const [key, byRole] of rows) {
    const roles = [...byRole.entries()].map(([id, list]): MyRole => {
      const priors = list.map(priorRoleId);
      return {
        id,
        name: names.get(id) ?? id,
        implied: priors.every((p) => p !== undefined),
        impliedBy: [...new Set(priors.filter((p): p is string => p !== undefined).map((p) => names.get(p) ?? p))],
        viaGroup: list.some(
          (a) => Boolean(a.group) || Boolean((a.links as { membership?: string } | undefined)?.membership),
        ),
        inherited: list.some((a) => Boolean(a.scope['OS-INHERIT:inherited_to'])),
      };
    });
    out.set(
      key,
      roles.sort((a, b) => Number(a.implied) - Number(b.implied) || a.name.localeCompare(b.name)),
    );
  }
  return out;
}

import type { TokenData } from '@xloud/sdk/browser';
import { usePermissions, type Permissions } from '../../../permissions/usePermissions.ts';
import { useCurrentSession } from '../../../session/SessionProvider.tsx';

/**
 * The policy target the admin pages ask about. A domain-scoped token (a domain admin or manager) passes Keystone's
 * domain rules only for objects in its own domain, so the check is made for that domain's users, groups and
 * projects; project- and system-scoped tokens are judged on their roles alone (rule:admin_required, system reader).
 */
export function adminTarget(token: TokenData): Record<string, unknown> | undefined {
  const domainId = token.domain?.id;
  if (!domainId) return undefined;
  return {
    domain_id: domainId,
    domain: { id: domainId },
    user: { domain_id: domainId },
    group: { domain_id: domainId },
    project: { domain_id: domainId },
  };
}

/** usePermissions with the admin pages' target: what the buttons of a page may offer. */
export function useAdminPermissions(actions: readonly string[]): Permissions {
  const session = useCurrentSession();
  return usePermissions(actions, adminTarget(session.token));
}

/** What the token may do with one kind of object: create, update, delete. */
export interface CrudRights {
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
}

/** The create/update/delete rights on users, groups, projects or domains (identity:create_user, ...). */
export function useCrudRights(kind: 'user' | 'group' | 'project' | 'domain'): CrudRights {
  const actions = [`identity:create_${kind}`, `identity:update_${kind}`, `identity:delete_${kind}`];
  const permissions = useAdminPermissions(actions);
  return {
    canCreate: permissions.allowed(actions[0]) === true,
    canUpdate: permissions.allowed(actions[1]) === true,
    canDelete: permissions.allowed(actions[2]) === true,
  };
}

/** The domain new objects go to by default: the token's domain, else the project's domain, else `default`. */
export function homeDomainId(token: TokenData): string {
  return token.domain?.id ?? token.project?.domain?.id ?? 'default';
}

import { useQuery } from '@tanstack/react-query';
import { identity } from '../../api/identity.ts';
import { usePermissions } from '../../permissions/usePermissions.ts';
import { scopeKey } from '../../session/scope.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { rolesByScope, type MyRole, type ScopeKey } from './my-roles.ts';

const ACTION = 'identity:list_role_assignments';

export interface MyRoles {
  /** undefined when the breakdown is not available to this user (policy) or failed: show the token's roles. */
  byScope?: Map<ScopeKey, MyRole[]>;
  isLoading: boolean;
}

/**
 * My effective roles on every project and domain, with implied roles marked. Keystone's default policy lets only
 * administrators and readers list role assignments, so the server is asked first (policy-check) and a plain member
 * never sends a request that would be refused: the page then shows the roles the token carries, without an error.
 */
export function useMyRoles(): MyRoles {
  const { token } = useCurrentSession();
  const permissions = usePermissions([ACTION]);
  const allowed = permissions.allowed(ACTION);
  const query = useQuery({
    queryKey: ['my-role-assignments', token.user.id, scopeKey(token)],
    queryFn: async () =>
      rolesByScope(
        await identity.roleAssignments.list({
          user: token.user.id,
          effective: true,
          include_names: true,
          resolve: false,
        }),
      ),
    enabled: allowed === true,
    retry: false,
    staleTime: 60_000,
  });
  return { byScope: query.data, isLoading: allowed === undefined || (allowed === true && query.isPending) };
}

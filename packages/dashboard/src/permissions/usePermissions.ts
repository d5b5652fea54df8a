import { useQuery } from '@tanstack/react-query';
import { identity } from '../api/identity.ts';
import { scopeKey } from '../session/scope.ts';
import { useCurrentSession } from '../session/SessionProvider.tsx';

export interface Permissions {
  /** undefined while the server is being asked. */
  allowed(action: string): boolean | undefined;
  isLoading: boolean;
}

/**
 * Which of these policy actions the current token passes, as the server's policy engine decides them
 * (POST /v3/OS-XLOUD/policy-check). The console shows or hides actions with it; the API still enforces.
 */
export function usePermissions(actions: readonly string[], target?: Record<string, unknown>): Permissions {
  const session = useCurrentSession();
  const query = useQuery({
    queryKey: ['policy-check', scopeKey(session.token), [...actions].sort(), target ?? null],
    queryFn: () => identity.xloud.policyCheck([...actions], target),
    staleTime: 5 * 60_000,
  });
  return {
    allowed: (action) => (query.data ? Boolean(query.data[action]?.allowed) : undefined),
    isLoading: query.isLoading,
  };
}

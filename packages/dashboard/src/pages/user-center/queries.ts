import { useQuery } from '@tanstack/react-query';
import type { Domain, Group, Project, SignIn, User } from '@xloud/sdk/browser';
import { identity } from '../../api/identity.ts';
import { errorKind } from '../../api/errors.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';

/** How many sign-ins the activity tab shows. */
export const SIGN_IN_LIMIT = 20;

/** Query keys of the User Center, all under the signed-in user's id. */
export const userCenterKeys = {
  me: (userId: string) => ['user-center', userId, 'user'] as const,
  projects: (userId: string) => ['user-center', userId, 'auth-projects'] as const,
  domains: (userId: string) => ['user-center', userId, 'auth-domains'] as const,
  groups: (userId: string) => ['user-center', userId, 'groups'] as const,
  signIns: (userId: string) => ['user-center', userId, 'sign-ins'] as const,
  passwordRules: (domainId: string) => ['user-center', 'password-rules', domainId] as const,
};

/** The signed-in user's id. */
export function useMyId(): string {
  return useCurrentSession().token.user.id;
}

/** GET /v3/users/{me}: the user with its extra attributes (first_name, phone, ...). */
export function useMe() {
  const id = useMyId();
  return useQuery<User>({
    queryKey: userCenterKeys.me(id),
    queryFn: ({ signal }) => identity.users.get(id, { signal }),
  });
}

/** GET /v3/auth/projects: the projects I can scope to. */
export function useMyProjects() {
  const id = useMyId();
  return useQuery<Project[]>({
    queryKey: userCenterKeys.projects(id),
    queryFn: ({ signal }) => identity.auth.projects({ signal }),
    staleTime: 60_000,
  });
}

/** GET /v3/auth/domains: the domains I can scope to. */
export function useMyDomains() {
  const id = useMyId();
  return useQuery<Domain[]>({
    queryKey: userCenterKeys.domains(id),
    queryFn: ({ signal }) => identity.auth.domains({ signal }),
    staleTime: 60_000,
  });
}

/** GET /v3/users/{me}/groups. */
export function useMyGroups() {
  const id = useMyId();
  return useQuery<Group[]>({
    queryKey: userCenterKeys.groups(id),
    queryFn: ({ signal }) => identity.users.listGroups(id, { signal }),
  });
}

/** GET /v3/OS-XLOUD/users/{me}/sign-ins?limit=20, newest first. */
export function useMySignIns() {
  const id = useMyId();
  return useQuery<SignIn[]>({
    queryKey: userCenterKeys.signIns(id),
    queryFn: ({ signal }) => identity.users.listSignIns(id, { limit: SIGN_IN_LIMIT }, { signal }),
  });
}

/**
 * `[security_compliance] password_regex_description`, as Keystone exposes it to any token of the domain
 * (GET /v3/domains/{domain_id}/config/security_compliance/password_regex_description). The rules are global and
 * Keystone serves them for the default domain only, so a user of another domain reads the default domain's.
 * `null` when no rule is configured.
 */
export function usePasswordRules() {
  const domainId = useCurrentSession().token.user.domain.id;
  return useQuery<string | null>({
    queryKey: userCenterKeys.passwordRules(domainId),
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const read = async (domain: string) => {
        const res = await identity.session.request<{ config: { password_regex_description?: string | null } }>(
          `/domains/${encodeURIComponent(domain)}/config/security_compliance/password_regex_description`,
          { signal },
        );
        return res.body.config.password_regex_description ?? null;
      };
      try {
        return await read(domainId);
      } catch (error) {
        if (domainId === 'default' || errorKind(error) !== 'validation') throw error;
        return read('default');
      }
    },
  });
}

import type { PolicyCredentials } from '../policy/index.ts';
import type { TokenModel } from '../services/auth/token-model.ts';

/**
 * What Keystone's request context holds: keystonemiddleware passes the token body's is_admin_project on,
 * true when the body has none (keystoneauth's default), and Keystone forces it false for domain-scoped tokens.
 */
function isAdminProjectCredential(token: TokenModel): boolean {
  if (token.domain) return false;
  return token.isAdminProject ?? true;
}

/** The policy engine's view of a validated token (oslo.context's to_policy_values). */
export function policyCredentials(token: TokenModel): PolicyCredentials {
  return {
    user_id: token.user.id,
    user_domain_id: token.user.domainId,
    project_id: token.project?.id,
    project_domain_id: token.project?.domainId,
    domain_id: token.domain?.id,
    system_scope: token.system,
    roles: token.roles.map((r) => r.name),
    is_admin_project: isAdminProjectCredential(token),
    token: { user_id: token.user.id },
  };
}

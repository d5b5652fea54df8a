import type { PolicyCredentials } from './credentials.ts';
import type { ScopeType } from './policy-rule.ts';

export type TokenScope = ScopeType | 'unscoped';

/** The scope of the token the credentials came from, most specific marker first. */
export function tokenScopeOf(creds: PolicyCredentials): TokenScope {
  if (creds.system_scope) return 'system';
  if (creds.domain_id) return 'domain';
  if (creds.project_id) return 'project';
  return 'unscoped';
}

/**
 * Whether a token of `scope` may use a rule at all. scope_types are always
 * enforced (as in current Keystone). Like oslo.policy, an unscoped token counts
 * as project-scoped: it carries no roles, so only role-free rules (a user
 * validating or revoking their own token, reading themselves) can pass.
 */
export function scopeAllows(scopeTypes: readonly ScopeType[] | undefined, scope: TokenScope): boolean {
  if (!scopeTypes || scopeTypes.length === 0) return true;
  return scopeTypes.includes(scope === 'unscoped' ? 'project' : scope);
}

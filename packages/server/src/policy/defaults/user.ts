import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, DOMAIN_READER, SYSTEM_READER } from './base.ts';
import { getAndHead, op } from './operation.ts';

const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_SELF =
  `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ` +
  '(role:reader and token.domain.id:%(target.user.domain_id)s) or user_id:%(target.user.id)s';
/** For lists, `target.domain_id` is the caller's own domain (Keystone then filters the results). */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or (${DOMAIN_READER})`;
/** identity:update_user's default; the OS-XLOUD two-factor reset mirrors it. */
export const ADMIN_OR_DOMAIN_MANAGER = `(${ADMIN_REQUIRED}) or (role:manager and token.domain.id:%(target.user.domain_id)s)`;

const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];

export const userRules: PolicyRule[] = [
  {
    name: 'identity:get_user',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_SELF,
    scopeTypes: ANY_SCOPE,
    description: 'Show user details.',
    operations: getAndHead('/v3/users/{user_id}'),
  },
  {
    name: 'identity:list_users',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ANY_SCOPE,
    description: 'List users.',
    operations: getAndHead('/v3/users'),
  },
  {
    // No scope_types: meant for unscoped tokens, to discover what to scope to.
    name: 'identity:list_projects_for_user',
    checkStr: '',
    description: 'List the projects the caller has access to through role assignments.',
    operations: [op('GET', '/v3/auth/projects')],
  },
  {
    name: 'identity:list_domains_for_user',
    checkStr: '',
    description: 'List the domains the caller has access to through role assignments.',
    operations: [op('GET', '/v3/auth/domains')],
  },
  {
    name: 'identity:create_user',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Create a user.',
    operations: [op('POST', '/v3/users')],
  },
  {
    name: 'identity:update_user',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Update a user, including an administrative password reset.',
    operations: [op('PATCH', '/v3/users/{user_id}')],
  },
  {
    name: 'identity:delete_user',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Delete a user.',
    operations: [op('DELETE', '/v3/users/{user_id}')],
  },
];

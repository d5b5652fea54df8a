import type { PolicyRule } from '../policy-rule.ts';
import { getAndHead } from './operation.ts';

/*
 * Discovery APIs any valid token may call. They carry no scope_types because
 * they are meant for unscoped tokens too (to find something to scope to).
 */
export const authRules: PolicyRule[] = [
  {
    name: 'identity:get_auth_catalog',
    checkStr: '',
    description: 'Get the service catalog for the current token.',
    operations: getAndHead('/v3/auth/catalog'),
  },
  {
    name: 'identity:get_auth_projects',
    checkStr: '',
    description: 'List the projects the caller can scope to.',
    operations: getAndHead('/v3/auth/projects'),
  },
  {
    name: 'identity:get_auth_domains',
    checkStr: '',
    description: 'List the domains the caller can scope to.',
    operations: getAndHead('/v3/auth/domains'),
  },
  {
    name: 'identity:get_auth_system',
    checkStr: '',
    description: 'List the system scopes the caller can scope to.',
    operations: getAndHead('/v3/auth/system'),
  },
];

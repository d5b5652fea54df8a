import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

/** A domain manager may see the roles it is allowed to hand out. */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_MANAGER_FOR_ROLE = `(${ADMIN_OR_SYSTEM_READER}) or (role:manager and rule:domain_managed_target_role)`;
/** `not domain_id:None` means "the token is domain-scoped". */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_MANAGER = `(${ADMIN_OR_SYSTEM_READER}) or (role:manager and not domain_id:None)`;

/*
 * The domain-role variants guard the same URLs when the role is domain-specific
 * (has a domain_id); Keystone picks the rule after loading the role.
 */
export const roleRules: PolicyRule[] = [
  {
    name: 'identity:get_role',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_MANAGER_FOR_ROLE,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Show role details.',
    operations: getAndHead('/v3/roles/{role_id}'),
  },
  {
    name: 'identity:list_roles',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_MANAGER,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'List roles.',
    operations: getAndHead('/v3/roles'),
  },
  {
    name: 'identity:create_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a role.',
    operations: [op('POST', '/v3/roles')],
  },
  {
    name: 'identity:update_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update a role.',
    operations: [op('PATCH', '/v3/roles/{role_id}')],
  },
  {
    name: 'identity:delete_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a role.',
    operations: [op('DELETE', '/v3/roles/{role_id}')],
  },
  {
    name: 'identity:get_domain_role',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show a domain-specific role.',
    operations: getAndHead('/v3/roles/{role_id}'),
  },
  {
    name: 'identity:list_domain_roles',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List the roles specific to a domain.',
    operations: getAndHead('/v3/roles?domain_id={domain_id}'),
  },
  {
    name: 'identity:create_domain_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a domain-specific role.',
    operations: [op('POST', '/v3/roles')],
  },
  {
    name: 'identity:update_domain_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update a domain-specific role.',
    operations: [op('PATCH', '/v3/roles/{role_id}')],
  },
  {
    name: 'identity:delete_domain_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a domain-specific role.',
    operations: [op('DELETE', '/v3/roles/{role_id}')],
  },
];

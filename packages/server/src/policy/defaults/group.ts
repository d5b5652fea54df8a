import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { getAndHead, op } from './operation.ts';

const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or (role:reader and domain_id:%(target.group.domain_id)s)`;
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_FOR_USER_OR_OWNER =
  `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ` +
  '(role:reader and domain_id:%(target.user.domain_id)s) or user_id:%(user_id)s';
/** Membership APIs need both the group and the user inside the caller's domain. */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_FOR_GROUP_AND_USER =
  `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ` +
  '(role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.user.domain_id)s)';
const ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP = `(${ADMIN_REQUIRED}) or (role:manager and domain_id:%(target.group.domain_id)s)`;
const ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP_AND_USER =
  `(${ADMIN_REQUIRED}) or ` +
  '(role:manager and domain_id:%(target.group.domain_id)s and domain_id:%(target.user.domain_id)s)';

const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];

export const groupRules: PolicyRule[] = [
  {
    name: 'identity:get_group',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ANY_SCOPE,
    description: 'Show group details.',
    operations: getAndHead('/v3/groups/{group_id}'),
  },
  {
    name: 'identity:list_groups',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ANY_SCOPE,
    description: 'List groups.',
    operations: getAndHead('/v3/groups'),
  },
  {
    name: 'identity:list_groups_for_user',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_FOR_USER_OR_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'List the groups a user belongs to.',
    operations: getAndHead('/v3/users/{user_id}/groups'),
  },
  {
    name: 'identity:create_group',
    checkStr: ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP,
    scopeTypes: ANY_SCOPE,
    description: 'Create a group.',
    operations: [op('POST', '/v3/groups')],
  },
  {
    name: 'identity:update_group',
    checkStr: ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP,
    scopeTypes: ANY_SCOPE,
    description: 'Update a group.',
    operations: [op('PATCH', '/v3/groups/{group_id}')],
  },
  {
    name: 'identity:delete_group',
    checkStr: ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP,
    scopeTypes: ANY_SCOPE,
    description: 'Delete a group.',
    operations: [op('DELETE', '/v3/groups/{group_id}')],
  },
  {
    name: 'identity:list_users_in_group',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ANY_SCOPE,
    description: 'List the members of a group.',
    operations: getAndHead('/v3/groups/{group_id}/users'),
  },
  {
    name: 'identity:remove_user_from_group',
    checkStr: ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP_AND_USER,
    scopeTypes: ANY_SCOPE,
    description: 'Remove a user from a group.',
    operations: [op('DELETE', '/v3/groups/{group_id}/users/{user_id}')],
  },
  {
    name: 'identity:check_user_in_group',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_FOR_GROUP_AND_USER,
    scopeTypes: ANY_SCOPE,
    description: 'Check whether a user belongs to a group.',
    operations: [
      op('HEAD', '/v3/groups/{group_id}/users/{user_id}'),
      op('GET', '/v3/groups/{group_id}/users/{user_id}'),
    ],
  },
  {
    name: 'identity:add_user_to_group',
    checkStr: ADMIN_OR_DOMAIN_MANAGER_FOR_GROUP_AND_USER,
    scopeTypes: ANY_SCOPE,
    description: 'Add a user to a group.',
    operations: [op('PUT', '/v3/groups/{group_id}/users/{user_id}')],
  },
];

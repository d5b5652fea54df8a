import type { PolicyOperation, PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

/**
 * A domain-scoped caller with `role` whose domain owns both the actor (user or
 * group) and the target (project or domain) of the grant.
 */
function actorAndTargetInCallersDomain(role: string): string {
  return [
    `(role:${role} and domain_id:%(target.user.domain_id)s and domain_id:%(target.project.domain_id)s)`,
    `(role:${role} and domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s)`,
    `(role:${role} and domain_id:%(target.group.domain_id)s and domain_id:%(target.project.domain_id)s)`,
    `(role:${role} and domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)`,
  ].join(' or ');
}

/** The granted role is global, or specific to the caller's own domain. */
const ROLE_IS_GLOBAL_OR_IN_CALLERS_DOMAIN = '(domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)';

const CHECK_GRANT =
  `(${ADMIN_REQUIRED}) or ((${SYSTEM_READER}) or (${actorAndTargetInCallersDomain('reader')}) ` +
  `and ${ROLE_IS_GLOBAL_OR_IN_CALLERS_DOMAIN})`;
const LIST_GRANTS = `(${ADMIN_REQUIRED}) or ((${SYSTEM_READER}) or ${actorAndTargetInCallersDomain('reader')})`;
/** Domain admins may grant any suitable role; domain managers only domain_managed_target_role. */
const CHANGE_GRANT =
  `(${ADMIN_REQUIRED}) or (${actorAndTargetInCallersDomain('admin')}) and ${ROLE_IS_GLOBAL_OR_IN_CALLERS_DOMAIN} ` +
  `or (${actorAndTargetInCallersDomain('manager')}) and rule:domain_managed_target_role`;

const GRANT_MEMBER_PATHS = [
  '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}',
  '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}',
  '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}',
  '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}',
  '/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects',
  '/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects',
  '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects',
  '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects',
];
const GRANT_LIST_PATHS = [
  '/v3/projects/{project_id}/users/{user_id}/roles',
  '/v3/projects/{project_id}/groups/{group_id}/roles',
  '/v3/domains/{domain_id}/users/{user_id}/roles',
  '/v3/domains/{domain_id}/groups/{group_id}/roles',
];
const INHERITED_GRANT_LIST_PATHS = [
  '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/inherited_to_projects',
  '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/inherited_to_projects',
];

function each(methods: string[], paths: string[]): PolicyOperation[] {
  return paths.flatMap((path) => methods.map((method) => op(method, path)));
}

const projectAndDomainGrantRules: PolicyRule[] = [
  {
    name: 'identity:check_grant',
    checkStr: CHECK_GRANT,
    scopeTypes: ['system', 'domain', 'project'],
    description:
      'Check whether an actor (user or group) holds a role on a target (project or domain), ' +
      'including OS-INHERIT grants that apply to the projects below the target.',
    operations: each(['HEAD', 'GET'], GRANT_MEMBER_PATHS),
  },
  {
    name: 'identity:list_grants',
    checkStr: LIST_GRANTS,
    scopeTypes: ['system', 'domain', 'project'],
    description:
      'List the roles an actor (user or group) holds on a target (project or domain), ' +
      'or the OS-INHERIT roles it passes down to the projects of a domain.',
    operations: [...each(['GET', 'HEAD'], GRANT_LIST_PATHS), ...each(['GET'], INHERITED_GRANT_LIST_PATHS)],
  },
  {
    name: 'identity:create_grant',
    checkStr: CHANGE_GRANT,
    scopeTypes: ['system', 'domain', 'project'],
    description:
      'Grant an actor (user or group) a role on a target (project or domain), ' +
      'or, through OS-INHERIT, on every project below the target.',
    operations: each(['PUT'], GRANT_MEMBER_PATHS),
  },
  {
    name: 'identity:revoke_grant',
    checkStr: CHANGE_GRANT,
    scopeTypes: ['system', 'domain', 'project'],
    description:
      'Remove a role grant between an actor (user or group) and a target (project or domain); ' +
      'removing an OS-INHERIT grant also ends its effect on the projects below the target.',
    operations: each(['DELETE'], GRANT_MEMBER_PATHS),
  },
];

const systemGrantRules: PolicyRule[] = [
  {
    name: 'identity:list_system_grants_for_user',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List the system roles of a user.',
    operations: each(['HEAD', 'GET'], ['/v3/system/users/{user_id}/roles']),
  },
  {
    name: 'identity:check_system_grant_for_user',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Check whether a user holds a role on the system.',
    operations: each(['HEAD', 'GET'], ['/v3/system/users/{user_id}/roles/{role_id}']),
  },
  {
    name: 'identity:create_system_grant_for_user',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Grant a user a role on the system.',
    operations: [op('PUT', '/v3/system/users/{user_id}/roles/{role_id}')],
  },
  {
    name: 'identity:revoke_system_grant_for_user',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Remove a system role from a user.',
    operations: [op('DELETE', '/v3/system/users/{user_id}/roles/{role_id}')],
  },
  {
    name: 'identity:list_system_grants_for_group',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List the system roles of a group.',
    operations: each(['HEAD', 'GET'], ['/v3/system/groups/{group_id}/roles']),
  },
  {
    name: 'identity:check_system_grant_for_group',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Check whether a group holds a role on the system.',
    operations: each(['HEAD', 'GET'], ['/v3/system/groups/{group_id}/roles/{role_id}']),
  },
  {
    name: 'identity:create_system_grant_for_group',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Grant a group a role on the system.',
    operations: [op('PUT', '/v3/system/groups/{group_id}/roles/{role_id}')],
  },
  {
    name: 'identity:revoke_system_grant_for_group',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Remove a system role from a group.',
    operations: [op('DELETE', '/v3/system/groups/{group_id}/roles/{role_id}')],
  },
];

/** Keystone keeps project/domain, OS-INHERIT and system grants in one module (grant.py). */
export const grantRules: PolicyRule[] = [...projectAndDomainGrantRules, ...systemGrantRules];

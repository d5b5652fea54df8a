import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

/* An implied-role rule says "whoever is given the prior role also gets the implied role". */
export const impliedRoleRules: PolicyRule[] = [
  {
    name: 'identity:get_implied_role',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show one role inference rule.',
    operations: [op('GET', '/v3/roles/{prior_role_id}/implies/{implied_role_id}')],
  },
  {
    name: 'identity:list_implied_roles',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List the roles implied by a prior role.',
    operations: getAndHead('/v3/roles/{prior_role_id}/implies'),
  },
  {
    name: 'identity:create_implied_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a role inference rule.',
    operations: [op('PUT', '/v3/roles/{prior_role_id}/implies/{implied_role_id}')],
  },
  {
    name: 'identity:delete_implied_role',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a role inference rule.',
    operations: [op('DELETE', '/v3/roles/{prior_role_id}/implies/{implied_role_id}')],
  },
  {
    name: 'identity:list_role_inference_rules',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List every role inference rule.',
    operations: getAndHead('/v3/role_inferences'),
  },
  {
    name: 'identity:check_implied_role',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Check that a role inference rule exists.',
    operations: [op('HEAD', '/v3/roles/{prior_role_id}/implies/{implied_role_id}')],
  },
];

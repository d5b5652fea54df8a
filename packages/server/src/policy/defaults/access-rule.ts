import type { PolicyRule } from '../policy-rule.ts';
import { SYSTEM_ADMIN, SYSTEM_READER } from './base.ts';
import { getAndHead, op } from './operation.ts';

const SYSTEM_READER_OR_OWNER = `(${SYSTEM_READER}) or user_id:%(target.user.id)s`;
const SYSTEM_ADMIN_OR_OWNER = `(${SYSTEM_ADMIN}) or user_id:%(target.user.id)s`;

export const accessRuleRules: PolicyRule[] = [
  {
    name: 'identity:get_access_rule',
    checkStr: SYSTEM_READER_OR_OWNER,
    scopeTypes: ['system', 'project'],
    description: 'Show access rule details.',
    operations: getAndHead('/v3/users/{user_id}/access_rules/{access_rule_id}'),
  },
  {
    name: 'identity:list_access_rules',
    checkStr: SYSTEM_READER_OR_OWNER,
    scopeTypes: ['system', 'project'],
    description: "List a user's access rules.",
    operations: getAndHead('/v3/users/{user_id}/access_rules'),
  },
  {
    name: 'identity:delete_access_rule',
    checkStr: SYSTEM_ADMIN_OR_OWNER,
    scopeTypes: ['system', 'project'],
    description: 'Delete an access rule.',
    operations: [op('DELETE', '/v3/users/{user_id}/access_rules/{access_rule_id}')],
  },
];

import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { op } from './operation.ts';

/** Policy blobs (`/v3/policies`, keystone/common/policies/policy.py). Scope types are Keystone's, kept for consistency. */
export const policyRules: PolicyRule[] = [
  {
    name: 'identity:get_policy',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show policy details.',
    operations: [op('GET', '/v3/policies/{policy_id}')],
  },
  {
    name: 'identity:list_policies',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List policies.',
    operations: [op('GET', '/v3/policies')],
  },
  {
    name: 'identity:create_policy',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create policy.',
    operations: [op('POST', '/v3/policies')],
  },
  {
    name: 'identity:update_policy',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update policy.',
    operations: [op('PATCH', '/v3/policies/{policy_id}')],
  },
  {
    name: 'identity:delete_policy',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete policy.',
    operations: [op('DELETE', '/v3/policies/{policy_id}')],
  },
];

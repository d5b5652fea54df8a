import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { op } from './operation.ts';

export const serviceRules: PolicyRule[] = [
  {
    name: 'identity:get_service',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show service details.',
    operations: [op('GET', '/v3/services/{service_id}')],
  },
  {
    name: 'identity:list_services',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List services.',
    operations: [op('GET', '/v3/services')],
  },
  {
    name: 'identity:create_service',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a service.',
    operations: [op('POST', '/v3/services')],
  },
  {
    name: 'identity:update_service',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update a service.',
    operations: [op('PATCH', '/v3/services/{service_id}')],
  },
  {
    name: 'identity:delete_service',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a service.',
    operations: [op('DELETE', '/v3/services/{service_id}')],
  },
];

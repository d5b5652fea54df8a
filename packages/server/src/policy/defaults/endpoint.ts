import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { op } from './operation.ts';

export const endpointRules: PolicyRule[] = [
  {
    name: 'identity:get_endpoint',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'Show endpoint details.',
    operations: [op('GET', '/v3/endpoints/{endpoint_id}')],
  },
  {
    name: 'identity:list_endpoints',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List endpoints.',
    operations: [op('GET', '/v3/endpoints')],
  },
  {
    name: 'identity:create_endpoint',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create an endpoint.',
    operations: [op('POST', '/v3/endpoints')],
  },
  {
    name: 'identity:update_endpoint',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update an endpoint.',
    operations: [op('PATCH', '/v3/endpoints/{endpoint_id}')],
  },
  {
    name: 'identity:delete_endpoint',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete an endpoint.',
    operations: [op('DELETE', '/v3/endpoints/{endpoint_id}')],
  },
];

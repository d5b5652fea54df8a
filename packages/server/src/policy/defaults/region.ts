import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

export const regionRules: PolicyRule[] = [
  {
    // Regions are catalog metadata every scoped user may read.
    name: 'identity:get_region',
    checkStr: '',
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Show region details.',
    operations: getAndHead('/v3/regions/{region_id}'),
  },
  {
    name: 'identity:list_regions',
    checkStr: '',
    scopeTypes: ['system', 'domain', 'project'],
    description: 'List regions.',
    operations: getAndHead('/v3/regions'),
  },
  {
    name: 'identity:create_region',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a region.',
    operations: [op('POST', '/v3/regions'), op('PUT', '/v3/regions/{region_id}')],
  },
  {
    name: 'identity:update_region',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update a region.',
    operations: [op('PATCH', '/v3/regions/{region_id}')],
  },
  {
    name: 'identity:delete_region',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a region.',
    operations: [op('DELETE', '/v3/regions/{region_id}')],
  },
];

import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

/** keystone/common/policies/endpoint_group.py (master). */
const SCOPES: PolicyRule['scopeTypes'] = ['system', 'project'];
const GROUP = '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}';

export const endpointGroupRules: PolicyRule[] = [
  {
    name: 'identity:create_endpoint_group',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Create endpoint group.',
    operations: [op('POST', '/v3/OS-EP-FILTER/endpoint_groups')],
  },
  {
    name: 'identity:list_endpoint_groups',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List endpoint groups.',
    operations: [op('GET', '/v3/OS-EP-FILTER/endpoint_groups')],
  },
  {
    name: 'identity:get_endpoint_group',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'Get endpoint group.',
    operations: getAndHead(GROUP),
  },
  {
    name: 'identity:update_endpoint_group',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Update endpoint group.',
    operations: [op('PATCH', GROUP)],
  },
  {
    name: 'identity:delete_endpoint_group',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Delete endpoint group.',
    operations: [op('DELETE', GROUP)],
  },
  {
    name: 'identity:list_projects_associated_with_endpoint_group',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List all projects associated with a specific endpoint group.',
    operations: [op('GET', `${GROUP}/projects`)],
  },
  {
    name: 'identity:list_endpoints_associated_with_endpoint_group',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List all endpoints associated with an endpoint group.',
    operations: [op('GET', `${GROUP}/endpoints`)],
  },
  {
    name: 'identity:get_endpoint_group_in_project',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'Check if an endpoint group is associated with a project.',
    operations: getAndHead(`${GROUP}/projects/{project_id}`),
  },
  {
    name: 'identity:list_endpoint_groups_for_project',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List endpoint groups associated with a specific project.',
    operations: [op('GET', '/v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups')],
  },
  {
    name: 'identity:add_endpoint_group_to_project',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Allow a project to access an endpoint group.',
    operations: [op('PUT', `${GROUP}/projects/{project_id}`)],
  },
  {
    name: 'identity:remove_endpoint_group_from_project',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Remove endpoint group from project.',
    operations: [op('DELETE', `${GROUP}/projects/{project_id}`)],
  },
];

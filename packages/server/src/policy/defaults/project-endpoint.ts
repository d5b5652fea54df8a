import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

/** keystone/common/policies/project_endpoint.py (master). */
const SCOPES: PolicyRule['scopeTypes'] = ['system', 'project'];
const PROJECT_ENDPOINT = '/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}';

export const projectEndpointRules: PolicyRule[] = [
  {
    name: 'identity:list_projects_for_endpoint',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List projects allowed to access an endpoint.',
    operations: [op('GET', '/v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects')],
  },
  {
    name: 'identity:add_endpoint_to_project',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Allow project to access an endpoint.',
    operations: [op('PUT', PROJECT_ENDPOINT)],
  },
  {
    name: 'identity:check_endpoint_in_project',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'Check if a project is allowed to access an endpoint.',
    operations: getAndHead(PROJECT_ENDPOINT),
  },
  {
    name: 'identity:list_endpoints_for_project',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description: 'List the endpoints a project is allowed to access.',
    operations: [op('GET', '/v3/OS-EP-FILTER/projects/{project_id}/endpoints')],
  },
  {
    name: 'identity:remove_endpoint_from_project',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Remove access to an endpoint from a project that has previously been given explicit access.',
    operations: [op('DELETE', PROJECT_ENDPOINT)],
  },
];

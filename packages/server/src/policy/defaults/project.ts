import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { getAndHead, op } from './operation.ts';

/*
 * `not None:%(target.project.domain_id)s` stops a domain-scoped reader from
 * matching a project whose domain_id is None (a domain acting as a project).
 */
const DOMAIN_READER_OF_PROJECT =
  'role:reader and domain_id:%(target.project.domain_id)s and not None:%(target.project.domain_id)s';
const DOMAIN_MANAGER_OF_PROJECT =
  'role:manager and domain_id:%(target.project.domain_id)s and not None:%(target.project.domain_id)s';

const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_PROJECT_USER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or (${DOMAIN_READER_OF_PROJECT}) or project_id:%(target.project.id)s`;
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or (role:reader and domain_id:%(target.domain_id)s)`;
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_OWNER =
  `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ` +
  '(role:reader and domain_id:%(target.user.domain_id)s) or user_id:%(target.user.id)s';
const ADMIN_OR_DOMAIN_MANAGER = `(${ADMIN_REQUIRED}) or (${DOMAIN_MANAGER_OF_PROJECT})`;

const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];

export const projectRules: PolicyRule[] = [
  {
    name: 'identity:get_project',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_PROJECT_USER,
    scopeTypes: ANY_SCOPE,
    description: 'Show project details.',
    operations: [op('GET', '/v3/projects/{project_id}')],
  },
  {
    name: 'identity:list_projects',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ANY_SCOPE,
    description: 'List projects.',
    operations: [op('GET', '/v3/projects')],
  },
  {
    name: 'identity:list_user_projects',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'List the projects a user has role assignments on.',
    operations: [op('GET', '/v3/users/{user_id}/projects')],
  },
  {
    name: 'identity:create_project',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Create a project.',
    operations: [op('POST', '/v3/projects')],
  },
  {
    name: 'identity:update_project',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Update a project.',
    operations: [op('PATCH', '/v3/projects/{project_id}')],
  },
  {
    name: 'identity:delete_project',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Delete a project.',
    operations: [op('DELETE', '/v3/projects/{project_id}')],
  },
  {
    name: 'identity:list_project_tags',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_PROJECT_USER,
    scopeTypes: ANY_SCOPE,
    description: 'List the tags of a project.',
    operations: getAndHead('/v3/projects/{project_id}/tags'),
  },
  {
    name: 'identity:get_project_tag',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER_OR_PROJECT_USER,
    scopeTypes: ANY_SCOPE,
    description: 'Check whether a project has a tag.',
    operations: getAndHead('/v3/projects/{project_id}/tags/{value}'),
  },
  {
    name: 'identity:update_project_tags',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: "Replace a project's tag list.",
    operations: [op('PUT', '/v3/projects/{project_id}/tags')],
  },
  {
    name: 'identity:create_project_tag',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Add one tag to a project.',
    operations: [op('PUT', '/v3/projects/{project_id}/tags/{value}')],
  },
  {
    name: 'identity:delete_project_tags',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Remove every tag from a project.',
    operations: [op('DELETE', '/v3/projects/{project_id}/tags')],
  },
  {
    name: 'identity:delete_project_tag',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description: 'Remove one tag from a project.',
    operations: [op('DELETE', '/v3/projects/{project_id}/tags/{value}')],
  },
];

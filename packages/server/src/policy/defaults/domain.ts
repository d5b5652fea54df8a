import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

/** Any token scoped to the domain, or to a project inside it, may read the domain. */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_USER_OR_PROJECT_USER =
  `${ADMIN_REQUIRED} or (${SYSTEM_READER}) or ` +
  'token.domain.id:%(target.domain.id)s or ' +
  'token.project.domain.id:%(target.domain.id)s';
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER = `${ADMIN_OR_SYSTEM_READER} or (role:reader and domain_id:%(target.domain.id)s)`;

export const domainRules: PolicyRule[] = [
  {
    name: 'identity:get_domain',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_USER_OR_PROJECT_USER,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Show domain details.',
    operations: [op('GET', '/v3/domains/{domain_id}')],
  },
  {
    name: 'identity:list_domains',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'List domains.',
    operations: [op('GET', '/v3/domains')],
  },
  {
    name: 'identity:create_domain',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Create a domain.',
    operations: [op('POST', '/v3/domains')],
  },
  {
    name: 'identity:update_domain',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Update a domain.',
    operations: [op('PATCH', '/v3/domains/{domain_id}')],
  },
  {
    name: 'identity:delete_domain',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: ['system', 'project'],
    description: 'Delete a domain.',
    operations: [op('DELETE', '/v3/domains/{domain_id}')],
  },
];

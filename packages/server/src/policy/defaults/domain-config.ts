import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED } from './base.ts';
import { getAndHead, op } from './operation.ts';

/** keystone/common/policies/domain_config.py (master). */
const SCOPES: PolicyRule['scopeTypes'] = ['system', 'project'];
const CONFIG = '/v3/domains/{domain_id}/config';
const LEVELS = [CONFIG, `${CONFIG}/{group}`, `${CONFIG}/{group}/{option}`];

export const domainConfigRules: PolicyRule[] = [
  {
    name: 'identity:create_domain_config',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Create domain configuration.',
    operations: [op('PUT', CONFIG)],
  },
  {
    name: 'identity:get_domain_config',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description:
      'Get the entire domain configuration for a domain, an option group within a domain, or a specific configuration option within a group for a domain.',
    operations: LEVELS.flatMap(getAndHead),
  },
  {
    // Any valid token: clients read the password rules to explain them before a password change.
    name: 'identity:get_security_compliance_domain_config',
    checkStr: '',
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Get security compliance domain configuration for either a domain or a specific option in a domain.',
    operations: [
      ...getAndHead(`${CONFIG}/security_compliance`),
      ...getAndHead(`${CONFIG}/security_compliance/{option}`),
    ],
  },
  {
    name: 'identity:update_domain_config',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Update domain configuration for either a domain, specific group or a specific option in a group.',
    operations: LEVELS.map((path) => op('PATCH', path)),
  },
  {
    name: 'identity:delete_domain_config',
    checkStr: ADMIN_REQUIRED,
    scopeTypes: SCOPES,
    description: 'Delete domain configuration for either a domain, specific group or a specific option in a group.',
    operations: LEVELS.map((path) => op('DELETE', path)),
  },
  {
    name: 'identity:get_domain_config_default',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: SCOPES,
    description:
      'Get domain configuration default for either a domain, specific group or a specific option in a group.',
    operations: [
      '/v3/domains/config/default',
      '/v3/domains/config/{group}/default',
      '/v3/domains/config/{group}/{option}/default',
    ].flatMap(getAndHead),
  },
];

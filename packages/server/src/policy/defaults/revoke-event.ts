import type { PolicyRule } from '../policy-rule.ts';
import { op } from './operation.ts';

export const revokeEventRules: PolicyRule[] = [
  {
    name: 'identity:list_revoke_events',
    checkStr: 'rule:service_or_admin',
    scopeTypes: ['system', 'project'],
    description: 'List revocation events.',
    operations: [op('GET', '/v3/OS-REVOKE/events')],
  },
];

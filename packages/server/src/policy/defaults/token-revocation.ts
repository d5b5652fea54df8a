import type { PolicyRule } from '../policy-rule.ts';
import { op } from './operation.ts';

export const tokenRevocationRules: PolicyRule[] = [
  {
    // Still registered so policy files naming it keep loading; the API itself only answers 403/410.
    name: 'identity:revocation_list',
    checkStr: 'rule:service_or_admin',
    scopeTypes: ['system', 'project'],
    description: 'List revoked PKI tokens (deprecated API).',
    operations: [op('GET', '/v3/auth/tokens/OS-PKI/revoked')],
  },
];

import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

const ADMIN_OR_TOKEN_SUBJECT = `${ADMIN_REQUIRED} or rule:token_subject`;
const ADMIN_OR_SYSTEM_READER_OR_TOKEN_SUBJECT = `${ADMIN_REQUIRED} or (${SYSTEM_READER}) or rule:token_subject`;
const ADMIN_OR_SYSTEM_READER_OR_SERVICE_OR_TOKEN_SUBJECT = `${ADMIN_REQUIRED} or (${SYSTEM_READER}) or rule:service_role or rule:token_subject`;

export const tokenRules: PolicyRule[] = [
  {
    name: 'identity:check_token',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TOKEN_SUBJECT,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Check a token (HEAD, no body).',
    operations: [op('HEAD', '/v3/auth/tokens')],
  },
  {
    name: 'identity:validate_token',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_SERVICE_OR_TOKEN_SUBJECT,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Validate a token and return its body.',
    operations: [op('GET', '/v3/auth/tokens')],
  },
  {
    name: 'identity:revoke_token',
    checkStr: ADMIN_OR_TOKEN_SUBJECT,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'Revoke a token.',
    operations: [op('DELETE', '/v3/auth/tokens')],
  },
];

import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, CREDENTIAL_OWNER, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

const ADMIN_OR_SYSTEM_READER_OR_CREDENTIAL_OWNER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ${CREDENTIAL_OWNER}`;
const ADMIN_OR_CREDENTIAL_OWNER = `(${ADMIN_REQUIRED}) or ${CREDENTIAL_OWNER}`;

const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];

export const credentialRules: PolicyRule[] = [
  {
    name: 'identity:get_credential',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_CREDENTIAL_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'Show credential details.',
    operations: [op('GET', '/v3/credentials/{credential_id}')],
  },
  {
    name: 'identity:list_credentials',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_CREDENTIAL_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'List credentials.',
    operations: [op('GET', '/v3/credentials')],
  },
  {
    name: 'identity:create_credential',
    checkStr: ADMIN_OR_CREDENTIAL_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'Create a credential.',
    operations: [op('POST', '/v3/credentials')],
  },
  {
    name: 'identity:update_credential',
    checkStr: ADMIN_OR_CREDENTIAL_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'Update a credential.',
    operations: [op('PATCH', '/v3/credentials/{credential_id}')],
  },
  {
    name: 'identity:delete_credential',
    checkStr: ADMIN_OR_CREDENTIAL_OWNER,
    scopeTypes: ANY_SCOPE,
    description: 'Delete a credential.',
    operations: [op('DELETE', '/v3/credentials/{credential_id}')],
  },
];

import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER_OR_OWNER, ADMIN_REQUIRED, CREDENTIAL_OWNER, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

/** keystone/common/policies/ec2_credential.py (master); the strings are base.py's, composed the same way. */
const ADMIN_OR_SYSTEM_READER_OR_CRED_OWNER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or ${CREDENTIAL_OWNER}`;
/** Creating or deleting a key pair needs the member role as well as ownership (master since 2026; Keystone 22 needs ownership only). */
const ADMIN_OR_MEMBER_AND_CRED_OWNER = `(${ADMIN_REQUIRED}) or (role:member and ${CREDENTIAL_OWNER})`;

const SCOPES: PolicyRule['scopeTypes'] = ['system', 'project'];

export const ec2CredentialRules: PolicyRule[] = [
  {
    name: 'identity:ec2_get_credential',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_CRED_OWNER,
    scopeTypes: SCOPES,
    description: 'Show ec2 credential details.',
    operations: [op('GET', '/v3/users/{user_id}/credentials/OS-EC2/{credential_id}')],
  },
  {
    name: 'identity:ec2_list_credentials',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_OWNER,
    scopeTypes: SCOPES,
    description: 'List ec2 credentials.',
    operations: [op('GET', '/v3/users/{user_id}/credentials/OS-EC2')],
  },
  {
    name: 'identity:ec2_create_credential',
    checkStr: ADMIN_OR_MEMBER_AND_CRED_OWNER,
    scopeTypes: SCOPES,
    description: 'Create ec2 credential.',
    operations: [op('POST', '/v3/users/{user_id}/credentials/OS-EC2')],
  },
  {
    name: 'identity:ec2_delete_credential',
    checkStr: ADMIN_OR_MEMBER_AND_CRED_OWNER,
    scopeTypes: SCOPES,
    description: 'Delete ec2 credential.',
    operations: [op('DELETE', '/v3/users/{user_id}/credentials/OS-EC2/{credential_id}')],
  },
];

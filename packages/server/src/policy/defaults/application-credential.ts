import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER_OR_OWNER, OWNER } from './base.ts';
import { getAndHead, op } from './operation.ts';

const APP_CRED_PATH = '/v3/users/{user_id}/application_credentials';

export const applicationCredentialRules: PolicyRule[] = [
  {
    name: 'identity:get_application_credential',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_OWNER,
    scopeTypes: ['system', 'project'],
    description: 'Show application credential details.',
    operations: getAndHead(`${APP_CRED_PATH}/{application_credential_id}`),
  },
  {
    name: 'identity:list_application_credentials',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_OWNER,
    scopeTypes: ['system', 'project'],
    description: "List a user's application credentials.",
    operations: getAndHead(APP_CRED_PATH),
  },
  {
    // Only the user themselves, from a project-scoped token: the credential is tied to that project.
    name: 'identity:create_application_credential',
    checkStr: OWNER,
    scopeTypes: ['project'],
    description: 'Create an application credential.',
    operations: [op('POST', APP_CRED_PATH)],
  },
  {
    name: 'identity:delete_application_credential',
    checkStr: 'rule:admin_or_owner',
    scopeTypes: ['system', 'project'],
    description: 'Delete an application credential.',
    operations: [op('DELETE', `${APP_CRED_PATH}/{application_credential_id}`)],
  },
];

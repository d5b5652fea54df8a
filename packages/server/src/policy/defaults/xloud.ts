import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';

/*
 * Default rules of the OS-XLOUD extensions (not Keystone's): kept as data beside Keystone's so that
 * policy.yaml overrides them the same way and the generated docs/policy.yaml.sample lists them.
 * POST /v3/OS-XLOUD/policy-check has no rule of its own: it only answers for the caller's own token.
 */

/** The user in the URL is the caller. */
const SELF = 'user_id:%(target.user.id)s';
const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];

export const xloudExtensionRules: PolicyRule[] = [
  {
    name: 'identity:update_own_profile',
    checkStr: SELF,
    scopeTypes: ANY_SCOPE,
    description:
      'Edit your own profile (email, description, default project, name, phone, job title, department). ' +
      'Administrators edit other users with identity:update_user.',
    operations: [op('PATCH', '/v3/OS-XLOUD/users/{user_id}/profile')],
  },
  {
    name: 'identity:list_sign_ins',
    checkStr: `${ADMIN_REQUIRED} or ${SELF}`,
    scopeTypes: ANY_SCOPE,
    description: "List a user's recent authentication attempts.",
    operations: [op('GET', '/v3/OS-XLOUD/users/{user_id}/sign-ins')],
  },
  {
    name: 'identity:revoke_user_tokens',
    checkStr: `${ADMIN_REQUIRED} or ${SELF}`,
    scopeTypes: ANY_SCOPE,
    description: 'Revoke every token of a user issued until now ("sign out everywhere").',
    operations: [op('DELETE', '/v3/OS-XLOUD/users/{user_id}/tokens')],
  },
  {
    name: 'identity:list_audit_events',
    checkStr: SYSTEM_READER,
    scopeTypes: ['system'],
    description: 'List the audit trail: sign-ins and changes to identity resources, by anyone.',
    operations: [op('GET', '/v3/OS-XLOUD/audit-events')],
  },
];

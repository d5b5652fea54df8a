import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { op } from './operation.ts';
import { ADMIN_OR_DOMAIN_MANAGER } from './user.ts';

/*
 * Default rules of the OS-XLOUD extensions (not Keystone's): kept as data beside Keystone's so that
 * policy.yaml overrides them the same way and the generated docs/policy.yaml.sample lists them.
 * POST /v3/OS-XLOUD/policy-check has no rule of its own: it only answers for the caller's own token.
 */

/** The user in the URL is the caller. */
const SELF = 'user_id:%(target.user.id)s';
const ANY_SCOPE: PolicyRule['scopeTypes'] = ['system', 'domain', 'project'];
const MFA = '/v3/users/{user_id}/OS-XLOUD/mfa';

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
    name: 'identity:xloud_get_mfa',
    checkStr: `(${ADMIN_OR_DOMAIN_MANAGER}) or ${SELF}`,
    scopeTypes: ANY_SCOPE,
    description:
      "Show a user's two-factor state: on or off, TOTP credentials, recovery codes left, a pending enrolment, the rules.",
    operations: [op('GET', MFA)],
  },
  {
    name: 'identity:xloud_manage_own_mfa',
    checkStr: SELF,
    scopeTypes: ANY_SCOPE,
    description:
      'Enrol, verify, regenerate recovery codes for and disable your own two-factor authentication (the changes ' +
      'after enrolment also need a current passcode or a recovery code).',
    operations: [
      op('POST', `${MFA}/enrol`),
      op('POST', `${MFA}/verify`),
      op('POST', `${MFA}/recovery-codes`),
      op('DELETE', MFA),
    ],
  },
  {
    name: 'identity:xloud_reset_mfa',
    checkStr: ADMIN_OR_DOMAIN_MANAGER,
    scopeTypes: ANY_SCOPE,
    description:
      "Reset a user's two-factor authentication (for a lost authenticator): as identity:update_user by default.",
    operations: [op('POST', `${MFA}/reset`)],
  },
  {
    name: 'identity:list_audit_events',
    checkStr: SYSTEM_READER,
    scopeTypes: ['system'],
    description: 'List the audit trail: sign-ins and changes to identity resources, by anyone.',
    operations: [op('GET', '/v3/OS-XLOUD/audit-events')],
  },
];

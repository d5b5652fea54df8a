import type { PolicyRule } from '../policy-rule.ts';

/*
 * Building blocks shared by Keystone's default rules (keystone/common/policies/base.py).
 * The composed strings are kept character-for-character identical to Keystone's
 * so operators can diff their policy.yaml against either implementation.
 */

export const ADMIN_REQUIRED = 'rule:admin_required';
/** The user in the URL (`/v3/users/{user_id}/...`) is the caller. */
export const OWNER = 'user_id:%(user_id)s';
/** `system_scope:all` is repeated inside the check so the rule stays safe if scope_types are ignored. */
export const SYSTEM_READER = 'role:reader and system_scope:all';
export const SYSTEM_ADMIN = 'role:admin and system_scope:all';
export const DOMAIN_READER = 'role:reader and domain_id:%(target.domain_id)s';
export const ADMIN_OR_SYSTEM_READER = `${ADMIN_REQUIRED} or (${SYSTEM_READER})`;
export const ADMIN_OR_SYSTEM_READER_OR_OWNER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or rule:owner`;
/** Credential APIs: the credential being acted on belongs to the caller. */
export const CREDENTIAL_OWNER = 'user_id:%(target.credential.user_id)s';

/**
 * The roles a domain manager may grant, revoke or inspect. Anything above
 * `manager` (notably `admin`) is left out so a domain manager cannot escalate.
 */
const DOMAIN_MANAGER_ALLOWED_ROLES =
  "'manager':%(target.role.name)s or " + "'member':%(target.role.name)s or " + "'reader':%(target.role.name)s";

export const baseRules: PolicyRule[] = [
  {
    name: 'admin_required',
    checkStr: 'role:admin or is_admin:1',
    description: 'Caller holds the admin role (on whatever the token is scoped to).',
    operations: [],
  },
  { name: 'service_role', checkStr: 'role:service', description: 'Caller holds the service role.', operations: [] },
  {
    name: 'service_or_admin',
    checkStr: 'rule:admin_required or rule:service_role',
    description: 'Caller is an admin or a service user.',
    operations: [],
  },
  { name: 'owner', checkStr: OWNER, description: 'The user named in the request URL is the caller.', operations: [] },
  {
    name: 'admin_or_owner',
    checkStr: 'rule:admin_required or rule:owner',
    description: 'Caller is an admin or the user named in the request URL.',
    operations: [],
  },
  {
    name: 'token_subject',
    checkStr: 'user_id:%(target.token.user_id)s',
    description: 'The token named in X-Subject-Token belongs to the caller.',
    operations: [],
  },
  {
    name: 'admin_or_token_subject',
    checkStr: 'rule:admin_required or rule:token_subject',
    description: 'Caller is an admin or owns the subject token.',
    operations: [],
  },
  {
    name: 'service_admin_or_token_subject',
    checkStr: 'rule:service_or_admin or rule:token_subject',
    description: 'Caller is an admin, a service user, or owns the subject token.',
    operations: [],
  },
  {
    name: 'domain_managed_target_role',
    checkStr: DOMAIN_MANAGER_ALLOWED_ROLES,
    description: 'The role being granted, revoked or shown is one a domain manager may handle.',
    operations: [],
  },
];

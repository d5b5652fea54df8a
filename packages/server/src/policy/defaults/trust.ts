import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_OR_SYSTEM_READER, ADMIN_REQUIRED, SYSTEM_READER } from './base.ts';
import { getAndHead, op } from './operation.ts';

const TRUSTOR = 'user_id:%(target.trust.trustor_user_id)s';
const TRUSTEE = 'user_id:%(target.trust.trustee_user_id)s';

/* Written without inner parentheses, as Keystone does; `and` binds tighter, so the reader part stays intact. */
const ADMIN_OR_SYSTEM_READER_OR_TRUSTOR = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER} or ${TRUSTOR})`;
const ADMIN_OR_SYSTEM_READER_OR_TRUSTEE = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER} or ${TRUSTEE})`;
const ADMIN_OR_SYSTEM_READER_OR_TRUST_PARTY = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER} or ${TRUSTOR} or ${TRUSTEE})`;

export const trustRules: PolicyRule[] = [
  {
    name: 'identity:create_trust',
    checkStr: TRUSTOR,
    scopeTypes: ['project'],
    description: 'Create a trust (only the trustor, from a project-scoped token).',
    operations: [op('POST', '/v3/OS-TRUST/trusts')],
  },
  {
    name: 'identity:list_trusts',
    checkStr: ADMIN_OR_SYSTEM_READER,
    scopeTypes: ['system', 'project'],
    description: 'List all trusts.',
    operations: getAndHead('/v3/OS-TRUST/trusts'),
  },
  {
    name: 'identity:list_trusts_for_trustor',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TRUSTOR,
    scopeTypes: ['system', 'project'],
    description: 'List the trusts of a trustor.',
    operations: getAndHead('/v3/OS-TRUST/trusts?trustor_user_id={trustor_user_id}'),
  },
  {
    name: 'identity:list_trusts_for_trustee',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TRUSTEE,
    scopeTypes: ['system', 'project'],
    description: 'List the trusts of a trustee.',
    operations: getAndHead('/v3/OS-TRUST/trusts?trustee_user_id={trustee_user_id}'),
  },
  {
    name: 'identity:list_roles_for_trust',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TRUST_PARTY,
    scopeTypes: ['system', 'project'],
    description: 'List the roles a trust delegates.',
    operations: getAndHead('/v3/OS-TRUST/trusts/{trust_id}/roles'),
  },
  {
    name: 'identity:get_role_for_trust',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TRUST_PARTY,
    scopeTypes: ['system', 'project'],
    description: 'Check whether a trust delegates a role.',
    operations: getAndHead('/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}'),
  },
  {
    name: 'identity:delete_trust',
    checkStr: `${ADMIN_REQUIRED} or ${TRUSTOR}`,
    scopeTypes: ['system', 'project'],
    description: 'Revoke a trust.',
    operations: [op('DELETE', '/v3/OS-TRUST/trusts/{trust_id}')],
  },
  {
    name: 'identity:get_trust',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_TRUST_PARTY,
    scopeTypes: ['system', 'project'],
    description: 'Show trust details.',
    operations: getAndHead('/v3/OS-TRUST/trusts/{trust_id}'),
  },
];

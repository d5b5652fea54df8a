import type { PolicyRule } from '../policy-rule.ts';
import { ADMIN_REQUIRED, DOMAIN_READER, SYSTEM_READER } from './base.ts';
import { getAndHead } from './operation.ts';

/** `target.domain_id` is the caller's own domain; Keystone filters the results to it. */
const ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER = `(${ADMIN_REQUIRED}) or (${SYSTEM_READER}) or (${DOMAIN_READER})`;

export const roleAssignmentRules: PolicyRule[] = [
  {
    name: 'identity:list_role_assignments',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'List role assignments.',
    operations: getAndHead('/v3/role_assignments'),
  },
  {
    name: 'identity:list_role_assignments_for_tree',
    checkStr: ADMIN_OR_SYSTEM_READER_OR_DOMAIN_READER,
    scopeTypes: ['system', 'domain', 'project'],
    description: 'List role assignments for a project and its subtree.',
    operations: getAndHead('/v3/role_assignments?include_subtree'),
  },
];

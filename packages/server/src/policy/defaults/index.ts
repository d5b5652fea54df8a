import type { PolicyRule } from '../policy-rule.ts';
import { accessRuleRules } from './access-rule.ts';
import { applicationCredentialRules } from './application-credential.ts';
import { authRules } from './auth.ts';
import { baseRules } from './base.ts';
import { credentialRules } from './credential.ts';
import { domainRules } from './domain.ts';
import { endpointRules } from './endpoint.ts';
import { grantRules } from './grant.ts';
import { groupRules } from './group.ts';
import { impliedRoleRules } from './implied-role.ts';
import { policyRules } from './policy.ts';
import { projectRules } from './project.ts';
import { regionRules } from './region.ts';
import { revokeEventRules } from './revoke-event.ts';
import { roleAssignmentRules } from './role-assignment.ts';
import { roleRules } from './role.ts';
import { serviceRules } from './service.ts';
import { tokenRevocationRules } from './token-revocation.ts';
import { tokenRules } from './token.ts';
import { trustRules } from './trust.ts';
import { userRules } from './user.ts';

/**
 * Keystone's in-code default policy (current master) for the APIs Xloud
 * Identity serves, in Keystone's module order. Feed to `new PolicyEnforcer`.
 */
export const keystoneDefaultRules: PolicyRule[] = [
  ...baseRules,
  ...accessRuleRules,
  ...applicationCredentialRules,
  ...authRules,
  ...credentialRules,
  ...domainRules,
  ...endpointRules,
  ...grantRules,
  ...groupRules,
  ...impliedRoleRules,
  ...policyRules,
  ...projectRules,
  ...regionRules,
  ...revokeEventRules,
  ...roleRules,
  ...roleAssignmentRules,
  ...serviceRules,
  ...tokenRevocationRules,
  ...tokenRules,
  ...trustRules,
  ...userRules,
];

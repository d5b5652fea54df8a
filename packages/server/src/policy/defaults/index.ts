import type { PolicyRule } from '../policy-rule.ts';
import { accessRuleRules } from './access-rule.ts';
import { applicationCredentialRules } from './application-credential.ts';
import { authRules } from './auth.ts';
import { baseRules } from './base.ts';
import { credentialRules } from './credential.ts';
import { domainRules } from './domain.ts';
import { domainConfigRules } from './domain-config.ts';
import { ec2CredentialRules } from './ec2-credential.ts';
import { endpointRules } from './endpoint.ts';
import { endpointGroupRules } from './endpoint-group.ts';
import { grantRules } from './grant.ts';
import { groupRules } from './group.ts';
import { impliedRoleRules } from './implied-role.ts';
import { policyRules } from './policy.ts';
import { projectRules } from './project.ts';
import { projectEndpointRules } from './project-endpoint.ts';
import { regionRules } from './region.ts';
import { revokeEventRules } from './revoke-event.ts';
import { roleAssignmentRules } from './role-assignment.ts';
import { roleRules } from './role.ts';
import { serviceRules } from './service.ts';
import { tokenRevocationRules } from './token-revocation.ts';
import { tokenRules } from './token.ts';
import { trustRules } from './trust.ts';
import { oauth1Rules } from './oauth1.ts';
import { userRules } from './user.ts';
import { xloudExtensionRules } from './xloud.ts';

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
  ...domainConfigRules,
  ...ec2CredentialRules,
  ...endpointRules,
  ...endpointGroupRules,
  ...grantRules,
  ...groupRules,
  ...impliedRoleRules,
  ...policyRules,
  ...projectRules,
  ...projectEndpointRules,
  ...regionRules,
  ...revokeEventRules,
  ...roleRules,
  ...roleAssignmentRules,
  ...serviceRules,
  ...tokenRevocationRules,
  ...tokenRules,
  ...trustRules,
  ...oauth1Rules,
  ...userRules,
];

/** Everything this server enforces by default: Keystone's rules, then the OS-XLOUD extensions' own. */
export const defaultPolicyRules: PolicyRule[] = [...keystoneDefaultRules, ...xloudExtensionRules];

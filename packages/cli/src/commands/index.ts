/** Every `xloud` command, in the order help lists them. */
import type { CommandSpec } from '../command.ts';
import { applicationCredentialCommands } from './application-credential.ts';
import { auditCommands } from './audit.ts';
import { completeCommand } from './complete.ts';
import { configureCommands } from './configure.ts';
import { consumerCommands } from './consumer.ts';
import { credentialCommands } from './credential.ts';
import { domainCommands } from './domain.ts';
import { downloadCommands } from './downloads.ts';
import { endpointCommands } from './endpoint.ts';
import { groupCommands } from './group.ts';
import { mfaCommands } from './mfa.ts';
import { policyCommands } from './policy.ts';
import { projectCommands } from './project.ts';
import { regionCommands } from './region.ts';
import { roleAssignmentCommands } from './role-assignment.ts';
import { roleCommands } from './role.ts';
import { serviceCommands } from './service.ts';
import { tokenCommands } from './token.ts';
import { userCommands } from './user.ts';
import { userSelfServiceCommands } from './user-self-service.ts';
import { accessRuleCommands } from './access-rule.ts';
import { ec2CredentialCommands } from './ec2-credentials.ts';
import { endpointFilterCommands } from './endpoint-filter.ts';
import { federationCommands } from './federation.ts';
import { impliedRoleCommands } from './implied-role.ts';
import { storedPolicyCommands } from './stored-policy.ts';
import { trustCommands } from './trust.ts';
import { whoamiCommand } from './whoami.ts';

function identityCommands(): CommandSpec[] {
  return [
    ...applicationCredentialCommands,
    ...auditCommands,
    ...tokenCommands,
    ...consumerCommands,
    ...credentialCommands,
    ...domainCommands,
    ...endpointCommands,
    ...groupCommands,
    ...mfaCommands,
    ...policyCommands,
    ...projectCommands,
    ...regionCommands,
    ...roleCommands,
    ...roleAssignmentCommands,
    ...serviceCommands,
    ...userCommands,
    ...userSelfServiceCommands,
    ...configureCommands,
    ...downloadCommands,
    ...accessRuleCommands,
    ...ec2CredentialCommands,
    ...endpointFilterCommands,
    ...federationCommands,
    ...impliedRoleCommands,
    ...storedPolicyCommands,
    ...trustCommands,
    whoamiCommand,
  ];
}

export function allCommands(): CommandSpec[] {
  return [...identityCommands(), completeCommand(identityCommands)];
}

import {
  AuditEventList,
  MfaEnrolmentResponse,
  MfaRecoveryCodesResponse,
  MfaStatusResponse,
  MfaVerifiedResponse,
  PolicyCheckResponse,
  SignInList,
} from '../xloud.ts';
import {
  AccessRuleList,
  AccessRuleResponse,
  ApplicationCredentialCreated,
  ApplicationCredentialList,
  ApplicationCredentialResponse,
} from './application-credential.ts';
import {
  AuthSystemResponse,
  ImpliedRoleResponse,
  RoleAssignmentList,
  RoleInferenceList,
  RoleInferenceResponse,
  RoleList,
  RoleResponse,
} from './assignment.ts';
import {
  CatalogResponse,
  EndpointList,
  EndpointResponse,
  RegionList,
  RegionResponse,
  ServiceList,
  ServiceResponse,
} from './catalog.ts';
import { CredentialList, CredentialResponse, Ec2CredentialList, Ec2CredentialResponse } from './credential.ts';
import { VersionResponse } from './discovery.ts';
import { DomainConfigResponse } from './domain-config.ts';
import { EndpointGroupList, EndpointGroupResponse, ProjectEndpointGroupResponse } from './endpoint-filter.ts';
import { GroupList, GroupResponse, UserList, UserResponse } from './identity.ts';
import { OAuth2AccessToken } from './oauth2.ts';
import { PolicyList, PolicyResponse } from './policy.ts';
import { DomainList, DomainResponse, ProjectList, ProjectResponse, ProjectTags } from './resource.ts';
import { RevocationEventList, RevokedTokenList } from './revoke.ts';
import { TokenResponse } from './token.ts';
import { TrustList, TrustResponse } from './trust.ts';
import {
  AccessTokenList,
  AccessTokenResponse,
  AccessTokenRoleList,
  AccessTokenRoleResponse,
  ConsumerList,
  ConsumerResponse,
  RequestTokenAuthorized,
} from './oauth1.ts';

/** Success bodies of every v3 route, as Keystone's api-ref describes them; the resources are the SDK's types. */
export * from './links.ts';
export * from './resource.ts';
export * from './identity.ts';
export * from './assignment.ts';
export * from './catalog.ts';
export * from './credential.ts';
export * from './policy.ts';
export * from './trust.ts';
export * from './oauth1.ts';
export * from './application-credential.ts';
export * from './endpoint-filter.ts';
export * from './token.ts';
export * from './revoke.ts';
export * from './domain-config.ts';
export * from './discovery.ts';
export * from './oauth2.ts';

/** Every response body schema by name, for tools that map routes to their bodies (the API tests, docs). */
export const ResponseSchemas = {
  AccessTokenList,
  AccessTokenResponse,
  AccessTokenRoleList,
  AccessTokenRoleResponse,
  ConsumerList,
  ConsumerResponse,
  RequestTokenAuthorized,
  AccessRuleList,
  AccessRuleResponse,
  ApplicationCredentialCreated,
  ApplicationCredentialList,
  ApplicationCredentialResponse,
  AuditEventList,
  AuthSystemResponse,
  CatalogResponse,
  CredentialList,
  CredentialResponse,
  DomainConfigResponse,
  DomainList,
  DomainResponse,
  Ec2CredentialList,
  Ec2CredentialResponse,
  EndpointGroupList,
  EndpointGroupResponse,
  EndpointList,
  EndpointResponse,
  GroupList,
  GroupResponse,
  ImpliedRoleResponse,
  MfaEnrolmentResponse,
  MfaRecoveryCodesResponse,
  MfaStatusResponse,
  MfaVerifiedResponse,
  OAuth2AccessToken,
  PolicyCheckResponse,
  PolicyList,
  PolicyResponse,
  ProjectEndpointGroupResponse,
  ProjectList,
  ProjectResponse,
  ProjectTags,
  RegionList,
  RegionResponse,
  RevocationEventList,
  RevokedTokenList,
  RoleAssignmentList,
  RoleInferenceList,
  RoleInferenceResponse,
  RoleList,
  RoleResponse,
  ServiceList,
  ServiceResponse,
  SignInList,
  TokenResponse,
  TrustList,
  TrustResponse,
  UserList,
  UserResponse,
  VersionResponse,
} as const;
export type ResponseSchemaName = keyof typeof ResponseSchemas;

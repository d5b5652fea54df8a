/**
 * Every v3 route, in one place: method, path (relative to /v3, also served under /identity/v3), the policy rule(s)
 * its handler enforces — or why it enforces none — the request schemas Fastify validates, and the handler. As in
 * node-oidc-provider, the table is the single source: routes.ts registers it, docs/api-routes.md is generated from
 * it (scripts/generate-docs.ts), and test/unit/route-table.test.ts checks it against the default policy.
 *
 * The order is the registration order, which matters where a HEAD is declared before the GET of the same path.
 */
import {
  AccessRuleParams,
  ApplicationCredentialCreate,
  ApplicationCredentialListQuery,
  ApplicationCredentialParams,
  AuditEventListQuery,
  AuthTokenRequest,
  CredentialCreate,
  CredentialListQuery,
  CredentialParams,
  CredentialUpdate,
  DomainConfigBody,
  DomainConfigDefaultParams,
  DomainConfigParams,
  DomainCreate,
  DomainListQuery,
  DomainParams,
  DomainUpdate,
  Ec2CredentialCreate,
  Ec2CredentialParams,
  EndpointCreate,
  EndpointGroupCreate,
  EndpointGroupListQuery,
  EndpointGroupParams,
  EndpointGroupProjectParams,
  EndpointGroupUpdate,
  EndpointListQuery,
  EndpointParams,
  EndpointUpdate,
  GrantParams,
  GroupCreate,
  GroupListQuery,
  GroupMemberParams,
  GroupParams,
  GroupUpdate,
  NewRegionParams,
  PasswordChange,
  PolicyCheckRequest,
  PolicyCreate,
  PolicyListQuery,
  PolicyParams,
  PolicyUpdate,
  PriorRoleParams,
  ProfileUpdate,
  ProjectCreate,
  ProjectEndpointParams,
  ProjectGetQuery,
  ProjectListQuery,
  ProjectParams,
  ProjectTagParams,
  ProjectTagsUpdate,
  ProjectUpdate,
  RegionCreate,
  RegionListQuery,
  RegionParams,
  RegionUpdate,
  RevokeEventListQuery,
  RoleAssignmentListQuery,
  RoleCreate,
  RoleInferenceParams,
  RoleListQuery,
  RoleParams,
  RoleUpdate,
  ServiceCreate,
  ServiceListQuery,
  ServiceParams,
  ServiceUpdate,
  SignInListQuery,
  TokenQuery,
  TrustCreate,
  TrustListQuery,
  TrustParams,
  TrustRoleParams,
  UserCreate,
  UserListQuery,
  UserParams,
  UserProjectsQuery,
  UserUpdate,
} from '@xloud/identity-schemas';
import { route, unprotectedRoute, type RouteEntry } from './route-entry.ts';
import * as applicationCredentials from './v3/application-credentials.ts';
import * as authDiscovery from './v3/auth-discovery.ts';
import * as tokens from './v3/auth-tokens.ts';
import * as catalog from './v3/catalog.ts';
import * as credentials from './v3/credentials.ts';
import * as domainConfigs from './v3/domain-configs.ts';
import * as domains from './v3/domains.ts';
import * as ec2Credentials from './v3/ec2-credentials.ts';
import * as endpointFilter from './v3/endpoint-filter.ts';
import { grantHandlers, type GrantKind } from './v3/grants.ts';
import * as groups from './v3/groups.ts';
import * as policies from './v3/policies.ts';
import * as projects from './v3/projects.ts';
import * as roleAssignments from './v3/role-assignments.ts';
import * as roles from './v3/roles.ts';
import * as trusts from './v3/trusts.ts';
import * as users from './v3/users.ts';
import * as auditEvents from './v3/xloud-audit-events.ts';
import * as policyCheck from './v3/xloud-policy-check.ts';
import * as xloudUsers from './v3/xloud-users.ts';

/** Grants on projects and domains share Keystone's four rules; the system's have their own per actor. */
const PROJECT_DOMAIN_GRANTS = { list: 'identity:list_grants', create: 'identity:create_grant', check: 'identity:check_grant', revoke: 'identity:revoke_grant' };
const systemGrants = (actor: 'user' | 'group') => ({
  list: `identity:list_system_grants_for_${actor}`,
  create: `identity:create_system_grant_for_${actor}`,
  check: `identity:check_system_grant_for_${actor}`,
  revoke: `identity:revoke_system_grant_for_${actor}`,
});

/** The five routes of one kind of grant: `list` is the role collection, `member` one role grant in it. */
function grantRoutes(kind: GrantKind, list: string, member: string, policy: typeof PROJECT_DOMAIN_GRANTS): RouteEntry[] {
  const handlers = grantHandlers(kind);
  const schema = { params: GrantParams };
  return [
    route({ method: 'GET', path: list, policy: policy.list, schema, handler: handlers.list }),
    route({ method: 'PUT', path: member, policy: policy.create, schema, handler: handlers.create }),
    route({ method: 'HEAD', path: member, policy: policy.check, schema, handler: handlers.check }),
    route({ method: 'GET', path: member, policy: policy.check, schema, handler: handlers.check }),
    route({ method: 'DELETE', path: member, policy: policy.revoke, schema, handler: handlers.revoke }),
  ];
}

export const v3RouteTable: readonly RouteEntry[] = [
  // ---- tokens (keystone/api/auth.py) and revocation
  unprotectedRoute({
    method: 'POST',
    path: '/auth/tokens',
    access: 'public',
    reason: 'sign-in: the credentials in the body are what is checked',
    schema: { body: AuthTokenRequest, querystring: TokenQuery },
    handler: tokens.issueToken,
  }),
  route({ method: 'HEAD', path: '/auth/tokens', policy: 'identity:check_token', schema: { querystring: TokenQuery }, handler: tokens.checkToken }),
  route({ method: 'GET', path: '/auth/tokens', policy: 'identity:validate_token', schema: { querystring: TokenQuery }, handler: tokens.validateToken }),
  route({ method: 'DELETE', path: '/auth/tokens', policy: 'identity:revoke_token', handler: tokens.revokeToken }),
  route({ method: 'GET', path: '/auth/tokens/OS-PKI/revoked', policy: 'identity:revocation_list', handler: tokens.listRevokedTokens }),
  route({ method: 'GET', path: '/OS-PKI/revoked', policy: 'identity:revocation_list', handler: tokens.listRevokedTokens }),
  unprotectedRoute({ method: 'GET', path: '/OS-SIMPLE-CERT/ca', access: 'public', reason: 'always 410 Gone, as in Keystone since PKI tokens were removed', handler: tokens.gone }),
  unprotectedRoute({ method: 'GET', path: '/OS-SIMPLE-CERT/certificates', access: 'public', reason: 'always 410 Gone, as in Keystone since PKI tokens were removed', handler: tokens.gone }),
  route({ method: 'GET', path: '/OS-REVOKE/events', policy: 'identity:list_revoke_events', schema: { querystring: RevokeEventListQuery }, handler: tokens.listRevokeEvents }),

  // ---- what a token can be scoped to
  route({ method: 'GET', path: '/auth/projects', policy: 'identity:get_auth_projects', handler: authDiscovery.listAuthProjects }),
  route({ method: 'GET', path: '/OS-FEDERATION/projects', policy: 'identity:get_auth_projects', handler: authDiscovery.listAuthProjects }),
  route({ method: 'GET', path: '/auth/domains', policy: 'identity:get_auth_domains', handler: authDiscovery.listAuthDomains }),
  route({ method: 'GET', path: '/OS-FEDERATION/domains', policy: 'identity:get_auth_domains', handler: authDiscovery.listAuthDomains }),
  route({ method: 'GET', path: '/auth/system', policy: 'identity:get_auth_system', handler: authDiscovery.getAuthSystem }),
  route({ method: 'GET', path: '/auth/catalog', policy: 'identity:get_auth_catalog', handler: authDiscovery.getAuthCatalog }),

  // ---- domains
  route({ method: 'GET', path: '/domains', policy: 'identity:list_domains', schema: { querystring: DomainListQuery }, handler: domains.listDomains }),
  route({ method: 'POST', path: '/domains', policy: 'identity:create_domain', schema: { body: DomainCreate }, handler: domains.createDomain }),
  route({ method: 'GET', path: '/domains/:domain_id', policy: 'identity:get_domain', schema: { params: DomainParams }, handler: domains.getDomain }),
  route({ method: 'PATCH', path: '/domains/:domain_id', policy: 'identity:update_domain', schema: { params: DomainParams, body: DomainUpdate }, handler: domains.updateDomain }),
  route({ method: 'DELETE', path: '/domains/:domain_id', policy: 'identity:delete_domain', schema: { params: DomainParams }, handler: domains.deleteDomain }),

  // ---- projects and their tags
  route({ method: 'GET', path: '/projects', policy: 'identity:list_projects', schema: { querystring: ProjectListQuery }, handler: projects.listProjects }),
  route({ method: 'POST', path: '/projects', policy: 'identity:create_project', schema: { body: ProjectCreate }, handler: projects.createProject }),
  route({ method: 'GET', path: '/projects/:project_id', policy: 'identity:get_project', schema: { params: ProjectParams, querystring: ProjectGetQuery }, handler: projects.getProject }),
  route({ method: 'PATCH', path: '/projects/:project_id', policy: 'identity:update_project', schema: { params: ProjectParams, body: ProjectUpdate }, handler: projects.updateProject }),
  route({ method: 'DELETE', path: '/projects/:project_id', policy: 'identity:delete_project', schema: { params: ProjectParams }, handler: projects.deleteProject }),
  route({ method: 'GET', path: '/projects/:project_id/tags', policy: 'identity:list_project_tags', schema: { params: ProjectParams }, handler: projects.listProjectTags }),
  route({ method: 'PUT', path: '/projects/:project_id/tags', policy: 'identity:update_project_tags', schema: { params: ProjectParams, body: ProjectTagsUpdate }, handler: projects.replaceProjectTags }),
  route({ method: 'DELETE', path: '/projects/:project_id/tags', policy: 'identity:delete_project_tags', schema: { params: ProjectParams }, handler: projects.deleteProjectTags }),
  route({ method: 'HEAD', path: '/projects/:project_id/tags/:tag', policy: 'identity:get_project_tag', schema: { params: ProjectTagParams }, handler: projects.checkProjectTag }),
  route({ method: 'GET', path: '/projects/:project_id/tags/:tag', policy: 'identity:get_project_tag', schema: { params: ProjectTagParams }, handler: projects.checkProjectTag }),
  route({ method: 'PUT', path: '/projects/:project_id/tags/:tag', policy: 'identity:create_project_tag', schema: { params: ProjectTagParams }, handler: projects.addProjectTag }),
  route({ method: 'DELETE', path: '/projects/:project_id/tags/:tag', policy: 'identity:delete_project_tag', schema: { params: ProjectTagParams }, handler: projects.deleteProjectTag }),

  // ---- users
  route({ method: 'GET', path: '/users', policy: 'identity:list_users', schema: { querystring: UserListQuery }, handler: users.listUsers }),
  route({ method: 'POST', path: '/users', policy: 'identity:create_user', schema: { body: UserCreate }, handler: users.createUser }),
  route({ method: 'GET', path: '/users/:user_id', policy: 'identity:get_user', schema: { params: UserParams }, handler: users.getUser }),
  route({ method: 'PATCH', path: '/users/:user_id', policy: 'identity:update_user', schema: { params: UserParams, body: UserUpdate }, handler: users.updateUser }),
  route({ method: 'DELETE', path: '/users/:user_id', policy: 'identity:delete_user', schema: { params: UserParams }, handler: users.deleteUser }),
  unprotectedRoute({
    method: 'POST',
    path: '/users/:user_id/password',
    access: 'public',
    reason: 'the original password in the body is the proof (Keystone enforces no rule: an expired password must be changeable without a token)',
    schema: { params: UserParams, body: PasswordChange },
    handler: users.changePassword,
  }),
  route({ method: 'GET', path: '/users/:user_id/groups', policy: 'identity:list_groups_for_user', schema: { params: UserParams }, handler: users.listGroupsForUser }),
  route({ method: 'GET', path: '/users/:user_id/projects', policy: 'identity:list_user_projects', schema: { params: UserParams, querystring: UserProjectsQuery }, handler: users.listProjectsForUser }),

  // ---- groups and members
  route({ method: 'GET', path: '/groups', policy: 'identity:list_groups', schema: { querystring: GroupListQuery }, handler: groups.listGroups }),
  route({ method: 'POST', path: '/groups', policy: 'identity:create_group', schema: { body: GroupCreate }, handler: groups.createGroup }),
  route({ method: 'GET', path: '/groups/:group_id', policy: 'identity:get_group', schema: { params: GroupParams }, handler: groups.getGroup }),
  route({ method: 'PATCH', path: '/groups/:group_id', policy: 'identity:update_group', schema: { params: GroupParams, body: GroupUpdate }, handler: groups.updateGroup }),
  route({ method: 'DELETE', path: '/groups/:group_id', policy: 'identity:delete_group', schema: { params: GroupParams }, handler: groups.deleteGroup }),
  route({ method: 'GET', path: '/groups/:group_id/users', policy: 'identity:list_users_in_group', schema: { params: GroupParams }, handler: groups.listUsersInGroup }),
  route({ method: 'PUT', path: '/groups/:group_id/users/:user_id', policy: 'identity:add_user_to_group', schema: { params: GroupMemberParams }, handler: groups.addUserToGroup }),
  route({ method: 'HEAD', path: '/groups/:group_id/users/:user_id', policy: 'identity:check_user_in_group', schema: { params: GroupMemberParams }, handler: groups.checkUserInGroup }),
  route({ method: 'GET', path: '/groups/:group_id/users/:user_id', policy: 'identity:check_user_in_group', schema: { params: GroupMemberParams }, handler: groups.checkUserInGroup }),
  route({ method: 'DELETE', path: '/groups/:group_id/users/:user_id', policy: 'identity:remove_user_from_group', schema: { params: GroupMemberParams }, handler: groups.removeUserFromGroup }),

  // ---- roles (global and domain-specific) and implied roles
  route({ method: 'GET', path: '/roles', policy: { global: 'identity:list_roles', domainSpecific: 'identity:list_domain_roles' }, schema: { querystring: RoleListQuery }, handler: roles.listRoles }),
  route({ method: 'POST', path: '/roles', policy: { global: 'identity:create_role', domainSpecific: 'identity:create_domain_role' }, schema: { body: RoleCreate }, handler: roles.createRole }),
  route({ method: 'GET', path: '/roles/:role_id', policy: { global: 'identity:get_role', domainSpecific: 'identity:get_domain_role' }, schema: { params: RoleParams }, handler: roles.getRole }),
  route({ method: 'PATCH', path: '/roles/:role_id', policy: { global: 'identity:update_role', domainSpecific: 'identity:update_domain_role' }, schema: { params: RoleParams, body: RoleUpdate }, handler: roles.updateRole }),
  route({ method: 'DELETE', path: '/roles/:role_id', policy: { global: 'identity:delete_role', domainSpecific: 'identity:delete_domain_role' }, schema: { params: RoleParams }, handler: roles.deleteRole }),
  route({ method: 'GET', path: '/roles/:prior_role_id/implies', policy: 'identity:list_implied_roles', schema: { params: PriorRoleParams }, handler: roles.listImpliedRoles }),
  route({ method: 'PUT', path: '/roles/:prior_role_id/implies/:implies_role_id', policy: 'identity:create_implied_role', schema: { params: RoleInferenceParams }, handler: roles.createImpliedRole }),
  route({ method: 'HEAD', path: '/roles/:prior_role_id/implies/:implies_role_id', policy: 'identity:check_implied_role', schema: { params: RoleInferenceParams }, handler: roles.checkImpliedRole }),
  route({ method: 'GET', path: '/roles/:prior_role_id/implies/:implies_role_id', policy: 'identity:get_implied_role', schema: { params: RoleInferenceParams }, handler: roles.getImpliedRole }),
  route({ method: 'DELETE', path: '/roles/:prior_role_id/implies/:implies_role_id', policy: 'identity:delete_implied_role', schema: { params: RoleInferenceParams }, handler: roles.deleteImpliedRole }),
  route({ method: 'GET', path: '/role_inferences', policy: 'identity:list_role_inference_rules', handler: roles.listRoleInferences }),

  // ---- role grants: users and groups × projects and domains (direct and OS-INHERIT), and the system
  ...grantRoutes({ actor: 'user', target: 'project', inherited: false }, '/projects/:project_id/users/:user_id/roles', '/projects/:project_id/users/:user_id/roles/:role_id', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'user', target: 'project', inherited: true }, '/OS-INHERIT/projects/:project_id/users/:user_id/roles/inherited_to_projects', '/OS-INHERIT/projects/:project_id/users/:user_id/roles/:role_id/inherited_to_projects', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'user', target: 'domain', inherited: false }, '/domains/:domain_id/users/:user_id/roles', '/domains/:domain_id/users/:user_id/roles/:role_id', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'user', target: 'domain', inherited: true }, '/OS-INHERIT/domains/:domain_id/users/:user_id/roles/inherited_to_projects', '/OS-INHERIT/domains/:domain_id/users/:user_id/roles/:role_id/inherited_to_projects', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'user', target: 'system', inherited: false }, '/system/users/:user_id/roles', '/system/users/:user_id/roles/:role_id', systemGrants('user')),
  ...grantRoutes({ actor: 'group', target: 'project', inherited: false }, '/projects/:project_id/groups/:group_id/roles', '/projects/:project_id/groups/:group_id/roles/:role_id', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'group', target: 'project', inherited: true }, '/OS-INHERIT/projects/:project_id/groups/:group_id/roles/inherited_to_projects', '/OS-INHERIT/projects/:project_id/groups/:group_id/roles/:role_id/inherited_to_projects', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'group', target: 'domain', inherited: false }, '/domains/:domain_id/groups/:group_id/roles', '/domains/:domain_id/groups/:group_id/roles/:role_id', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'group', target: 'domain', inherited: true }, '/OS-INHERIT/domains/:domain_id/groups/:group_id/roles/inherited_to_projects', '/OS-INHERIT/domains/:domain_id/groups/:group_id/roles/:role_id/inherited_to_projects', PROJECT_DOMAIN_GRANTS),
  ...grantRoutes({ actor: 'group', target: 'system', inherited: false }, '/system/groups/:group_id/roles', '/system/groups/:group_id/roles/:role_id', systemGrants('group')),

  // ---- role assignments
  route({
    method: 'GET',
    path: '/role_assignments',
    policy: { list: 'identity:list_role_assignments', tree: 'identity:list_role_assignments_for_tree' },
    schema: { querystring: RoleAssignmentListQuery },
    handler: roleAssignments.listRoleAssignments,
  }),

  // ---- catalog: regions, services, endpoints
  route({ method: 'GET', path: '/regions', policy: 'identity:list_regions', schema: { querystring: RegionListQuery }, handler: catalog.listRegions }),
  route({ method: 'POST', path: '/regions', policy: 'identity:create_region', schema: { body: RegionCreate }, handler: catalog.createRegion }),
  route({ method: 'PUT', path: '/regions/:region_id', policy: 'identity:create_region', schema: { body: RegionCreate, params: NewRegionParams }, handler: catalog.createRegionWithId }),
  route({ method: 'GET', path: '/regions/:region_id', policy: 'identity:get_region', schema: { params: RegionParams }, handler: catalog.getRegion }),
  route({ method: 'PATCH', path: '/regions/:region_id', policy: 'identity:update_region', schema: { params: RegionParams, body: RegionUpdate }, handler: catalog.updateRegion }),
  route({ method: 'DELETE', path: '/regions/:region_id', policy: 'identity:delete_region', schema: { params: RegionParams }, handler: catalog.deleteRegion }),
  route({ method: 'GET', path: '/services', policy: 'identity:list_services', schema: { querystring: ServiceListQuery }, handler: catalog.listServices }),
  route({ method: 'POST', path: '/services', policy: 'identity:create_service', schema: { body: ServiceCreate }, handler: catalog.createService }),
  route({ method: 'GET', path: '/services/:service_id', policy: 'identity:get_service', schema: { params: ServiceParams }, handler: catalog.getService }),
  route({ method: 'PATCH', path: '/services/:service_id', policy: 'identity:update_service', schema: { params: ServiceParams, body: ServiceUpdate }, handler: catalog.updateService }),
  route({ method: 'DELETE', path: '/services/:service_id', policy: 'identity:delete_service', schema: { params: ServiceParams }, handler: catalog.deleteService }),
  route({ method: 'GET', path: '/endpoints', policy: 'identity:list_endpoints', schema: { querystring: EndpointListQuery }, handler: catalog.listEndpoints }),
  route({ method: 'POST', path: '/endpoints', policy: 'identity:create_endpoint', schema: { body: EndpointCreate }, handler: catalog.createEndpoint }),
  route({ method: 'GET', path: '/endpoints/:endpoint_id', policy: 'identity:get_endpoint', schema: { params: EndpointParams }, handler: catalog.getEndpoint }),
  route({ method: 'PATCH', path: '/endpoints/:endpoint_id', policy: 'identity:update_endpoint', schema: { params: EndpointParams, body: EndpointUpdate }, handler: catalog.updateEndpoint }),
  route({ method: 'DELETE', path: '/endpoints/:endpoint_id', policy: 'identity:delete_endpoint', schema: { params: EndpointParams }, handler: catalog.deleteEndpoint }),

  // ---- application credentials and their access rules
  route({ method: 'POST', path: '/users/:user_id/application_credentials', policy: 'identity:create_application_credential', schema: { params: UserParams, body: ApplicationCredentialCreate }, handler: applicationCredentials.createApplicationCredential }),
  route({ method: 'GET', path: '/users/:user_id/application_credentials', policy: 'identity:list_application_credentials', schema: { params: UserParams, querystring: ApplicationCredentialListQuery }, handler: applicationCredentials.listApplicationCredentials }),
  route({ method: 'GET', path: '/users/:user_id/application_credentials/:application_credential_id', policy: 'identity:get_application_credential', schema: { params: ApplicationCredentialParams }, handler: applicationCredentials.getApplicationCredential }),
  route({ method: 'DELETE', path: '/users/:user_id/application_credentials/:application_credential_id', policy: 'identity:delete_application_credential', schema: { params: ApplicationCredentialParams }, handler: applicationCredentials.deleteApplicationCredential }),
  route({ method: 'GET', path: '/users/:user_id/access_rules', policy: 'identity:list_access_rules', schema: { params: UserParams }, handler: applicationCredentials.listAccessRules }),
  route({ method: 'GET', path: '/users/:user_id/access_rules/:access_rule_id', policy: 'identity:get_access_rule', schema: { params: AccessRuleParams }, handler: applicationCredentials.getAccessRule }),
  route({ method: 'DELETE', path: '/users/:user_id/access_rules/:access_rule_id', policy: 'identity:delete_access_rule', schema: { params: AccessRuleParams }, handler: applicationCredentials.deleteAccessRule }),

  // ---- credentials
  route({ method: 'GET', path: '/credentials', policy: { list: 'identity:list_credentials', get: 'identity:get_credential' }, schema: { querystring: CredentialListQuery }, handler: credentials.listCredentials }),
  route({ method: 'POST', path: '/credentials', policy: 'identity:create_credential', schema: { body: CredentialCreate }, handler: credentials.createCredential }),
  route({ method: 'GET', path: '/credentials/:credential_id', policy: 'identity:get_credential', schema: { params: CredentialParams }, handler: credentials.getCredential }),
  route({ method: 'PATCH', path: '/credentials/:credential_id', policy: 'identity:update_credential', schema: { params: CredentialParams, body: CredentialUpdate }, handler: credentials.updateCredential }),
  route({ method: 'DELETE', path: '/credentials/:credential_id', policy: 'identity:delete_credential', schema: { params: CredentialParams }, handler: credentials.deleteCredential }),

  // ---- policies (blobs stored for other services)
  route({ method: 'GET', path: '/policies', policy: 'identity:list_policies', schema: { querystring: PolicyListQuery }, handler: policies.listPolicies }),
  route({ method: 'POST', path: '/policies', policy: 'identity:create_policy', schema: { body: PolicyCreate }, handler: policies.createPolicy }),
  route({ method: 'GET', path: '/policies/:policy_id', policy: 'identity:get_policy', schema: { params: PolicyParams }, handler: policies.getPolicy }),
  route({ method: 'PATCH', path: '/policies/:policy_id', policy: 'identity:update_policy', schema: { params: PolicyParams, body: PolicyUpdate }, handler: policies.updatePolicy }),
  route({ method: 'DELETE', path: '/policies/:policy_id', policy: 'identity:delete_policy', schema: { params: PolicyParams }, handler: policies.deletePolicy }),

  // ---- OS-TRUST
  route({ method: 'POST', path: '/OS-TRUST/trusts', policy: 'identity:create_trust', schema: { body: TrustCreate }, handler: trusts.createTrust }),
  route({
    method: 'GET',
    path: '/OS-TRUST/trusts',
    policy: { forTrustor: 'identity:list_trusts_for_trustor', forTrustee: 'identity:list_trusts_for_trustee', all: 'identity:list_trusts' },
    schema: { querystring: TrustListQuery },
    handler: trusts.listTrusts,
  }),
  route({ method: 'GET', path: '/OS-TRUST/trusts/:trust_id', policy: 'identity:get_trust', schema: { params: TrustParams }, handler: trusts.getTrust }),
  route({ method: 'DELETE', path: '/OS-TRUST/trusts/:trust_id', policy: 'identity:delete_trust', schema: { params: TrustParams }, handler: trusts.deleteTrust }),
  route({ method: 'GET', path: '/OS-TRUST/trusts/:trust_id/roles', policy: 'identity:list_roles_for_trust', schema: { params: TrustParams }, handler: trusts.listTrustRoles }),
  route({ method: 'HEAD', path: '/OS-TRUST/trusts/:trust_id/roles/:role_id', policy: 'identity:get_role_for_trust', schema: { params: TrustRoleParams }, handler: trusts.checkTrustRole }),
  route({ method: 'GET', path: '/OS-TRUST/trusts/:trust_id/roles/:role_id', policy: 'identity:get_role_for_trust', schema: { params: TrustRoleParams }, handler: trusts.getTrustRole }),

  // ---- OS-EC2
  route({ method: 'GET', path: '/users/:user_id/credentials/OS-EC2', policy: 'identity:ec2_list_credentials', schema: { params: UserParams }, handler: ec2Credentials.listEc2Credentials }),
  route({ method: 'POST', path: '/users/:user_id/credentials/OS-EC2', policy: 'identity:ec2_create_credential', schema: { params: UserParams, body: Ec2CredentialCreate }, handler: ec2Credentials.createEc2Credential }),
  route({ method: 'GET', path: '/users/:user_id/credentials/OS-EC2/:credential_id', policy: 'identity:ec2_get_credential', schema: { params: Ec2CredentialParams }, handler: ec2Credentials.getEc2Credential }),
  route({ method: 'DELETE', path: '/users/:user_id/credentials/OS-EC2/:credential_id', policy: 'identity:ec2_delete_credential', schema: { params: Ec2CredentialParams }, handler: ec2Credentials.deleteEc2Credential }),

  // ---- OS-EP-FILTER: endpoint groups, and their and endpoints' project associations
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoint_groups', policy: 'identity:list_endpoint_groups', schema: { querystring: EndpointGroupListQuery }, handler: endpointFilter.listEndpointGroups }),
  route({ method: 'POST', path: '/OS-EP-FILTER/endpoint_groups', policy: 'identity:create_endpoint_group', schema: { body: EndpointGroupCreate }, handler: endpointFilter.createEndpointGroup }),
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id', policy: 'identity:get_endpoint_group', schema: { params: EndpointGroupParams }, handler: endpointFilter.getEndpointGroup }),
  route({ method: 'PATCH', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id', policy: 'identity:update_endpoint_group', schema: { params: EndpointGroupParams, body: EndpointGroupUpdate }, handler: endpointFilter.updateEndpointGroup }),
  route({ method: 'DELETE', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id', policy: 'identity:delete_endpoint_group', schema: { params: EndpointGroupParams }, handler: endpointFilter.deleteEndpointGroup }),
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id/endpoints', policy: 'identity:list_endpoints_associated_with_endpoint_group', schema: { params: EndpointGroupParams }, handler: endpointFilter.listEndpointsInGroup }),
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id/projects', policy: 'identity:list_projects_associated_with_endpoint_group', schema: { params: EndpointGroupParams }, handler: endpointFilter.listProjectsForEndpointGroup }),
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id/projects/:project_id', policy: 'identity:get_endpoint_group_in_project', schema: { params: EndpointGroupProjectParams }, handler: endpointFilter.getEndpointGroupInProject }),
  route({ method: 'PUT', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id/projects/:project_id', policy: 'identity:add_endpoint_group_to_project', schema: { params: EndpointGroupProjectParams }, handler: endpointFilter.addEndpointGroupToProject }),
  route({ method: 'DELETE', path: '/OS-EP-FILTER/endpoint_groups/:endpoint_group_id/projects/:project_id', policy: 'identity:remove_endpoint_group_from_project', schema: { params: EndpointGroupProjectParams }, handler: endpointFilter.removeEndpointGroupFromProject }),
  route({ method: 'GET', path: '/OS-EP-FILTER/projects/:project_id/endpoint_groups', policy: 'identity:list_endpoint_groups_for_project', schema: { params: ProjectParams }, handler: endpointFilter.listEndpointGroupsForProject }),
  route({ method: 'GET', path: '/OS-EP-FILTER/projects/:project_id/endpoints/:endpoint_id', policy: 'identity:check_endpoint_in_project', schema: { params: ProjectEndpointParams }, handler: endpointFilter.checkEndpointInProject }),
  route({ method: 'PUT', path: '/OS-EP-FILTER/projects/:project_id/endpoints/:endpoint_id', policy: 'identity:add_endpoint_to_project', schema: { params: ProjectEndpointParams }, handler: endpointFilter.addEndpointToProject }),
  route({ method: 'DELETE', path: '/OS-EP-FILTER/projects/:project_id/endpoints/:endpoint_id', policy: 'identity:remove_endpoint_from_project', schema: { params: ProjectEndpointParams }, handler: endpointFilter.removeEndpointFromProject }),
  route({ method: 'GET', path: '/OS-EP-FILTER/projects/:project_id/endpoints', policy: 'identity:list_endpoints_for_project', schema: { params: ProjectParams }, handler: endpointFilter.listEndpointsForProject }),
  route({ method: 'GET', path: '/OS-EP-FILTER/endpoints/:endpoint_id/projects', policy: 'identity:list_projects_for_endpoint', schema: { params: EndpointParams }, handler: endpointFilter.listProjectsForEndpoint }),

  // ---- domain-specific configuration: /config, /config/{group}, /config/{group}/{option}, and the defaults
  ...['/domains/:domain_id/config', '/domains/:domain_id/config/:group', '/domains/:domain_id/config/:group/:option'].flatMap((path) => [
    route({
      method: 'GET',
      path,
      policy: { config: 'identity:get_domain_config', securityCompliance: 'identity:get_security_compliance_domain_config' },
      schema: { params: DomainConfigParams },
      handler: domainConfigs.getDomainConfig,
    }),
    route({ method: 'PATCH', path, policy: 'identity:update_domain_config', schema: { params: DomainConfigParams, body: DomainConfigBody }, handler: domainConfigs.updateDomainConfig }),
    route({ method: 'DELETE', path, policy: 'identity:delete_domain_config', schema: { params: DomainConfigParams }, handler: domainConfigs.deleteDomainConfig }),
  ]),
  route({ method: 'PUT', path: '/domains/:domain_id/config', policy: 'identity:create_domain_config', schema: { params: DomainConfigParams, body: DomainConfigBody }, handler: domainConfigs.createDomainConfig }),
  ...['/domains/config/default', '/domains/config/:group/default', '/domains/config/:group/:option/default'].map((path) =>
    route({ method: 'GET', path, policy: 'identity:get_domain_config_default', schema: { params: DomainConfigDefaultParams }, handler: domainConfigs.getDomainConfigDefault }),
  ),

  // ---- OS-XLOUD extensions (docs/console.md)
  unprotectedRoute({
    method: 'POST',
    path: '/OS-XLOUD/policy-check',
    access: 'authenticated-only',
    reason: "answers about the caller's own token only, and the rules an operator could read in policy.yaml anyway",
    schema: { body: PolicyCheckRequest },
    handler: policyCheck.checkPolicies,
  }),
  route({ method: 'PATCH', path: '/OS-XLOUD/users/:user_id/profile', policy: 'identity:update_own_profile', schema: { params: UserParams, body: ProfileUpdate }, handler: xloudUsers.updateProfile }),
  route({ method: 'GET', path: '/OS-XLOUD/users/:user_id/sign-ins', policy: 'identity:list_sign_ins', schema: { params: UserParams, querystring: SignInListQuery }, handler: xloudUsers.listSignIns }),
  route({ method: 'DELETE', path: '/OS-XLOUD/users/:user_id/tokens', policy: 'identity:revoke_user_tokens', schema: { params: UserParams }, handler: xloudUsers.revokeUserTokens }),
  route({ method: 'GET', path: '/OS-XLOUD/audit-events', policy: 'identity:list_audit_events', schema: { querystring: AuditEventListQuery }, handler: auditEvents.listAuditEvents }),
];

import { identityRoot, listVersions, type VersionInfo } from './auth/discovery.ts';
import { Roles, RoleAssignments, type NameResolver } from './resources/assignment.ts';
import { Catalog, Endpoints, Regions, Services } from './resources/catalog.ts';
import { ApplicationCredentials, Credentials } from './resources/credentials.ts';
import { Domains, Groups, Projects, Users } from './resources/identity.ts';
import { AuthScopes, Tokens } from './resources/tokens.ts';
import { XloudExtensions } from './resources/xloud.ts';
import { Mfa } from './resources/mfa.ts';
import { AccessRules } from './resources/access-rules.ts';
import { Ec2Credentials } from './resources/ec2-credentials.ts';
import { EndpointGroups, EndpointProjectAssociations } from './resources/endpoint-filter.ts';
import { ImpliedRoles } from './resources/implied-roles.ts';
import { Policies } from './resources/policies.ts';
import { Trusts } from './resources/trusts.ts';
import { Consumers, OAuth1AccessTokens } from './resources/oauth1.ts';
import type { Session } from './session.ts';

/**
 * Typed access to every Identity v3 resource over one {@link Session}.
 *
 * @example
 * ```ts
 * const identity = new IdentityClient(session);
 * const demo = await identity.projects.find('demo', { domain_id: 'default' });
 * await identity.roles.grant({ role: 'member', user: 'alice', project: demo.id });
 * ```
 */
export class IdentityClient {
  readonly domains: Domains;
  readonly projects: Projects;
  readonly users: Users;
  readonly groups: Groups;
  readonly roles: Roles;
  readonly roleAssignments: RoleAssignments;
  readonly applicationCredentials: ApplicationCredentials;
  readonly regions: Regions;
  readonly services: Services;
  readonly endpoints: Endpoints;
  readonly credentials: Credentials;
  readonly tokens: Tokens;
  readonly catalog: Catalog;
  readonly auth: AuthScopes;
  readonly trusts: Trusts;
  /** OS-OAUTH1 consumers (administrators). */
  readonly consumers: Consumers;
  /** The OAuth1 access tokens a user authorized. */
  readonly oauth1AccessTokens: OAuth1AccessTokens;
  readonly impliedRoles: ImpliedRoles;
  readonly accessRules: AccessRules;
  readonly ec2Credentials: Ec2Credentials;
  readonly endpointGroups: EndpointGroups;
  readonly endpointFilter: EndpointProjectAssociations;
  readonly policies: Policies;
  /** Xloud's own extensions (OS-XLOUD), e.g. `policyCheck`. */
  readonly xloud: XloudExtensions;
  /** Self-service two-factor authentication (OS-XLOUD): enrol, verify, recovery codes, disable, reset. */
  readonly mfa: Mfa;
  /** Resolves names to ids (ids pass through), as openstackclient's find_resource. */
  readonly resolver: NameResolver;

  constructor(readonly session: Session) {
    this.domains = new Domains(session);
    this.projects = new Projects(session);
    this.users = new Users(session);
    this.groups = new Groups(session);
    this.resolver = {
      domainId: async (v) => (await this.domains.find(v)).id,
      userId: async (v, domain) =>
        (await this.users.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      groupId: async (v, domain) =>
        (await this.groups.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      projectId: async (v, domain) =>
        (await this.projects.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      roleId: async (v, domain) =>
        (await this.roles.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
    };
    this.roles = new Roles(session, this.resolver);
    this.roleAssignments = new RoleAssignments(session, this.resolver);
    this.applicationCredentials = new ApplicationCredentials(session);
    this.regions = new Regions(session);
    this.services = new Services(session);
    this.endpoints = new Endpoints(session);
    this.credentials = new Credentials(session);
    this.tokens = new Tokens(session);
    this.catalog = new Catalog(session);
    this.auth = new AuthScopes(session);
    this.trusts = new Trusts(session);
    this.consumers = new Consumers(session);
    this.oauth1AccessTokens = new OAuth1AccessTokens(session);
    this.impliedRoles = new ImpliedRoles(session);
    this.accessRules = new AccessRules(session);
    this.ec2Credentials = new Ec2Credentials(session);
    this.endpointGroups = new EndpointGroups(session);
    this.endpointFilter = new EndpointProjectAssociations(session);
    this.policies = new Policies(session);
    this.xloud = new XloudExtensions(session);
    this.mfa = new Mfa(session);
  }

  /**
   * The identity service's version discovery document (GET on the unversioned root), as `openstack versions show`
   * reports it for identity. Needs no token.
   */
  async versions(): Promise<VersionInfo[]> {
    const v3 = this.session.endpointOverride ?? (await this.session.auth.getIdentityUrl(this.session.http));
    return listVersions(this.session.http, identityRoot(v3));
  }
}

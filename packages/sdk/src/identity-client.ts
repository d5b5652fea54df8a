import { identityRoot, listVersions, type VersionInfo } from './auth/discovery.ts';
import { loadCloudConfig, type CloudConfig, type LoadCloudConfigOptions } from './config/cloud-config.ts';
import { Roles, RoleAssignments, type NameResolver } from './resources/assignment.ts';
import { Catalog, Endpoints, Regions, Services } from './resources/catalog.ts';
import { ApplicationCredentials, Credentials } from './resources/credentials.ts';
import { Domains, Groups, Projects, Users } from './resources/identity.ts';
import { AuthScopes, Tokens } from './resources/tokens.ts';
import { Session, sessionFromConfig, type SessionOptions } from './session.ts';

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
  /** Resolves names to ids (ids pass through), as openstackclient's find_resource. */
  readonly resolver: NameResolver;

  constructor(readonly session: Session) {
    this.domains = new Domains(session);
    this.projects = new Projects(session);
    this.users = new Users(session);
    this.groups = new Groups(session);
    this.resolver = {
      domainId: async (v) => (await this.domains.find(v)).id,
      userId: async (v, domain) => (await this.users.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      groupId: async (v, domain) => (await this.groups.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      projectId: async (v, domain) => (await this.projects.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
      roleId: async (v, domain) => (await this.roles.find(v, domain ? { domain_id: await this.resolver.domainId(domain) } : {})).id,
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

/**
 * An {@link IdentityClient} for a resolved cloud config.
 *
 * @example
 * ```ts
 * const identity = identityFromConfig(loadCloudConfig({ cloud: 'dev' }), { userAgent: 'my-tool/1.0' });
 * ```
 */
export function identityFromConfig(config: CloudConfig, options: Partial<SessionOptions> = {}): IdentityClient {
  return new IdentityClient(sessionFromConfig(config, options));
}

/**
 * Options of {@link connect}: where to find the cloud, plus session settings.
 *
 * @example
 * ```ts
 * const identity = connect({ cloud: 'dev', overrides: { region_name: 'RegionTwo' }, session: { timeout: 10_000 } } satisfies ConnectOptions);
 * ```
 */
export interface ConnectOptions extends LoadCloudConfigOptions {
  session?: Partial<SessionOptions>;
}

/**
 * One call from configuration to a ready client: resolves clouds.yaml / `OS_*` / overrides (see
 * {@link loadCloudConfig}) and builds a session. Nothing is sent until the first request.
 *
 * @throws {ConfigError} if the configuration is incomplete.
 * @example
 * ```ts
 * const identity = connect({ cloud: 'mycloud' });
 * console.log((await identity.tokens.issue()).expiresAt);
 * ```
 */
export function connect(options: ConnectOptions = {}): IdentityClient {
  const { session, ...configOptions } = options;
  return identityFromConfig(loadCloudConfig(configOptions), session);
}

/**
 * @xloud/sdk — TypeScript SDK for Xloud Identity and any OpenStack Identity v3 (Keystone) server.
 * Zero runtime dependencies. See README.md for the tour; every export below is documented where it is defined.
 *
 * @example
 * ```ts
 * import { connect } from '@xloud/sdk';
 * const identity = connect({ cloud: 'mycloud' });
 * for await (const project of identity.projects.iterate()) console.log(project.name);
 * ```
 */

// The Node-only transport parts (TLS settings, node/<version> in the user agent); the browser entry leaves them out.
import './transport/node.ts';

export { SDK_VERSION } from './version.ts';

// Errors (stable codes).
export {
  XloudError,
  HttpErrorBase,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  HttpError,
  ServerError,
  ConfigError,
  ConnectionError,
  TimeoutError,
  EndpointNotFoundError,
  AmbiguousError,
  InvalidResponseError,
  isXloudError,
  errorFromResponse,
} from './errors.ts';
export type { XloudErrorCode, AnyXloudError, HttpErrorDetails, ConfigErrorDetails, TransportErrorDetails } from './errors.ts';

// Configuration.
export { parseYaml } from './yaml/parse-yaml.ts';
export { resolvePlainScalar } from './yaml/scalars.ts';
export type { ParseYamlOptions } from './yaml/parse-yaml.ts';
export { configSearchPath, findConfigFiles, readConfigFile, mergeDeep } from './config/files.ts';
export type { ConfigLocationOptions, ConfigFiles } from './config/files.ts';
export { loadCloudConfig, validateCloudConfig, requiredSettings, envSettings, listClouds, redactConfig } from './config/cloud-config.ts';
export type { CloudConfig, AuthOptions, AuthType, ConfigSource, LoadCloudConfigOptions } from './config/cloud-config.ts';
export { AUTH_KEYS, TOP_LEVEL_KEYS, envName, flagName } from './config/keys.ts';
export type { AuthKey } from './config/keys.ts';

// Authentication.
export { AccessInfo, findEndpoint, parseKeystoneTime } from './auth/access.ts';
export type { TokenData, CatalogEntry, CatalogEndpoint, NamedRef, EndpointFilter } from './auth/access.ts';
export { PasswordAuth, TokenAuth, ApplicationCredentialAuth, StaticTokenAuth, issueToken } from './auth/plugins.ts';
export type {
  AuthPlugin,
  Scope,
  DomainRef,
  PasswordAuthOptions,
  TokenAuthOptions,
  ApplicationCredentialAuthOptions,
  StaticTokenAuthOptions,
} from './auth/plugins.ts';
export { authFromConfig, scopeFromAuth } from './auth/from-config.ts';
export { discoverIdentityV3, listVersions, identityRoot } from './auth/discovery.ts';
export type { VersionInfo } from './auth/discovery.ts';

// Transport and session.
export { HttpTransport, defaultUserAgent } from './transport/http.ts';
export type { TransportOptions, TransportRequest, TransportResponse, TlsOptions, FetchLike } from './transport/http.ts';
export { createTlsFetch } from './transport/tls-fetch.ts';
export { Session, sessionFromConfig, withQuery } from './session.ts';
export type { SessionOptions, RequestOptions, ApiResponse, QueryValue } from './session.ts';
export { formatDebugEvent, maskBody, maskHeaders, hashToken } from './debug.ts';
export type { DebugEvent, DebugHook } from './debug.ts';

// Resources.
export { IdentityClient } from './identity-client.ts';
export { identityFromConfig, connect } from './connect.ts';
export type { ConnectOptions } from './connect.ts';
export { Collection, paginate } from './resources/collection.ts';
export type { Filters, CallOptions, CollectionSpec, Page, PageFilters } from './resources/collection.ts';
export { Domains, Projects, Users, Groups } from './resources/identity.ts';
export type { PasswordChange } from './resources/identity.ts';
export { Roles, RoleAssignments } from './resources/assignment.ts';
export type { GrantSpec, GrantTarget, RoleAssignmentFilters, NameResolver } from './resources/assignment.ts';
export { Regions, Services, Endpoints, Catalog } from './resources/catalog.ts';
export { Credentials, ApplicationCredentials } from './resources/credentials.ts';
export type { OwnerOptions } from './resources/credentials.ts';
export { Tokens, AuthScopes } from './resources/tokens.ts';
export type { ValidateOptions } from './resources/tokens.ts';
export { XloudExtensions } from './resources/xloud.ts';
export type * from './resources/types.ts';

// Credential files (OpenRC, clouds.yaml) — also in @xloud/sdk/browser.
export { renderOpenrc } from './files/openrc.ts';
export { renderCloudsYaml } from './files/clouds-yaml.ts';
export type { CredentialFileOptions } from './files/credentials.ts';
export { shellQuote, yamlQuote } from './files/quote.ts';

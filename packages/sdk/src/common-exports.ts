/**
 * What both entries export, `@xloud/sdk` (Node) and `@xloud/sdk/browser`: errors, tokens, the session and its
 * transport, the typed resources and the credential-file generators. Nothing in this module's import graph may be
 * Node-only (test/browser-entry.test.ts walks the browser entry's graph through it); Node-only exports go in
 * index.ts, browser-only ones in browser.ts.
 */

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
export type {
  XloudErrorCode,
  AnyXloudError,
  HttpErrorDetails,
  ConfigErrorDetails,
  TransportErrorDetails,
} from './errors.ts';

// Tokens and scopes.
export { AccessInfo, findEndpoint, parseKeystoneTime } from './auth/access.ts';
export { oauth2ClientCredentialsToken } from './auth/oauth2.ts';
export type { OAuth2AccessToken, OAuth2Client } from './auth/oauth2.ts';
export type { TokenData, CatalogEntry, CatalogEndpoint, NamedRef, EndpointFilter } from './auth/access.ts';
export type { AuthPlugin, Scope, DomainRef } from './auth/plugins.ts';
export type { VersionInfo } from './auth/discovery.ts';

// Transport and session.
export { HttpTransport } from './transport/http.ts';
export type { TransportOptions, TransportRequest, TransportResponse, FetchLike } from './transport/http.ts';
export { Session, withQuery } from './session.ts';
export type { SessionOptions, RequestOptions, ApiResponse, QueryValue } from './session.ts';
export { formatDebugEvent, maskBody, maskHeaders, hashToken } from './debug.ts';
export type { DebugEvent, DebugHook } from './debug.ts';

// Resources.
export { IdentityClient } from './identity-client.ts';
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
export { Mfa } from './resources/mfa.ts';
export { Trusts } from './resources/trusts.ts';
export { Consumers, OAuth1AccessTokens } from './resources/oauth1.ts';
export type { Consumer, ConsumerAttributes, OAuth1AccessToken } from './resources/oauth1.ts';
export type { Trust, TrustCreate, TrustFilters } from './resources/trusts.ts';
export { ImpliedRoles } from './resources/implied-roles.ts';
export type { RoleRef, RoleInference, RoleInferences } from './resources/implied-roles.ts';
export { AccessRules } from './resources/access-rules.ts';
export { Ec2Credentials } from './resources/ec2-credentials.ts';
export type { Ec2Credential } from './resources/ec2-credentials.ts';
export { EndpointGroups, EndpointProjectAssociations } from './resources/endpoint-filter.ts';
export type { EndpointGroup, EndpointGroupCreate } from './resources/endpoint-filter.ts';
export { Policies } from './resources/policies.ts';
export type { Policy, PolicyCreate } from './resources/policies.ts';
export type * from './resources/types.ts';

// Credential files (OpenRC, clouds.yaml: the console's downloads).
export { renderOpenrc } from './files/openrc.ts';
export { renderCloudsYaml } from './files/clouds-yaml.ts';
export type { CredentialFileOptions } from './files/credentials.ts';
export { shellQuote, yamlQuote } from './files/quote.ts';

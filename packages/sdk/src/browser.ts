/**
 * @xloud/sdk/browser — the SDK for web pages (the Xloud console), with no Node.js module anywhere in its import
 * graph: `connectBrowser()` gives the same {@link IdentityClient} and typed resources as the Node entry, sent with
 * the browser's session cookie to the console's backend-for-frontend; plus the errors, the wire types, and the
 * OpenRC / clouds.yaml generators for the console's downloads. Configuration files, TLS settings and the
 * `auth_token` middleware are Node-only (`@xloud/sdk`, `@xloud/sdk/middleware`).
 *
 * @example
 * ```ts
 * import { connectBrowser, renderOpenrc, isXloudError } from '@xloud/sdk/browser';
 * const identity = connectBrowser({ baseUrl: '/dashboard/api/v3', headers: () => ({ 'X-CSRF-Token': csrf }) });
 * const { items, nextMarker } = await identity.users.page({ domain_id: 'default', limit: 20 });
 * ```
 */

export { SDK_VERSION } from './version.ts';

// The browser client.
export { connectBrowser } from './connect-browser.ts';
export type { ConnectBrowserOptions } from './connect-browser.ts';
export { CookieAuth } from './auth/cookie.ts';
export type { CookieAuthOptions } from './auth/cookie.ts';

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

// Tokens and scopes (the console session's token body is a TokenData).
export { AccessInfo, findEndpoint, parseKeystoneTime } from './auth/access.ts';
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
export type * from './resources/types.ts';

// Credential files (the console's downloads).
export { renderOpenrc } from './files/openrc.ts';
export { renderCloudsYaml } from './files/clouds-yaml.ts';
export type { CredentialFileOptions } from './files/credentials.ts';
export { shellQuote, yamlQuote } from './files/quote.ts';

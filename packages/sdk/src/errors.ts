import type { AuthReceipt } from './auth/plugins.ts';

/**
 * The SDK's one error catalog. Every error has a stable string `code`; `AnyXloudError` is a discriminated union
 * callers can `switch` on. Messages never include secrets (request bodies are not copied into errors).
 */

/**
 * Every stable error code the SDK throws.
 *
 * @example
 * ```ts
 * const retryable = (code: XloudErrorCode) => code === 'ERR_CONNECTION' || code === 'ERR_TIMEOUT';
 * ```
 */
export type XloudErrorCode =
  | 'ERR_VALIDATION'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_FORBIDDEN'
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_HTTP'
  | 'ERR_SERVER'
  | 'ERR_CONFIG'
  | 'ERR_CONNECTION'
  | 'ERR_TIMEOUT'
  | 'ERR_ENDPOINT_NOT_FOUND'
  | 'ERR_AMBIGUOUS'
  | 'ERR_INVALID_RESPONSE';

/**
 * Base class of every SDK error.
 *
 * @example
 * ```ts
 * try { await identity.projects.get('nope'); }
 * catch (e) { if (e instanceof XloudError) console.error(e.code, e.message); }
 * ```
 */
export abstract class XloudError extends Error {
  /** Stable, machine-readable code. */
  abstract readonly code: XloudErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Fields every HTTP error carries.
 *
 * @example
 * ```ts
 * const e = new NotFoundError({ status: 404, keystoneMessage: 'Could not find project: x.', requestId: 'req-1' });
 * ```
 */
export interface HttpErrorDetails {
  status: number;
  /** Keystone's `error.title`, or the HTTP reason phrase. */
  title?: string;
  /** Keystone's `error.message` (or the raw body text if it was not Keystone's error shape). */
  keystoneMessage: string;
  /** The `x-openstack-request-id` response header. */
  requestId?: string;
  method?: string;
  url?: string;
  /** The SDK decided this without an HTTP response (e.g. `find()` found nothing): the message has no "(HTTP n)". */
  local?: boolean;
}

/**
 * Common base of errors that come from an HTTP response. The message reads like openstackclient's:
 * `The request you have made requires authentication. (HTTP 401) (Request-ID: req-…)`.
 *
 * @example
 * ```ts
 * if (e instanceof HttpErrorBase) console.error(e.status, e.requestId, e.keystoneMessage);
 * ```
 */
export abstract class HttpErrorBase extends XloudError {
  readonly status: number;
  readonly title?: string;
  readonly keystoneMessage: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly url?: string;
  constructor(details: HttpErrorDetails) {
    const rid = details.requestId ? ` (Request-ID: ${details.requestId})` : '';
    super(details.local ? details.keystoneMessage : `${details.keystoneMessage} (HTTP ${details.status})${rid}`);
    this.status = details.status;
    this.title = details.title;
    this.keystoneMessage = details.keystoneMessage;
    this.requestId = details.requestId;
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * HTTP 400 (and 413/415/422): the request was malformed or failed validation.
 *
 * @example
 * ```ts
 * if (e instanceof ValidationError) console.error('bad input:', e.keystoneMessage);
 * ```
 */
export class ValidationError extends HttpErrorBase {
  readonly code = 'ERR_VALIDATION' as const;
}

/**
 * HTTP 401: missing, invalid, expired or revoked credentials.
 *
 * @example
 * ```ts
 * if (e instanceof UnauthorizedError) console.error('log in again');
 * ```
 */
export class UnauthorizedError extends HttpErrorBase {
  readonly code = 'ERR_UNAUTHORIZED' as const;
  /**
   * Set when the 401 carried an auth receipt: the credentials were right but a multi-factor rule wants another
   * method (a TOTP passcode). Give a `passcode` or a `passcodePrompt` to complete such sign-ins.
   */
  authReceipt?: AuthReceipt;
}

/**
 * HTTP 403: authenticated, but the policy does not allow it.
 *
 * @example
 * ```ts
 * if (e instanceof ForbiddenError) console.error('ask for a role:', e.keystoneMessage);
 * ```
 */
export class ForbiddenError extends HttpErrorBase {
  readonly code = 'ERR_FORBIDDEN' as const;
}

/**
 * HTTP 404, or a `find()` that matched nothing (then `status` is 404 and `requestId` is unset).
 *
 * @example
 * ```ts
 * const exists = await identity.projects.get(id).then(() => true, (e) => { if (e instanceof NotFoundError) return false; throw e; });
 * ```
 */
export class NotFoundError extends HttpErrorBase {
  readonly code = 'ERR_NOT_FOUND' as const;
}

/**
 * HTTP 409: duplicate name, or a conflicting state.
 *
 * @example
 * ```ts
 * if (e instanceof ConflictError) console.error('already exists');
 * ```
 */
export class ConflictError extends HttpErrorBase {
  readonly code = 'ERR_CONFLICT' as const;
}

/**
 * Any other 4xx (405, 410, 429, …).
 *
 * @example
 * ```ts
 * if (e instanceof HttpError && e.status === 429) await new Promise((r) => setTimeout(r, 1000));
 * ```
 */
export class HttpError extends HttpErrorBase {
  readonly code = 'ERR_HTTP' as const;
}

/**
 * HTTP 5xx.
 *
 * @example
 * ```ts
 * if (e instanceof ServerError) console.error('server trouble, request id', e.requestId);
 * ```
 */
export class ServerError extends HttpErrorBase {
  readonly code = 'ERR_SERVER' as const;
}

/**
 * Where a configuration problem is.
 *
 * @example
 * ```ts
 * throw new ConfigError('Missing value auth_url', { missing: ['auth_url'], file: '/home/me/.config/xloud/clouds.yaml' });
 * ```
 */
export interface ConfigErrorDetails {
  /** Configuration keys that are missing (snake_case, as in clouds.yaml). */
  missing?: string[];
  file?: string;
  line?: number;
  column?: number;
  cause?: unknown;
}

/**
 * Configuration is missing or invalid: clouds.yaml syntax, unknown cloud, missing credentials, bad option.
 *
 * @example
 * ```ts
 * try { loadCloudConfig({ cloud: 'prod' }); }
 * catch (e) { if (e instanceof ConfigError) console.error(e.message, e.missing); }
 * ```
 */
export class ConfigError extends XloudError {
  readonly code = 'ERR_CONFIG' as const;
  readonly missing?: string[];
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, details: ConfigErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.missing = details.missing;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
  }
}

/**
 * Where a transport failure happened.
 *
 * @example
 * ```ts
 * throw new ConnectionError('Unable to establish connection', { method: 'GET', url: 'http://k:5000/v3' });
 * ```
 */
export interface TransportErrorDetails {
  method?: string;
  url?: string;
  cause?: unknown;
}

/**
 * The server could not be reached (refused, reset, DNS, TLS).
 *
 * @example
 * ```ts
 * if (e instanceof ConnectionError) console.error(`is ${e.url} up?`);
 * ```
 */
export class ConnectionError extends XloudError {
  readonly code = 'ERR_CONNECTION' as const;
  readonly method?: string;
  readonly url?: string;
  constructor(message: string, details: TransportErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * The request did not complete within the session's `timeout`.
 *
 * @example
 * ```ts
 * if (e instanceof TimeoutError) console.error('slow server:', e.url);
 * ```
 */
export class TimeoutError extends XloudError {
  readonly code = 'ERR_TIMEOUT' as const;
  readonly method?: string;
  readonly url?: string;
  constructor(message: string, details: TransportErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * The service catalog has no endpoint for the requested service type, interface and region.
 *
 * @example
 * ```ts
 * if (e instanceof EndpointNotFoundError) console.error(e.serviceType, e.interface, e.region);
 * ```
 */
export class EndpointNotFoundError extends XloudError {
  readonly code = 'ERR_ENDPOINT_NOT_FOUND' as const;
  readonly serviceType: string;
  readonly interface: string;
  readonly region?: string;
  constructor(message: string, where: { serviceType: string; interface: string; region?: string }) {
    super(message);
    this.serviceType = where.serviceType;
    this.interface = where.interface;
    this.region = where.region;
  }
}

/**
 * `find(nameOrId)` matched more than one resource; pass an id or narrow by domain.
 *
 * @example
 * ```ts
 * if (e instanceof AmbiguousError) console.error(`${e.matches} ${e.resource}s are called ${e.nameOrId}`);
 * ```
 */
export class AmbiguousError extends XloudError {
  readonly code = 'ERR_AMBIGUOUS' as const;
  constructor(
    readonly resource: string,
    readonly nameOrId: string,
    readonly matches: number,
  ) {
    super(`More than one ${resource} exists with the name '${nameOrId}'.`);
  }
}

/**
 * The server answered with something Keystone would not send (not JSON, missing X-Subject-Token, …).
 *
 * @example
 * ```ts
 * if (e instanceof InvalidResponseError) console.error('is this really an identity service?', e.url);
 * ```
 */
export class InvalidResponseError extends XloudError {
  readonly code = 'ERR_INVALID_RESPONSE' as const;
  constructor(
    message: string,
    readonly status?: number,
    readonly url?: string,
  ) {
    super(message);
  }
}

/**
 * Every concrete SDK error; `switch (e.code)` narrows to the class.
 *
 * @example
 * ```ts
 * function describe(e: AnyXloudError): string {
 *   switch (e.code) {
 *     case 'ERR_NOT_FOUND': return `missing (request ${e.requestId})`;
 *     case 'ERR_CONFIG': return `config: ${e.missing?.join(', ')}`;
 *     default: return e.message;
 *   }
 * }
 * ```
 */
export type AnyXloudError =
  | ValidationError
  | UnauthorizedError
  | ForbiddenError
  | NotFoundError
  | ConflictError
  | HttpError
  | ServerError
  | ConfigError
  | ConnectionError
  | TimeoutError
  | EndpointNotFoundError
  | AmbiguousError
  | InvalidResponseError;

/**
 * True if `e` is an error thrown by this SDK (narrows to the discriminated union).
 *
 * @example
 * ```ts
 * catch (e) { if (isXloudError(e) && e.code === 'ERR_UNAUTHORIZED') relogin(); else throw e; }
 * ```
 */
export function isXloudError(e: unknown): e is AnyXloudError {
  return e instanceof XloudError;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Builds the right error class for an HTTP status and (possibly Keystone-shaped) response body text.
 *
 * @example
 * ```ts
 * const err = errorFromResponse({ status: 404, bodyText: '{"error":{"code":404,"title":"Not Found","message":"Could not find project: x."}}' });
 * err.code; // 'ERR_NOT_FOUND'
 * ```
 */
export function errorFromResponse(input: {
  status: number;
  bodyText?: string;
  requestId?: string;
  method?: string;
  url?: string;
}): HttpErrorBase {
  let title: string | undefined = REASONS[input.status];
  let message = '';
  const text = input.bodyText?.trim() ?? '';
  if (text) {
    try {
      const parsed = JSON.parse(text) as {
        error?: { message?: unknown; title?: unknown } | string;
        error_description?: unknown;
        message?: unknown;
      };
      if (parsed && typeof parsed === 'object' && typeof parsed.error === 'string') {
        // OAuth 2.0's error body (Keystone's OS-OAUTH2): {"error": "invalid_client", "error_description": "…"}.
        message = typeof parsed.error_description === 'string' ? parsed.error_description : parsed.error;
      } else if (parsed && typeof parsed === 'object' && parsed.error && typeof parsed.error === 'object') {
        if (typeof parsed.error.message === 'string') message = parsed.error.message;
        if (typeof parsed.error.title === 'string') title = parsed.error.title;
      } else if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') {
        message = parsed.message;
      }
    } catch {
      // Not JSON (a proxy's HTML page, say): keep a short, single-line excerpt.
      message = text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
    }
  }
  if (!message) message = title ?? `HTTP error ${input.status}`;
  const details: HttpErrorDetails = {
    status: input.status,
    title,
    keystoneMessage: message,
    requestId: input.requestId,
    method: input.method,
    url: input.url,
  };
  const s = input.status;
  if (s === 400 || s === 413 || s === 415 || s === 422) return new ValidationError(details);
  if (s === 401) return new UnauthorizedError(details);
  if (s === 403) return new ForbiddenError(details);
  if (s === 404) return new NotFoundError(details);
  if (s === 409) return new ConflictError(details);
  if (s >= 500) return new ServerError(details);
  return new HttpError(details);
}

/**
 * The one error catalog. Every failure a client can see is an IdentityError; the HTTP error renderer
 * (http/plugins/error-renderer.ts) is the only place that turns errors into responses, as Keystone does:
 * {"error": {"code", "title", "message"}} (the wire `code` is the HTTP status, as in Keystone).
 *
 * Every error class of the server, HTTP-visible or not, carries one of these stable machine-readable codes as
 * `code`, for logs and for callers that `switch` on it; the names follow the SDK's (`XloudErrorCode`) where both
 * have the same kind. docs/errors.md lists them with their classes (test/unit/error-catalog.test.ts keeps it whole).
 */
export const ERROR_CODES = {
  ERR_VALIDATION: 'the request (body, query or path) is invalid: 400',
  ERR_UNAUTHORIZED: 'authentication is missing or failed: 401',
  ERR_AUTH_RECEIPT_REQUIRED:
    "the methods given are right but the user's multi-factor rules want another: 401 with an Openstack-Auth-Receipt header and Keystone's receipt body",
  ERR_TOKEN_INVALID:
    "a token is malformed, expired, revoked or no longer stands for a valid user and scope: 404, or 401 for the caller's own token",
  ERR_FORBIDDEN: 'policy (or a rule of the API) does not allow the action: 403',
  ERR_NOT_FOUND: 'no such resource: 404',
  ERR_CONFLICT: 'a duplicate or a conflicting state: 409',
  ERR_OAUTH2:
    'POST /v3/OS-OAUTH2/token refused the request: 400, 401 or another status with the OAuth 2.0 body {"error", "error_description"} (RFC 6749 §5.2), as Keystone',
  ERR_GONE: 'a feature that is switched off: 410',
  ERR_PAYLOAD_TOO_LARGE: 'the request body is over [DEFAULT] max_request_body_size: 413',
  ERR_CREDENTIAL_ENCRYPTION: 'a credential blob cannot be encrypted or decrypted with the credential keys: 500',
  ERR_NOT_IMPLEMENTED: 'an API Keystone has and this server does not: 501',
  ERR_DATABASE_UNAVAILABLE: 'the database cannot be reached or is overloaded: 503 with Retry-After',
  ERR_PASSWORD_HASHING_BUSY:
    'every password-hashing slot is busy and the wait queue is full ([identity] max_concurrent_password_hashes): 503 with Retry-After',
  ERR_CONFIG: 'keystone.conf (or its environment overrides) is invalid: start-up stops',
  ERR_CONFIG_VALUE: 'one option value does not parse; reported as part of an ERR_CONFIG',
  ERR_POLICY_PARSE: 'a policy check string does not parse: start-up stops',
  ERR_POLICY_LOAD: 'the policy file or the rule set as a whole cannot be enforced: start-up stops',
  ERR_FERNET_KEYS_NOT_FOUND: 'a Fernet key repository holds no usable key',
  ERR_KEY_ENCRYPTION_KEY: 'XLOUD_KEY_ENCRYPTION_KEY is missing or wrong for key_repository = sql://',
  ERR_PASSWORD_TOO_LONG: "a password over the hash's length limit under [DEFAULT] strict_password_check",
  ERR_KEYSTONE_IMPORT: 'xloud-manage import-keystone cannot read its source',
  ERR_TRANSACTION_MISUSE: 'a bug: a query outside the current transaction made from inside it (SQLite would hang)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** A failure a client sees: `status` and `message` are what the error renderer puts on the wire. */
export class IdentityError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends IdentityError {
  constructor(message: string) {
    super(400, 'ERR_VALIDATION', message);
  }
  static field(field: string, problem: string): ValidationError {
    return new ValidationError(`Invalid input for field '${field}': ${problem}`);
  }
}

export const GENERIC_UNAUTHORIZED = 'The request you have made requires authentication.';

/** Keystone's amendment to a security error's details, shown only with [DEFAULT] insecure_debug. */
export const INSECURE_DEBUG_AMENDMENT = '(Disable insecure_debug mode to suppress these details.)';

export class UnauthorizedError extends IdentityError {
  /**
   * @param debugDetail why authentication failed, for operators only: a client sees it only when
   *   [DEFAULT] insecure_debug is on (as Keystone's SecurityError), so it never tells an attacker
   *   whether a user exists or is locked.
   */
  constructor(
    message = GENERIC_UNAUTHORIZED,
    readonly debugDetail?: string,
  ) {
    super(401, 'ERR_UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends IdentityError {
  constructor(message = 'You are not authorized to perform the requested action.') {
    super(403, 'ERR_FORBIDDEN', message);
  }
  static action(action: string): ForbiddenError {
    return new ForbiddenError(`You are not authorized to perform the requested action: ${action}.`);
  }
}

export class NotFoundError extends IdentityError {
  constructor(message: string) {
    super(404, 'ERR_NOT_FOUND', message);
  }
  static resource(kind: string, id: string): NotFoundError {
    return new NotFoundError(`Could not find ${kind}: ${id}.`);
  }
}

/** Why a token is not (or no longer) valid: for the metrics and the logs, never for the client. */
export type TokenInvalidReason = 'missing' | 'malformed' | 'expired' | 'revoked' | 'stale';

/**
 * A token that is not a currently valid token of ours: none was given (missing), it does not decode (malformed), it expired, it was revoked,
 * or what it stands for no longer holds (stale: user, domain, project, trust or application credential gone or
 * disabled, no roles left). Keystone's TokenNotFound: a 404 on the token routes (and for a token sent in an auth
 * request); route-kit makes it a 401 when it is the caller's own X-Auth-Token. The message is Keystone's and says
 * nothing of the reason; `detail` does, for operators.
 */
export class TokenInvalidError extends IdentityError {
  constructor(
    readonly reason: TokenInvalidReason,
    readonly detail: string = reason,
  ) {
    super(
      404,
      'ERR_TOKEN_INVALID',
      reason === 'malformed' ? 'Could not recognize Fernet token' : 'Failed to validate token',
    );
  }

  /** A token we cannot decode; `detail` is what exactly was wrong with it (as Python cryptography and Keystone say). */
  static malformed(detail = 'Could not recognize Fernet token'): TokenInvalidError {
    return new TokenInvalidError('malformed', detail);
  }
}

/**
 * Keystone's InsufficientAuthMethods: a sign-in whose methods are right but do not satisfy any of the user's
 * multi-factor rules. Rendered as 401 with the receipt in the Openstack-Auth-Receipt header and `body` (the
 * receipt's methods, user and times, and the rules' required_auth_methods) instead of an error body.
 */
export class AuthReceiptRequiredError extends IdentityError {
  constructor(
    readonly receipt: string,
    readonly body: { receipt: { user: { id: string }; methods: string[] } } & Record<string, unknown>,
  ) {
    // Keystone's message, seen by clients only through OS-OAUTH2 (a receipt answer carries `body` instead).
    super(
      401,
      'ERR_AUTH_RECEIPT_REQUIRED',
      `Insufficient auth methods received for ${body.receipt.user.id}. Auth Methods Provided: [${body.receipt.methods.join(',')}].`,
    );
  }
}

/** The OAuth 2.0 error codes Keystone's OS-OAUTH2 token endpoint answers with (keystone/exception.py OAuth2*). */
export type OAuth2ErrorCode = 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'other_error';

/**
 * A failure of the OAuth 2.0 token endpoint (POST /v3/OS-OAUTH2/token). Keystone renders these not as its usual
 * error body but as RFC 6749's {"error": <oauthError>, "error_description": <message>} (keystone/oauth2/handlers.py);
 * a 401 still carries Keystone's WWW-Authenticate.
 */
export class OAuth2Error extends IdentityError {
  constructor(
    status: number,
    readonly oauthError: OAuth2ErrorCode,
    message: string,
    /** Kept from a 503 this error stands for (database unavailable, hashing busy), sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(status, 'ERR_OAUTH2', message);
  }
}

export class ConflictError extends IdentityError {
  constructor(message: string) {
    super(409, 'ERR_CONFLICT', message);
  }
  static duplicate(kind: string, detail: string): ConflictError {
    return new ConflictError(`Conflict occurred attempting to store ${kind} - ${detail}.`);
  }
}

export class GoneError extends IdentityError {
  constructor(message = 'The requested resource is no longer available.') {
    super(410, 'ERR_GONE', message);
  }
}

/**
 * What a database refused about a value (not a bug of ours): too long for its column, or bytes a text
 * column cannot hold. Keystone answers these with 400 "String length exceeded"; so do we.
 * Recognised by SQLSTATE, so no database client is imported here.
 */
export function clientErrorFromDatabase(error: unknown): IdentityError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '22001')
    return new ValidationError('String length exceeded. The length of string exceeds the maximum allowed.');
  if (code === '22021' || code === '22P05')
    return new ValidationError('Invalid input: the value contains characters that cannot be stored.');
  return undefined;
}

/**
 * The database is down, restarting, out of connections or overloaded (see isDatabaseUnavailable): a 503 with
 * Retry-After, never a 401 (a client would drop a good token) nor a 500 (nothing is wrong with the request).
 */
export class DatabaseUnavailableError extends IdentityError {
  constructor(
    /** [database] retry_interval: how long a client should wait, sent as Retry-After. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(
      503,
      'ERR_DATABASE_UNAVAILABLE',
      'The service is temporarily unavailable: its database cannot be reached. Retry later.',
    );
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Too many password hashes and checks at once: all `[identity] max_concurrent_password_hashes` slots are busy
 * and `password_hash_queue_length` more are waiting. A 503 with Retry-After, at once, rather than a login that
 * waits for seconds behind the others (crypto/password-hashing-gate.ts).
 */
export class PasswordHashingBusyError extends IdentityError {
  constructor(
    /** The gate's estimate of how long the work ahead takes, in whole seconds (at least 1), sent as Retry-After. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      503,
      'ERR_PASSWORD_HASHING_BUSY',
      'The service is temporarily unavailable: too many password checks are in progress. Retry later.',
    );
  }
}

/** @public the 501 kind of docs/errors.md, for an API accepted but not implemented yet */
export class NotImplementedError extends IdentityError {
  constructor(message = 'The action you have requested has not been implemented.') {
    super(501, 'ERR_NOT_IMPLEMENTED', message);
  }
}

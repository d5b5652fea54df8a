/**
 * The one error catalog. Every failure a client can see is one of these; the HTTP
 * error handler renders them as Keystone does: {"error": {"code", "title", "message"}}.
 */
export type ErrorCode =
  | 'ERR_VALIDATION'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_FORBIDDEN'
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_GONE'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_NOT_IMPLEMENTED'
  | 'ERR_INTERNAL';

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

export class IdentityError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
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

export class TokenNotFoundError extends NotFoundError {
  constructor() {
    super('Failed to validate token');
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
  if (code === '22001') return new ValidationError('String length exceeded. The length of string exceeds the maximum allowed.');
  if (code === '22021' || code === '22P05') return new ValidationError('Invalid input: the value contains characters that cannot be stored.');
  return undefined;
}

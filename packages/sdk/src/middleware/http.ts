import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { UnauthorizedError } from '../errors.ts';
import type { AuthContext, TokenValidator } from './token-validator.ts';

/**
 * Options shared by the Node http and Fastify integrations.
 *
 * @example
 * ```ts
 * const options: AuthTokenOptions = { validator, delayAuthDecision: false, skip: (req) => req.url === '/healthz' };
 * http.createServer(authToken(options, handler));
 * ```
 */
export interface AuthTokenOptions {
  validator: TokenValidator;
  /**
   * keystonemiddleware's `delay_auth_decision`: pass requests without a valid token on to the handler with
   * `X-Identity-Status: Invalid` and `auth = null`, letting it decide.
   */
  delayAuthDecision?: boolean;
  /** Set keystonemiddleware's `X-User-Id`, `X-Project-Id`, `X-Roles`, … request headers (default true). */
  setHeaders?: boolean;
  /** Requests for which no token is required (e.g. health checks). */
  skip?: (req: IncomingMessage) => boolean;
}

/** Headers keystonemiddleware sets; incoming copies are removed so a client cannot forge them. */
const IDENTITY_HEADERS = [
  'x-identity-status',
  'x-service-identity-status',
  'x-domain-id',
  'x-domain-name',
  'x-project-id',
  'x-project-name',
  'x-project-domain-id',
  'x-project-domain-name',
  'x-user-id',
  'x-user-name',
  'x-user-domain-id',
  'x-user-domain-name',
  'x-roles',
  'x-service-roles',
  'x-service-catalog',
  'x-system-scope',
  'x-is-admin-project',
];

/**
 * The outcome of checking one request.
 *
 * @example
 * ```ts
 * const d: Decision = await decide({ validator }, req);
 * if (d.kind === 'allow') console.log(d.auth?.userId);
 * ```
 */
export type Decision =
  | { kind: 'allow'; auth: AuthContext | null }
  | { kind: 'reject'; status: 401 | 503; headers: Record<string, string>; body: string };

function errorBody(status: number, title: string, message: string): string {
  return JSON.stringify({ error: { code: status, title, message } });
}

/**
 * Removes forged identity headers and, for a valid token, sets them as keystonemiddleware does.
 *
 * @example
 * ```ts
 * applyIdentityHeaders(req.headers, await validator.validate(token)); // sets X-User-Id, X-Roles, …
 * ```
 */
export function applyIdentityHeaders(headers: IncomingHttpHeaders, auth: AuthContext | null, set = true): void {
  for (const h of IDENTITY_HEADERS) delete headers[h];
  if (!set) return;
  headers['x-identity-status'] = auth ? 'Confirmed' : 'Invalid';
  if (!auth) return;
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[name] = value;
  };
  put('x-user-id', auth.userId);
  put('x-user-name', auth.userName);
  put('x-user-domain-id', auth.userDomainId);
  put('x-user-domain-name', auth.userDomainName);
  put('x-project-id', auth.projectId);
  put('x-project-name', auth.projectName);
  put('x-project-domain-id', auth.projectDomainId);
  put('x-project-domain-name', auth.projectDomainName);
  put('x-domain-id', auth.domainId);
  put('x-domain-name', auth.domainName);
  put('x-roles', auth.roles.join(','));
  if (auth.system) put('x-system-scope', 'all');
  if (auth.catalog.length > 0) put('x-service-catalog', JSON.stringify(auth.catalog));
}

/**
 * Decides one request: validates its `X-Auth-Token` and says whether to let it through (and as whom) or which
 * answer to send. Shared by {@link authToken} and the Fastify plugin.
 *
 * @example
 * ```ts
 * const decision = await decide({ validator }, req);
 * if (decision.kind === 'reject') { res.writeHead(decision.status, decision.headers).end(decision.body); }
 * ```
 */
export async function decide(options: AuthTokenOptions, req: IncomingMessage): Promise<Decision> {
  const header = req.headers['x-auth-token'];
  const token = (Array.isArray(header) ? header[0] : header)?.trim();
  let message = 'The request you have made requires authentication.';
  if (!token && /^bearer\s/i.test(req.headers.authorization ?? '')) {
    message =
      'The request you have made requires authentication. Send the token in the X-Auth-Token header, not Authorization: Bearer.';
  }
  try {
    if (!token) throw new UnauthorizedError({ status: 401, keystoneMessage: message, local: true });
    const auth = await options.validator.validate(token);
    applyIdentityHeaders(req.headers, auth, options.setHeaders ?? true);
    return { kind: 'allow', auth };
  } catch (err) {
    if (err instanceof UnauthorizedError) {
      if (options.delayAuthDecision) {
        applyIdentityHeaders(req.headers, null, options.setHeaders ?? true);
        return { kind: 'allow', auth: null };
      }
      return {
        kind: 'reject',
        status: 401,
        headers: { 'Content-Type': 'application/json', 'WWW-Authenticate': await options.validator.wwwAuthenticate() },
        body: errorBody(401, 'Unauthorized', message),
      };
    }
    // The identity service could not answer: a problem on our side, not the caller's.
    return {
      kind: 'reject',
      status: 503,
      headers: { 'Content-Type': 'application/json' },
      body: errorBody(
        503,
        'Service Unavailable',
        'The server is currently unavailable. Please try again at a later time.',
      ),
    };
  }
}

/**
 * A request that went through {@link authToken}: `auth` is the caller (null only with `delayAuthDecision`).
 *
 * @example
 * ```ts
 * const handler = (req: AuthenticatedRequest, res: ServerResponse) => res.end(req.auth?.userName);
 * ```
 */
export type AuthenticatedRequest = IncomingMessage & { auth: AuthContext | null };

/**
 * Connect/Express-style middleware.
 *
 * @example
 * ```ts
 * const mw: NodeMiddleware = authToken({ validator });
 * expressApp.use(mw);
 * ```
 */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Token validation for plain Node http (the role of keystonemiddleware's auth_token). With a handler, returns a
 * request listener for `http.createServer`; without, a connect/Express-style `(req, res, next)` middleware.
 * Rejected requests get 401 with Keystone's error body and `WWW-Authenticate`, or 503 when the identity service
 * cannot be reached.
 *
 * @example
 * ```ts
 * const validator = new TokenValidator({ session: serviceSession });
 * http.createServer(authToken({ validator }, (req, res) => {
 *   res.end(`hello ${req.auth?.userName}, roles ${req.auth?.roles.join(',')}`);
 * })).listen(8080);
 * ```
 */
export function authToken(options: AuthTokenOptions): NodeMiddleware;
export function authToken(
  options: AuthTokenOptions,
  handler: (req: AuthenticatedRequest, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => void;
export function authToken(
  options: AuthTokenOptions,
  handler?: (req: AuthenticatedRequest, res: ServerResponse) => unknown,
) {
  const run = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    if (options.skip?.(req)) return next();
    decide(options, req).then(
      (decision) => {
        if (decision.kind === 'reject') {
          res.writeHead(decision.status, decision.headers).end(decision.body);
          return;
        }
        (req as AuthenticatedRequest).auth = decision.auth;
        next();
      },
      (err: unknown) => next(err),
    );
  };
  if (!handler) return run;
  return (req: IncomingMessage, res: ServerResponse) =>
    run(req, res, (err) => {
      if (err) {
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(
            errorBody(
              500,
              'Internal Server Error',
              'An unexpected error prevented the server from fulfilling your request.',
            ),
          );
        return;
      }
      Promise.resolve(handler(req as AuthenticatedRequest, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end();
      });
    });
}

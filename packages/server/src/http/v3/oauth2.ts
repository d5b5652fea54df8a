/*
 * OS-OAUTH2 (keystone/api/os_oauth2.py, Keystone 22 "Zed"): the OAuth 2.0 client credentials grant. The client is an
 * application credential: its id and secret are the client id and secret, the access token is an ordinary Fernet
 * token of that credential (methods ["application_credential"], its project and roles), used as X-Auth-Token.
 *
 * Keystone's order and messages, for every request Keystone answers: client authentication first (HTTP Basic only),
 * then grant_type, then the application credential sign-in, whose failures keep their status with an OAuth 2.0 body
 * (401 → invalid_client, 400 → invalid_request, anything else → other_error with a fixed message). Beyond Zed, as
 * later Keystone releases do: without an Authorization header, client_id and client_secret may come in the form body
 * (RFC 6749's client_secret_post). The body is read only when it is application/x-www-form-urlencoded; any other
 * body is ignored (Keystone reads flask.request.form, empty for JSON), so its grant_type is missing. Keystone also
 * reads multipart/form-data; this server does not.
 */
import type { FastifyRequest } from 'fastify';
import { DatabaseUnavailableError, IdentityError, OAuth2Error, PasswordHashingBusyError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { clientGoneSignal } from '../client-gone.ts';
import type { RouteHandler, RouteSchemas } from '../route-entry.ts';

const FORM = 'application/x-www-form-urlencoded';

/** The form fields of the body: parsed only when it is declared a form (media type, any parameters). */
function formOf(request: FastifyRequest): URLSearchParams {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = request.body;
  if (mediaType !== FORM || typeof body !== 'string') return new URLSearchParams();
  return new URLSearchParams(body);
}

const invalidClient = (message: string) => new OAuth2Error(401, 'invalid_client', message);

/**
 * The client's id and secret, as Keystone reads them (werkzeug's Authorization parsing): `Basic` with a base64
 * "id:secret" that decodes; `Digest` is named as unsupported; any other scheme, or a Basic value that does not
 * decode, is no client authorization at all. Without an Authorization header, the form's client_id/client_secret.
 */
function clientCredentials(request: FastifyRequest, form: URLSearchParams): { id: string; secret: string } {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^\s*(\S+)\s+(\S.*)$/.exec(header);
  const scheme = match ? match[1]!.toLowerCase() : undefined;
  let credentials: { id: string | null; secret: string | null } | undefined;
  if (match && scheme === 'basic') {
    const decoded = Buffer.from(match[2]!.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) credentials = { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  } else if (scheme === 'digest') {
    throw invalidClient('OAuth2.0 client authorization type digest is not supported.');
  }
  if (!credentials && header === undefined && (form.has('client_id') || form.has('client_secret')))
    credentials = { id: form.get('client_id'), secret: form.get('client_secret') };
  if (!credentials) throw invalidClient('OAuth2.0 client authorization is required.');
  if (!credentials.id || !credentials.secret) throw invalidClient('OAuth2.0 client authorization is invalid.');
  return { id: credentials.id, secret: credentials.secret };
}

/** A sign-in failure as Keystone's OS-OAUTH2 reports it: the status kept, the body OAuth 2.0's. */
function asOAuth2Error(error: IdentityError): OAuth2Error {
  if (error.status === 401) return new OAuth2Error(401, 'invalid_client', error.message);
  if (error.status === 400) return new OAuth2Error(400, 'invalid_request', error.message);
  const retryAfter =
    error instanceof DatabaseUnavailableError || error instanceof PasswordHashingBusyError
      ? error.retryAfterSeconds
      : undefined;
  return new OAuth2Error(
    error.status,
    'other_error',
    'An unknown error occurred and failed to get an OAuth2.0 access token.',
    retryAfter,
  );
}

/** POST /v3/OS-OAUTH2/token: an access token for an application credential. */
export const issueAccessToken: RouteHandler<RouteSchemas, undefined> = async (request, reply, kit) => {
  const form = formOf(request);
  const client = clientCredentials(request, form);
  const grantType = form.get('grant_type');
  if (grantType === null) throw new OAuth2Error(400, 'invalid_request', 'The parameter grant_type is required.');
  if (grantType !== 'client_credentials')
    throw new OAuth2Error(400, 'unsupported_grant_type', `The parameter grant_type ${grantType} is not supported.`);
  let token: TokenModel;
  try {
    token = await kit.services.authenticator.authenticate(
      {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: client.id, secret: client.secret },
        },
      },
      { sourceAddress: request.ip, userAgent: request.headers['user-agent'], gone: clientGoneSignal(reply) },
    );
  } catch (error) {
    if (error instanceof IdentityError) throw asOAuth2Error(error);
    throw error;
  }
  // Keystone answers [token] expiration; the token's own lifetime is the same unless the credential expires first.
  const expiresIn = Math.round((token.expiresAt.getTime() - token.issuedAt.getTime()) / 1000);
  // RFC 6749 §5.1: a response carrying a token must not be cached (Keystone sends no such headers).
  return reply
    .code(200)
    .header('Cache-Control', 'no-store')
    .header('Pragma', 'no-cache')
    .send({ access_token: token.id, expires_in: expiresIn, token_type: 'Bearer' });
};

/** Every other method on /v3/OS-OAUTH2/token: Keystone's 405, with an OAuth 2.0 body. */
export const methodNotAllowed: RouteHandler<RouteSchemas, undefined> = async () => {
  throw new OAuth2Error(405, 'other_error', 'The method is not allowed for the requested URL.');
};

/**
 * GET /.well-known/oauth-authorization-server (RFC 8414), beyond Keystone: where the token endpoint is and what it
 * accepts. The issuer is the identity root (the URL before /v3).
 */
export function authorizationServerMetadata(v3Url: string, rootUrl: string): Record<string, unknown> {
  return {
    issuer: rootUrl,
    token_endpoint: `${v3Url}/OS-OAUTH2/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: [],
    service_documentation: 'https://docs.openstack.org/keystone/latest/admin/oauth2-usage-guide.html',
  };
}

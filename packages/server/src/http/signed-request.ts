import type { FastifyRequest } from 'fastify';
import type { SignedRequest } from '../services/oauth1/oauth1-request.ts';
import { withoutIdentityPrefix } from './identity-prefix.ts';
import type { RouteKit } from './route-kit.ts';

/**
 * The request as an OAuth1 client signed it: the v3 base URL (the public endpoint when configured, as Keystone's
 * base_url) followed by the path under /v3 — with the query for the OAuth endpoints, without it for
 * POST /v3/auth/tokens, as Keystone builds each — and the Authorization header.
 */
export function signedRequestOf(request: FastifyRequest, kit: RouteKit, withQuery: boolean): SignedRequest {
  const underV3 = withoutIdentityPrefix(request.originalUrl).replace(/^\/v3/, '');
  const queryAt = underV3.indexOf('?');
  const path = queryAt < 0 ? underV3 : underV3.slice(0, queryAt);
  const header = request.headers.authorization;
  return {
    method: request.method.toUpperCase(),
    url: `${kit.v3Url(request)}${withQuery ? underV3 : path}`,
    authorization: Array.isArray(header) ? header[0] : header,
  };
}

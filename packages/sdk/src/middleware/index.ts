/**
 * @xloud/sdk/middleware — token validation for services behind Xloud Identity (the role keystonemiddleware's
 * auth_token plays in OpenStack), for plain Node http and for Fastify.
 *
 * @example
 * ```ts
 * import { TokenValidator, authToken } from '@xloud/sdk/middleware';
 * const validator = new TokenValidator({ session: serviceSession, cacheTtl: 60_000 });
 * http.createServer(authToken({ validator }, (req, res) => res.end(req.auth?.userId)));
 * ```
 */
// A Session built for a service may use TLS settings: plug in the Node transport parts here too.
import '../transport/node.ts';

export { TokenValidator, authContextFrom } from './token-validator.ts';
export type { AuthContext, TokenValidatorOptions } from './token-validator.ts';
export { authToken, decide, applyIdentityHeaders } from './http.ts';
export type { AuthTokenOptions, AuthenticatedRequest, Decision, NodeMiddleware } from './http.ts';
export { xloudAuthToken } from './fastify.ts';
export type { FastifyAuthTokenOptions } from './fastify.ts';

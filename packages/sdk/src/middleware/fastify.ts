import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decide, type AuthTokenOptions } from './http.ts';
import type { AuthContext } from './token-validator.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by the `xloudAuthToken` plugin (null only with `delayAuthDecision` and no valid token). */
    auth: AuthContext | null;
  }
}

/**
 * Options of the Fastify plugin: those of {@link authToken}, with `skip` given the Fastify request.
 *
 * @example
 * ```ts
 * await app.register(xloudAuthToken, { validator, skip: (request) => request.url === '/healthz' } satisfies FastifyAuthTokenOptions);
 * ```
 */
export interface FastifyAuthTokenOptions extends Omit<AuthTokenOptions, 'skip'> {
  skip?: (request: FastifyRequest) => boolean;
}

/**
 * Fastify plugin validating `X-Auth-Token` on every request of the instance it is registered on (it is not
 * encapsulated, like plugins wrapped with fastify-plugin) and exposing the caller as `request.auth`. No runtime
 * dependency on Fastify: only its types are used.
 *
 * @example
 * ```ts
 * const app = Fastify();
 * await app.register(xloudAuthToken, { validator: new TokenValidator({ session: serviceSession }) });
 * app.get('/whoami', async (request) => ({ user: request.auth?.userName, roles: request.auth?.roles }));
 * ```
 */
export async function xloudAuthToken(fastify: FastifyInstance, options: FastifyAuthTokenOptions): Promise<void> {
  if (!fastify.hasRequestDecorator('auth')) fastify.decorateRequest('auth', null);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.skip?.(request)) return;
    const decision = await decide({ ...options, skip: undefined }, request.raw);
    if (decision.kind === 'reject') {
      return reply.code(decision.status).headers(decision.headers).send(decision.body);
    }
    request.auth = decision.auth;
    return undefined;
  });
}

// Registered at the caller's level (what fastify-plugin does), so the hook covers the caller's routes.
Object.assign(xloudAuthToken, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'xloud-auth-token',
  [Symbol.for('plugin-meta')]: { name: 'xloud-auth-token', fastify: '>=4' },
});

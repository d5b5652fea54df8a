import type { FastifyInstance } from 'fastify';
import { UnauthorizedError } from '../../errors.ts';
import { redactUrl } from './log-redaction.ts';

/** Request headers shown at debug level; tokens, cookies and credentials never. */
const SECRET_HEADERS = new Set([
  'x-auth-token',
  'x-subject-token',
  'authorization',
  'cookie',
  'x-healthcheck-token',
  'x-csrf-token',
]);

/**
 * One line per request (method, path, status, milliseconds, request id, user id), as oslo's access log; a failed
 * sign-in adds its reason (never the password or secret); `debug = true` adds the request headers.
 * Routes with logLevel 'warn' (health checks, metrics scrapes) stay out of the log.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.log.level !== 'debug' && request.log.level !== 'trace') return;
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, SECRET_HEADERS.has(name) ? '***' : value]),
    );
    request.log.debug({ headers }, 'request headers');
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof UnauthorizedError && request.method === 'POST' && request.url.includes('/auth/tokens')) {
      request.log.info({ reason: error.debugDetail ?? error.message }, 'authentication failed');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const path = redactUrl(request.originalUrl);
    request.log.info(
      {
        method: request.method,
        path,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        user: request.authToken?.user.id,
        remote: request.ip,
      },
      `${request.method} ${path} ${reply.statusCode}`,
    );
  });
}

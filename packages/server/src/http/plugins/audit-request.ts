import type { FastifyInstance } from 'fastify';
import { runInAuditRequest } from '../../services/audit/request-scope.ts';

/**
 * Makes the request being served known to audit events raised inside services (initiator, request id), by
 * running the rest of its handling inside an AsyncLocalStorage scope, as @fastify/request-context does. The
 * caller is read from the validated token when an event happens.
 */
export function registerAuditRequest(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const agent = request.headers['user-agent'];
    runInAuditRequest(
      {
        requestId: request.id,
        address: request.ip,
        agent: typeof agent === 'string' ? agent : undefined,
        caller: () => {
          const token = request.authToken;
          if (!token) return undefined;
          return { userId: token.user.id, projectId: token.project?.id, domainId: token.domain?.id };
        },
      },
      done,
    );
  });
}

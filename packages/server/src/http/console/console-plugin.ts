import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import type { RouteKit } from '../route-kit.ts';
import { apiProxy } from './api-proxy.ts';
import type { ConsoleContext } from './console-context.ts';
import { restoreInnerRequestId } from './inner-api.ts';
import { assertSameOrigin } from './request-guard.ts';
import { securityHeaders } from './security-headers.ts';
import { SessionCookies } from './session-cookie.ts';
import { sessionRoutes } from './session-routes.ts';
import { SessionSealer } from './session-seal.ts';
import { consoleStaticDir } from './console-location.ts';
import { staticRoutes } from './static-files.ts';

/**
 * The console (docs/console.md): its build at /dashboard/ and its backend-for-frontend at /dashboard/api/.
 * Everything lives in one encapsulated scope, so its hooks (security headers, cookies, origin checks)
 * never touch the API's responses. Nothing is registered when `[dashboard] enabled` is false.
 */
export async function registerConsole(app: FastifyInstance, container: Container, kit: RouteKit): Promise<void> {
  const { dashboard } = container.conf;
  if (!dashboard.enabled) return;
  const { clock } = container;
  const cookies = new SessionCookies(
    new SessionSealer(container.keyRepositories.token, clock),
    clock,
    dashboard.idle_timeout,
  );
  const ctx: ConsoleContext = { root: app, kit, cookies, clock };
  const staticDir = consoleStaticDir(container.conf);

  await app.register(
    async (scope) => {
      await securityHeaders(scope);
      await scope.register(fastifyCookie);
      await scope.register(
        async (api) => {
          api.addHook('onRequest', async (request) => assertSameOrigin(request));
          // Session state and API data: never stored by a browser or a shared cache.
          api.addHook('onSend', async (_request, reply, payload) => {
            reply.header('Cache-Control', 'no-store');
            return payload;
          });
          api.addHook('onSend', restoreInnerRequestId);
          sessionRoutes(api, ctx);
          // Its own scope: the proxy takes bodies raw, the session routes parse JSON.
          await api.register(async (proxy) => apiProxy(proxy, ctx));
        },
        { prefix: '/api' },
      );
      await staticRoutes(scope, staticDir);
    },
    { prefix: '/dashboard' },
  );
}

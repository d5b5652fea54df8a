import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Container } from './container.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { CONSOLE_PATH } from './http/console/console-location.ts';
import { registerConsole } from './http/console/console-plugin.ts';
import { discoveryRoutes } from './http/discovery.ts';
import { registerHealthcheck } from './http/health/healthcheck-routes.ts';
import { registerMetrics } from './http/metrics/metrics-routes.ts';
import { keystoneClientErrorHandler } from './http/plugins/client-error-handler.ts';
import { registerAuditRequest } from './http/plugins/audit-request.ts';
import { registerCors } from './http/plugins/cors.ts';
import { registerErrorRenderer, renderFrameworkError } from './http/plugins/error-renderer.ts';
import { registerJsonBodyParser } from './http/plugins/json-body-parser.ts';
import { registerRequestLog } from './http/plugins/request-log.ts';
import { createLogger } from './logging/logger.ts';
import { trackRoutesForMethodNotAllowed } from './http/plugins/method-not-allowed.ts';
import { serverTimeoutOptions } from './http/plugins/server-timeouts.ts';
import { shareCompiledValidators } from './http/plugins/shared-validators.ts';
import { withoutIdentityPrefix } from './http/identity-prefix.ts';
import { RouteKit } from './http/route-kit.ts';
import { registerV3Routes } from './http/routes.ts';

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go when `logger` is on; default as [DEFAULT] log_file / use_stderr say (tests capture them here). */
  logStream?: { write(line: string): void };
  /** Told of every route as it is registered (the route-table test checks them against http/route-table.ts). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

/** Builds the HTTP application over a container; production and tests use the same function. */
export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  const { conf } = container;
  const loggerInstance: FastifyBaseLogger | undefined = !options.logger
    ? undefined
    : options.logStream
      ? createLogger(conf, { stream: options.logStream })
      : container.logger;
  // withTypeProvider: routes' bodies, queries and params are typed from their TypeBox schemas (http/route-table.ts).
  const app = Fastify({
    loggerInstance,
    // Our own one line per request (request-log.ts) replaces Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: conf.DEFAULT.max_request_body_size,
    ...serverTimeoutOptions(conf.eventlet_server),
    // Requests Node cannot parse or that time out never reach routing; they get Keystone's error body too.
    clientErrorHandler: keystoneClientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1024 },
    // /identity/v3/… is routed as /v3/…: one route table instead of two halves the router (~10 MiB per process).
    // Links keep the prefix the client used: they are built from request.originalUrl (RouteKit.v3Url).
    rewriteUrl: (request) => withoutIdentityPrefix(request.url ?? '/'),
    // X-Forwarded-* are believed only when the operator says a proxy sets them (Keystone's
    // [oslo_middleware] enable_proxy_headers_parsing); otherwise any client could rewrite our links.
    trustProxy: conf.DEFAULT.enable_proxy_headers_parsing,
    // Keystone's request ids (req-<uuid>), returned in x-openstack-request-id and logged as reqId.
    genReqId: () => `req-${randomUUID()}`,
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false },
      onCreate: shareCompiledValidators,
    },
    // A URL that does not percent-decode never reaches a route; it still gets a Keystone-style error body.
    frameworkErrors: renderFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (options.onRoute) {
    const notify = options.onRoute;
    app.addHook('onRoute', (route) => notify({ method: route.method, url: route.url }));
  }
  registerJsonBodyParser(app);
  registerAuditRequest(app);
  registerCors(app, conf.cors);
  if (options.logger) registerRequestLog(app);
  registerErrorRenderer(app, trackRoutesForMethodNotAllowed(app), {
    insecureDebug: conf.DEFAULT.insecure_debug,
    retryAfterSeconds: conf.database.retry_interval,
  });
  // Before every route: the metrics hook must see them all.
  if (container.metrics) registerMetrics(app, container.metrics, conf);
  registerHealthcheck(app, container.healthChecks, conf, () => container.clock.now());

  const publicEndpoint = conf.DEFAULT.public_endpoint;
  const kit = new RouteKit(
    container.services,
    container.policy,
    publicEndpoint,
    {
      resource: conf.resource.list_limit ?? conf.DEFAULT.list_limit,
      identity: conf.identity.list_limit ?? conf.DEFAULT.list_limit,
      catalog: conf.catalog.list_limit ?? conf.DEFAULT.list_limit,
    },
    conf.token.revoke_by_id,
  );

  const workerId = container.workerId;
  app.addHook('onSend', async (request, reply, payload) => {
    const vary = reply.getHeader('vary');
    reply.header(
      'Vary',
      typeof vary === 'string' && vary !== '' && !/x-auth-token/i.test(vary)
        ? `${vary}, X-Auth-Token`
        : (vary ?? 'X-Auth-Token'),
    );
    reply.header('x-openstack-request-id', request.id);
    // A receipt answer is not a challenge to authenticate from scratch: Keystone sends it without WWW-Authenticate.
    if (reply.statusCode === 401 && !reply.hasHeader('Openstack-Auth-Receipt'))
      reply.header('WWW-Authenticate', `Keystone uri="${kit.v3Url(request)}"`);
    if (request.headers.connection === 'close') reply.header('Connection', 'close');
    // Several worker processes: which one answered (operators comparing logs, the cross-process tests).
    if (workerId !== undefined) reply.header('X-Xloud-Worker', String(workerId));
    // A change made by this request is answered only once every other worker process has dropped its caches.
    const settled = container.changesSettled();
    if (settled) await settled;
    return payload;
  });

  // NUL cannot be stored in any text column: an id containing it names nothing (404).
  // A missing body on a route that needs one is a 400 (a body on a route that takes none is ignored).
  app.addHook('preValidation', async (request) => {
    const params = Object.values((request.params ?? {}) as Record<string, unknown>);
    if (params.some((v) => typeof v === 'string' && v.includes('\u0000')))
      throw new NotFoundError('The resource could not be found.');
    if (request.routeOptions.schema?.body && request.body === undefined) {
      throw new ValidationError(
        'Expecting a request body. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
      );
    }
  });

  const v3Paths: string[] = [];
  await app.register(
    async (scope) => {
      scope.addHook('onRoute', (route) => {
        if (route.method !== 'HEAD') v3Paths.push(route.url.replace(/^\/v3/, ''));
      });
      registerV3Routes(scope, kit);
    },
    { prefix: '/v3' },
  );
  // After the hooks above: the console's own onSend hooks must run after the application's.
  await registerConsole(app, container, kit);
  discoveryRoutes(app, kit, () => v3Paths, conf.dashboard.enabled ? CONSOLE_PATH : undefined);
  return app;
}

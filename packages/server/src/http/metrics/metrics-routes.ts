import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { XloudConfig } from '../../conf/index.ts';
import type { ServerMetrics, TokenIssueResult } from '../../metrics/server-metrics.ts';
import { clientAddress, isLoopback, networkMatcher } from '../client-address.ts';
import { ForbiddenError } from '../../errors.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const TOKEN_ROUTES = new Set(['/v3/auth/tokens']);

/** The auth methods a token request named, as one label value; anything not configured is "unknown". */
function methodsLabel(body: unknown, configured: ReadonlySet<string>): string {
  const methods = (body as { auth?: { identity?: { methods?: unknown } } } | undefined)?.auth?.identity?.methods;
  if (!Array.isArray(methods) || methods.length === 0) return 'unknown';
  if (!methods.every((m): m is string => typeof m === 'string' && configured.has(m))) return 'unknown';
  return [...new Set(methods)].sort().join(',');
}

function issueResult(status: number): TokenIssueResult {
  return status < 400 ? 'success' : status < 500 ? 'failure' : 'error';
}

/**
 * Counts every response by route pattern (`/v3/users/:user_id`; "unmatched" for 404s of unknown paths,
 * so no URL or id becomes a label), and serves GET /metrics to loopback and [metrics] allowed_source_ranges.
 * Registered before the routes, so its hook sees all of them.
 */
export function registerMetrics(app: FastifyInstance, metrics: ServerMetrics, conf: XloudConfig): void {
  const trustProxy = conf.DEFAULT.enable_proxy_headers_parsing;
  const inAllowedRanges = networkMatcher(conf.metrics.allowed_source_ranges);
  const authMethods = new Set(conf.auth.methods);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = METHODS.has(request.method) ? request.method : 'other';
    metrics.observeRequest(route, method, reply.statusCode, reply.elapsedTime / 1000);
    if (method === 'POST' && TOKEN_ROUTES.has(route)) {
      metrics.tokenIssued(methodsLabel(request.body, authMethods), issueResult(reply.statusCode));
    }
  });

  const mayScrape = (request: FastifyRequest) => {
    const address = clientAddress(request, trustProxy);
    return isLoopback(address) || inAllowedRanges(address);
  };

  // Scraped every few seconds: keep it out of the info log.
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    if (!mayScrape(request)) {
      throw new ForbiddenError(
        'Metrics are served only to loopback and the networks in [metrics] allowed_source_ranges.',
      );
    }
    const { contentType, body } = await metrics.render();
    return reply.header('Cache-Control', 'no-store').type(contentType).send(body);
  });
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { arch, release, type } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { XloudConfig } from '../../conf/index.ts';
import { runHealthChecks, type HealthCheck, type HealthReport } from '../../health/health-check.ts';
import { clientAddress, hasProxyHeaders, isLoopback, networkMatcher } from '../client-address.ts';
import { NotFoundError } from '../../errors.ts';
import { preferredType } from './accept.ts';

const TEXT = 'text/plain; charset=UTF-8';
const JSON_TYPE = 'application/json';
/** oslo's order (text/plain first: it is also the answer when nothing offered is acceptable); no HTML here. */
const OFFERS = ['text/plain', JSON_TYPE];
const DETAIL_TOKEN_HEADER = 'x-healthcheck-token';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** oslo.middleware's plain and JSON bodies: the reasons of what failed, or the one "OK". */
function reasonsOf(report: HealthReport): string[] {
  if (report.healthy) return ['OK'];
  return [...new Set(report.results.filter((result) => !result.available).map((result) => result.reason))];
}

/** oslo's detailed JSON with Node in Python's place; keys sorted, four-space indent, as oslo prints it. */
function detailedBody(report: HealthReport, now: Date) {
  return {
    detailed: true,
    node_version: process.version,
    now: now.toISOString(),
    platform: `${type()}-${release()}-${arch()}`,
    reasons: report.results.map((result) => ({ class: result.kind, details: result.details, reason: result.reason })),
  };
}

/**
 * GET and HEAD /healthcheck (and /identity/healthcheck), oslo.middleware's healthcheck contract: 200 "OK"
 * (HEAD: 204) or 503 with the failed checks' reasons; JSON for Accept: application/json. Details (error
 * messages, key repository state) only for loopback, the detail token, or `detailed` clients in range.
 */
export function registerHealthcheck(
  app: FastifyInstance,
  checks: readonly HealthCheck[],
  conf: XloudConfig,
  now: () => Date,
): void {
  const options = conf.healthcheck;
  const trustProxy = conf.DEFAULT.enable_proxy_headers_parsing;
  const inDetailedRanges = networkMatcher(options.allowed_source_ranges);
  const detailToken = options.detail_token !== undefined ? digest(options.detail_token) : undefined;

  function mayDetail(request: FastifyRequest): boolean {
    const presented = request.headers[DETAIL_TOKEN_HEADER];
    if (detailToken && typeof presented === 'string' && timingSafeEqual(digest(presented), detailToken)) return true;
    const address = clientAddress(request, trustProxy);
    if (isLoopback(address)) return true;
    if (!options.detailed) return false;
    return options.allowed_source_ranges.length === 0 ? true : inDetailedRanges(address);
  }

  async function healthcheck(request: FastifyRequest, reply: FastifyReply) {
    // oslo "ignores" such requests: they fall through to the application, which has no such path.
    if (options.ignore_proxied_requests && hasProxyHeaders(request))
      throw new NotFoundError('The resource could not be found.');
    const report = await runHealthChecks(checks);
    reply.header('Cache-Control', 'no-store');
    if (request.method === 'HEAD')
      return reply
        .code(report.healthy ? 204 : 503)
        .type(TEXT)
        .send();
    reply.code(report.healthy ? 200 : 503);
    if (preferredType(request.headers.accept, OFFERS) !== JSON_TYPE) {
      return reply.type(TEXT).send(reasonsOf(report).join('\n'));
    }
    const body = mayDetail(request) ? detailedBody(report, now()) : { detailed: false, reasons: reasonsOf(report) };
    return reply.type(JSON_TYPE).send(JSON.stringify(body, null, 4));
  }

  for (const url of [options.path, `/identity${options.path}`]) {
    // Load balancers probe every few seconds: their requests would drown the info log.
    app.route({ method: ['GET', 'HEAD'], url, handler: healthcheck, logLevel: 'warn' });
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../errors.ts';
import { endedMessage, endSession, REVOKED_MESSAGE, stillValid, type ConsoleContext } from './console-context.ts';
import { callInner, relay, type InnerCall } from './inner-api.ts';
import { csrfRefused, STATE_CHANGING } from './request-guard.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** Keystone needs no token to change an expired password, so neither does the console. */
const PASSWORD_CHANGE = /^users\/[^/]+\/password$/;

/**
 * The path under /v3 as the router will see it: percent-decoded, duplicate and trailing slashes gone.
 * Undefined for paths that could step outside /v3 (dot segments) or do not decode.
 */
function canonicalPath(wildcard: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(wildcard);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\\'))) return undefined;
  return segments.join('/');
}

/** ANY /dashboard/api/v3/<path>: the v3 API with the session's token, which the page never holds. */
export function apiProxy(app: FastifyInstance, ctx: ConsoleContext): void {
  // The body goes on exactly as the client sent it; the API parses (and refuses) it as it always does.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const forward = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const wildcard = request.params['*'] ?? '';
    const path = canonicalPath(wildcard);
    if (path === undefined) throw new NotFoundError('The resource could not be found.');
    // Token issue and validation belong to the session calls; the token must never reach the page.
    if (path.toLowerCase() === 'auth/tokens' || path.toLowerCase().startsWith('auth/tokens/')) {
      throw new ForbiddenError('/v3/auth/tokens is not available through the console; use /dashboard/api/session.');
    }
    const method = request.method as Method;
    const lookup = ctx.cookies.read(request);
    const tokenless = method === 'POST' && PASSWORD_CHANGE.test(path);
    if (lookup.state !== 'active' && !tokenless) {
      if (lookup.state === 'none') throw new UnauthorizedError();
      throw endSession(ctx, request, reply, endedMessage(lookup, ctx.cookies.idleTimeoutSeconds));
    }
    if (lookup.state !== 'active' && lookup.state !== 'none') ctx.cookies.clear(request, reply);
    const session = lookup.state === 'active' ? lookup.session : undefined;
    if (session && STATE_CHANGING.has(method) && !ctx.cookies.csrfMatches(request, session)) throw csrfRefused();

    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const call: InnerCall = { method, url: `/v3/${path}${query}`, token: session?.token };
    if (Buffer.isBuffer(request.body)) call.raw = request.body;
    const response = await callInner(ctx.root, request, call);
    if (session) {
      // A 401 can also be the API's answer to a wrong original password; only a dead token ends the session.
      if (response.statusCode === 401 && !(await stillValid(ctx, session)))
        throw endSession(ctx, request, reply, REVOKED_MESSAGE);
      ctx.cookies.touch(request, reply, session);
    }
    return relay(reply, response);
  };

  app.route<{ Params: { '*'?: string } }>({ method: [...METHODS], url: '/v3', handler: forward });
  app.route<{ Params: { '*'?: string } }>({ method: [...METHODS], url: '/v3/*', handler: forward });
}

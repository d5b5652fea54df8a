import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../errors.ts';

/** Methods that change state: they need the session's CSRF token (when there is a session). */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Normalized scheme://host[:port], or undefined when the text is not an http(s) origin. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin the request came to. request.protocol and request.host follow X-Forwarded-Proto/-Host only
 * under [DEFAULT] enable_proxy_headers_parsing, like links in API responses.
 */
function serverOrigin(request: FastifyRequest): string | undefined {
  return request.host ? originOf(`${request.protocol}://${request.host}`) : undefined;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Cross-site requests never reach the session endpoints, signed in or not (sign-in included: that stops
 * login CSRF, where a foreign page signs the browser into the attacker's account). Browsers send Origin
 * on every cross-origin request and on same-origin non-GET ones, and Sec-Fetch-Site on all of them;
 * clients without them (curl, the SDK in Node) carry no ambient cookie worth protecting against.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = single(request.headers.origin);
  if (origin !== undefined) {
    const expected = serverOrigin(request);
    if (expected === undefined || originOf(origin) !== expected) {
      throw new ForbiddenError('The console API only answers requests from its own origin.');
    }
  }
  const site = single(request.headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ForbiddenError('The console API only answers requests from its own origin.');
  }
}

export const csrfRefused = () =>
  new ForbiddenError("Missing or wrong X-CSRF-Token: state-changing console calls must send the session's csrf_token.");

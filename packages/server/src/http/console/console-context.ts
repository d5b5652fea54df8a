import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.ts';
import { GENERIC_UNAUTHORIZED, TokenInvalidError, UnauthorizedError } from '../../errors.ts';
import type { RouteKit } from '../route-kit.ts';
import type { ConsoleSession } from './session-seal.ts';
import type { SessionCookies, SessionLookup } from './session-cookie.ts';

/** What the console's route modules share. */
export interface ConsoleContext {
  /** The application itself: the v3 API is called through it in-process. */
  root: FastifyInstance;
  kit: RouteKit;
  cookies: SessionCookies;
  clock: Clock;
}

/** Why a request has no usable session, in words the console can show. */
export function endedMessage(lookup: Exclude<SessionLookup, { state: 'active' }>, idleTimeoutSeconds: number): string {
  switch (lookup.state) {
    case 'none':
      return GENERIC_UNAUTHORIZED;
    case 'invalid':
      return 'The console session is not valid. Sign in again.';
    case 'expired':
      return 'The console session has expired. Sign in again.';
    case 'idle':
      return `The console session ended after ${idleTimeoutSeconds} seconds without activity. Sign in again.`;
  }
}

export const REVOKED_MESSAGE =
  'The console session is no longer valid (its token was revoked or has expired). Sign in again.';

/** The cookie goes (a session that ended is never offered again); the 401 to throw is returned. */
export function endSession(
  ctx: ConsoleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  message: string,
): UnauthorizedError {
  ctx.cookies.clear(request, reply);
  return new UnauthorizedError(message);
}

/** Reads the session; on anything but an active one, throws a 401 (clearing a stale cookie). */
export function activeSession(ctx: ConsoleContext, request: FastifyRequest, reply: FastifyReply): ConsoleSession {
  const lookup = ctx.cookies.read(request);
  if (lookup.state === 'active') return lookup.session;
  if (lookup.state === 'none') throw new UnauthorizedError();
  throw endSession(ctx, request, reply, endedMessage(lookup, ctx.cookies.idleTimeoutSeconds));
}

/** SessionBody of docs/console.md: never the token id. */
export function sessionBody(ctx: ConsoleContext, session: ConsoleSession, token: Record<string, unknown>) {
  return {
    session: {
      csrf_token: session.csrf,
      expires_at: token.expires_at,
      idle_expires_at: ctx.cookies.idleExpiresAt(session),
      idle_timeout: ctx.cookies.idleTimeoutSeconds,
      token,
    },
  };
}

/** Whether the session's token still validates (it may have been revoked or expired meanwhile). */
export async function stillValid(ctx: ConsoleContext, session: ConsoleSession): Promise<boolean> {
  try {
    await ctx.kit.services.tokens.validate(session.token);
    return true;
  } catch (error) {
    if (error instanceof TokenInvalidError) return false;
    throw error;
  }
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TokenInvalidError, ValidationError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { renderTokenBody } from '../render/token-body.ts';
import { catalogOf } from '../v3/auth-tokens.ts';
import {
  activeSession,
  endedMessage,
  endSession,
  REVOKED_MESSAGE,
  sessionBody,
  stillValid,
  type ConsoleContext,
} from './console-context.ts';
import { callInner, headerOf, relay, type InnerResponse } from './inner-api.ts';
import { csrfRefused } from './request-guard.ts';
import type { ConsoleSession } from './session-seal.ts';

/** The v3 auth object itself is checked by POST /v3/auth/tokens; here only what the console adds. */
const SignInRequest = Type.Object({
  auth: Type.Object({ identity: Type.Object({ methods: Type.Array(Type.String(), { minItems: 1 }) }) }),
});

const RescopeRequest = Type.Object({ scope: Type.Union([Type.Literal('unscoped'), Type.Object({})]) });

/** A browser signs in with secrets it knows; an existing token is re-scoped with PUT /session/scope instead. */
const SIGN_IN_METHODS = new Set(['password', 'application_credential', 'totp']);

/** POST/GET/DELETE /dashboard/api/session and PUT /dashboard/api/session/scope. */
export function sessionRoutes(untyped: FastifyInstance, ctx: ConsoleContext): void {
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  const { cookies, kit } = ctx;

  /** Turns a 201 from POST /v3/auth/tokens into the session cookie and SessionBody. */
  function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    issued: InnerResponse,
    csrf: string,
    status: number,
  ) {
    const tokenId = headerOf(issued, 'x-subject-token');
    const body = issued.json() as { token?: Record<string, unknown> } | undefined;
    const token = body?.token;
    const expiresAt = typeof token?.expires_at === 'string' ? Date.parse(token.expires_at) : NaN;
    if (!tokenId || !token || Number.isNaN(expiresAt))
      throw new Error('POST /v3/auth/tokens answered 201 without a token');
    const session: ConsoleSession = { token: tokenId, csrf, lastActivity: ctx.clock.now().getTime(), expiresAt };
    cookies.write(request, reply, session);
    return reply.code(status).send(sessionBody(ctx, session, token));
  }

  app.post('/session', { schema: { body: SignInRequest } }, async (request, reply) => {
    const { auth } = request.body;
    const refused = auth.identity.methods.find((method) => !SIGN_IN_METHODS.has(method));
    if (refused !== undefined) {
      throw new ValidationError(
        `The console cannot sign in with the '${refused}' method: use password, application_credential or totp (PUT /dashboard/api/session/scope re-scopes).`,
      );
    }
    // The same call as any API client's: lockout counting, generic failures, sign-in records all apply.
    const issued = await callInner(ctx.root, request, { method: 'POST', url: '/v3/auth/tokens', body: { auth } });
    if (issued.statusCode !== 201) return relay(reply, issued);
    return startSession(request, reply, issued, cookies.newCsrfToken(), 201);
  });

  // Not activity: the console polls this to show the session's state, which must not keep it alive.
  // "No session" is an answer here, not an error (200 with session null and why): a page that merely asks
  // whether someone is signed in must not produce a failed request in the browser's console.
  app.get('/session', async (request, reply) => {
    const lookup = cookies.read(request);
    if (lookup.state !== 'active') {
      if (lookup.state !== 'none') cookies.clear(request, reply);
      return { session: null, ended: lookup.state, message: endedMessage(lookup, cookies.idleTimeoutSeconds) };
    }
    const session = lookup.session;
    let token: TokenModel;
    try {
      token = await kit.services.tokens.validate(session.token);
    } catch (error) {
      if (!(error instanceof TokenInvalidError)) throw error;
      cookies.clear(request, reply);
      return { session: null, ended: 'revoked', message: REVOKED_MESSAGE };
    }
    const catalog = token.project || token.domain || token.system ? await catalogOf(kit, token) : undefined;
    return sessionBody(ctx, session, renderTokenBody(token, catalog).token as Record<string, unknown>);
  });

  app.put('/session/scope', { schema: { body: RescopeRequest } }, async (request, reply) => {
    const session = activeSession(ctx, request, reply);
    if (!cookies.csrfMatches(request, session)) throw csrfRefused();
    const { scope } = request.body;
    const identity = { methods: ['token'], token: { id: session.token } };
    const issued = await callInner(ctx.root, request, {
      method: 'POST',
      url: '/v3/auth/tokens',
      body: { auth: { identity, scope } },
    });
    if (issued.statusCode === 201) return startSession(request, reply, issued, session.csrf, 200);
    // Refused because the session's own token no longer works (revoked elsewhere): the session is over.
    if (issued.statusCode === 401 && !(await stillValid(ctx, session)))
      throw endSession(ctx, request, reply, REVOKED_MESSAGE);
    return relay(reply, issued);
  });

  app.delete('/session', async (request, reply) => {
    const lookup = cookies.read(request);
    if (lookup.state === 'active') {
      if (!cookies.csrfMatches(request, lookup.session)) throw csrfRefused();
      await revokeSessionToken(ctx, lookup.session);
    }
    // Signing out of a session that already ended is not an error: the cookie goes either way.
    cookies.clear(request, reply);
    return reply.code(204).send();
  });
}

/**
 * Revokes the session's token as DELETE /v3/auth/tokens does (by audit id) and also the chain it was
 * re-scoped from: a rescope leaves the sign-in token valid, and it belongs to this session too. Done through
 * the revoke service, not the API, so that no policy override can make sign-out silently keep a token alive.
 */
async function revokeSessionToken(ctx: ConsoleContext, session: ConsoleSession): Promise<void> {
  let token: TokenModel;
  try {
    token = await ctx.kit.services.tokens.validate(session.token);
  } catch (error) {
    if (error instanceof TokenInvalidError) return; // already invalid: nothing to revoke
    throw error;
  }
  const [own, ...chain] = token.auditIds;
  for (const auditId of new Set([own, chain.at(-1)])) {
    if (auditId !== undefined) await ctx.kit.services.revoke.revokeByAuditId(auditId);
  }
}

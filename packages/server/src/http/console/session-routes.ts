import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TokenInvalidError, UnauthorizedError, ValidationError } from '../../errors.ts';
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
import { RECEIPT_COOKIE_NAME } from './session-cookie.ts';
import type { ConsoleSession } from './session-seal.ts';

/** The v3 auth object itself is checked by POST /v3/auth/tokens; here only what the console adds. */
const SignInRequest = Type.Object({
  auth: Type.Object({ identity: Type.Object({ methods: Type.Array(Type.String(), { minItems: 1 }) }) }),
});

const PasscodeRequest = Type.Object({
  passcode: Type.String({ minLength: 1, maxLength: 64 }),
  scope: Type.Optional(Type.Union([Type.Literal('unscoped'), Type.Object({})])),
});

/** The passcode step found no receipt (none, expired, or already used): the sign-in starts over. */
export const PASSCODE_STEP_EXPIRED = 'The sign-in with a second factor has expired. Sign in again with your password.';
const PASSCODE_REFUSED =
  'The code is not valid: enter the current code from your authenticator app or a recovery code.';
const SECOND_FACTOR_REQUIRED = 'A second factor is required: enter the code from your authenticator app.';

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
    const receipt = headerOf(issued, 'openstack-auth-receipt');
    if (issued.statusCode === 401 && receipt !== undefined) return askForPasscode(request, reply, issued, receipt);
    if (issued.statusCode !== 201) return relay(reply, issued);
    if (request.cookies[RECEIPT_COOKIE_NAME] !== undefined) cookies.clearReceipt(request, reply);
    return startSession(request, reply, issued, cookies.newCsrfToken(), 201);
  });

  /**
   * The password was right but a multi-factor rule wants more: the receipt goes into its HttpOnly cookie and the
   * page learns only that a code is needed (the methods proved, the rules, when the step expires).
   */
  function askForPasscode(request: FastifyRequest, reply: FastifyReply, issued: InnerResponse, receipt: string) {
    const body = issued.json() as {
      receipt?: { methods?: unknown; user?: { id?: unknown }; expires_at?: unknown };
      required_auth_methods?: unknown;
    };
    const userId = body?.receipt?.user?.id;
    const expiresAt = typeof body?.receipt?.expires_at === 'string' ? new Date(body.receipt.expires_at) : undefined;
    if (typeof userId !== 'string' || !expiresAt || Number.isNaN(expiresAt.getTime()))
      throw new Error('POST /v3/auth/tokens answered a receipt without its user or expiry');
    cookies.writeReceipt(request, reply, { receipt, userId }, expiresAt);
    const id = headerOf(issued, 'x-openstack-request-id');
    if (id !== undefined) reply.header('x-openstack-request-id', id);
    return reply.code(401).send({
      error: { code: 401, title: 'Unauthorized', message: SECOND_FACTOR_REQUIRED },
      receipt: { methods: body.receipt?.methods, expires_at: body.receipt?.expires_at },
      required_auth_methods: body.required_auth_methods,
    });
  }

  // The second step: the code (TOTP or recovery code) with the receipt kept by the first.
  app.post('/session/passcode', { schema: { body: PasscodeRequest } }, async (request, reply) => {
    const pending = cookies.readReceipt(request);
    if (!pending) throw new UnauthorizedError(PASSCODE_STEP_EXPIRED);
    const { passcode, scope } = request.body;
    const auth: Record<string, unknown> = {
      identity: { methods: ['totp'], totp: { user: { id: pending.userId, passcode } } },
    };
    if (scope !== undefined) auth.scope = scope;
    const issued = await callInner(ctx.root, request, {
      method: 'POST',
      url: '/v3/auth/tokens',
      body: { auth },
      headers: { 'openstack-auth-receipt': pending.receipt },
    });
    if (issued.statusCode === 201) {
      cookies.clearReceipt(request, reply);
      return startSession(request, reply, issued, cookies.newCsrfToken(), 201);
    }
    if (issued.statusCode === 401) {
      // Keystone's ReceiptNotFound names the receipt: never relayed. A used or expired receipt ends the step.
      const message = (issued.json() as { error?: { message?: unknown } } | undefined)?.error?.message;
      if (typeof message === 'string' && message.includes('auth receipt')) {
        cookies.clearReceipt(request, reply);
        throw new UnauthorizedError(PASSCODE_STEP_EXPIRED);
      }
      throw new UnauthorizedError(PASSCODE_REFUSED);
    }
    return relay(reply, issued);
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

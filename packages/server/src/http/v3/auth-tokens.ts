import { signedRequestOf } from '../signed-request.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthTokenRequest, RevokeEventListQuery, TokenQuery } from '@xloud/identity-schemas';
import { GoneError, TokenInvalidError, UnauthorizedError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { clientGoneSignal } from '../client-gone.ts';
import { renderTokenBody } from '../render/token-body.ts';
import type { RouteHandler, RouteSchemas, TypedRequest } from '../route-entry.ts';
import { noContent, queryFlag, type RouteKit } from '../route-kit.ts';

function subjectToken(request: FastifyRequest): string {
  const header = request.headers['x-subject-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) throw new TokenInvalidError('missing', 'no X-Subject-Token');
  return token.trim();
}

/** The catalog a token shows: project tokens see only their endpoint-filter associations, when there are any. */
export async function catalogOf(kit: RouteKit, token: TokenModel) {
  const { services } = kit;
  const visible = token.project ? await services.endpointFilter.visibleEndpointIds(token.project.id) : null;
  return services.catalog.catalogFor(token.project?.id, visible);
}

type Tokens = { querystring: typeof TokenQuery };

async function tokenResponse(
  kit: RouteKit,
  reply: FastifyReply,
  status: number,
  token: TokenModel,
  request: TypedRequest<Tokens>,
) {
  const catalog =
    request.query.nocatalog === undefined && (token.project || token.domain || token.system)
      ? await catalogOf(kit, token)
      : undefined;
  return reply.code(status).header('X-Subject-Token', token.id).send(renderTokenBody(token, catalog));
}

/** POST /auth/tokens: sign in. */
export const issueToken: RouteHandler<Tokens & { body: typeof AuthTokenRequest }, undefined> = async (
  request,
  reply,
  kit,
) => {
  // request.ip is the peer, or the forwarded client with [DEFAULT] enable_proxy_headers_parsing (trustProxy);
  // an in-process caller (the console BFF's app.inject) sets it through remoteAddress.
  const receipt = request.headers['openstack-auth-receipt'];
  const token = await kit.services.authenticator.authenticate(
    request.body.auth,
    { sourceAddress: request.ip, userAgent: request.headers['user-agent'], gone: clientGoneSignal(reply) },
    {
      receipt: Array.isArray(receipt) ? receipt[0] : receipt,
      signedRequest: request.body.auth.identity.methods.includes('oauth1')
        ? signedRequestOf(request, kit, false)
        : undefined,
    },
  );
  return tokenResponse(kit, reply, 201, token, request);
};

async function validateSubject(kit: RouteKit, request: TypedRequest<Tokens>, action: string): Promise<TokenModel> {
  const caller = await kit.authenticate(request);
  const subjectId = subjectToken(request);
  const allowExpired = queryFlag(request.query.allow_expired) ?? false;
  const subject =
    subjectId === caller.id && !allowExpired ? caller : await kit.services.tokens.validate(subjectId, { allowExpired });
  await kit.enforce(request, action, { target: { token: { user_id: subject.user.id } } });
  return subject;
}

export const checkToken: RouteHandler<Tokens> = async (request, reply, kit, policy) => {
  const subject = await validateSubject(kit, request, policy);
  return reply.code(200).header('X-Subject-Token', subject.id).send();
};

export const validateToken: RouteHandler<Tokens> = async (request, reply, kit, policy) => {
  const subject = await validateSubject(kit, request, policy);
  return tokenResponse(kit, reply, 200, subject, request);
};

export const revokeToken: RouteHandler = async (request, reply, kit, policy) => {
  const caller = await kit.authenticate(request);
  const subjectId = subjectToken(request);
  const subject = subjectId === caller.id ? caller : await kit.services.tokens.validate(subjectId);
  await kit.enforce(request, policy, { target: { token: { user_id: subject.user.id } } });
  await kit.services.revoke.revokeByAuditId(subject.auditIds[0]!);
  return noContent(reply);
};

/** The seed's admin listing of revoked tokens: current revocation events as JSON. */
export const listRevokedTokens: RouteHandler = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  if (!kit.revokeById) throw new GoneError();
  const events = await kit.services.revoke.list();
  return {
    revoked: events
      .filter((e) => e.auditId !== null)
      .map((e) => ({ audit_id: e.auditId, revoked_at: e.revokedAt, issued_before: e.issuedBefore })),
    events: events.map(renderEventForList),
  };
};

/** OS-SIMPLE-CERT served PKI tokens' certificates; Keystone answers 410 Gone since PKI tokens were removed. */
export const gone: RouteHandler<RouteSchemas, undefined> = async () => {
  throw new GoneError();
};

export const listRevokeEvents: RouteHandler<{ querystring: typeof RevokeEventListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const since = request.query.since;
  let sinceDate: Date | undefined;
  if (typeof since === 'string') {
    sinceDate = new Date(since);
    if (Number.isNaN(sinceDate.getTime())) throw new UnauthorizedError('Invalid "since" time.');
  }
  const events = await kit.services.revoke.list(sinceDate);
  return {
    events: events.map(renderEventForList),
    links: { self: `${kit.v3Url(request)}/OS-REVOKE/events`, previous: null, next: null },
  };
};

function renderEventForList(e: {
  userId: string | null;
  projectId: string | null;
  domainId: string | null;
  roleId: string | null;
  auditId: string | null;
  auditChainId: string | null;
  issuedBefore: string;
  expiresAt: string | null;
  revokedAt: string;
}) {
  const body: Record<string, unknown> = { issued_before: `${e.issuedBefore.slice(0, 19)}.000000Z` };
  if (e.userId) body.user_id = e.userId;
  if (e.projectId) body.project_id = e.projectId;
  if (e.domainId) body.domain_id = e.domainId;
  if (e.roleId) body.role_id = e.roleId;
  if (e.auditId) body.audit_id = e.auditId;
  if (e.auditChainId) body.audit_chain_id = e.auditChainId;
  if (e.expiresAt) body.expires_at = e.expiresAt;
  body.revoked_at = e.revokedAt;
  return body;
}

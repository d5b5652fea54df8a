import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthTokenRequest } from '@xloud/identity-schemas';
import { GoneError, TokenInvalidError, UnauthorizedError } from '../../errors.ts';
import type { AuthRequest } from '../../services/auth/auth-request.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { renderTokenBody } from '../render/token-body.ts';
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

/** Token issue, validation, revocation: /v3/auth/tokens. */
export function authTokenRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  async function tokenResponse(reply: FastifyReply, status: number, token: TokenModel, request: FastifyRequest) {
    const query = request.query as Record<string, unknown>;
    const catalog = query.nocatalog === undefined && (token.project || token.domain || token.system)
      ? await catalogOf(kit, token)
      : undefined;
    return reply.code(status).header('X-Subject-Token', token.id).send(renderTokenBody(token, catalog));
  }

  app.post('/auth/tokens', { schema: { body: AuthTokenRequest } }, async (request, reply) => {
    const body = request.body as { auth: AuthRequest };
    // request.ip is the peer, or the forwarded client with [DEFAULT] enable_proxy_headers_parsing (trustProxy);
    // an in-process caller (the console BFF's app.inject) sets it through remoteAddress.
    const token = await services.authenticator.authenticate(body.auth, {
      sourceAddress: request.ip,
      userAgent: request.headers['user-agent'],
    });
    return tokenResponse(reply, 201, token, request);
  });

  async function validateSubject(request: FastifyRequest, action: string): Promise<TokenModel> {
    const caller = await kit.authenticate(request);
    const subjectId = subjectToken(request);
    const allowExpired = queryFlag((request.query as Record<string, unknown>).allow_expired) ?? false;
    const subject = subjectId === caller.id && !allowExpired ? caller : await services.tokens.validate(subjectId, { allowExpired });
    await kit.enforce(request, action, { target: { token: { user_id: subject.user.id } } });
    return subject;
  }

  app.head('/auth/tokens', async (request, reply) => {
    const subject = await validateSubject(request, 'identity:check_token');
    return reply.code(200).header('X-Subject-Token', subject.id).send();
  });

  app.get('/auth/tokens', async (request, reply) => {
    const subject = await validateSubject(request, 'identity:validate_token');
    return tokenResponse(reply, 200, subject, request);
  });

  app.delete('/auth/tokens', async (request, reply) => {
    const caller = await kit.authenticate(request);
    const subjectId = subjectToken(request);
    const subject = subjectId === caller.id ? caller : await services.tokens.validate(subjectId);
    await kit.enforce(request, 'identity:revoke_token', { target: { token: { user_id: subject.user.id } } });
    await services.revoke.revokeByAuditId(subject.auditIds[0]!);
    return noContent(reply);
  });

  /** The seed's admin listing of revoked tokens: current revocation events as JSON. */
  const revokedList = async (request: FastifyRequest) => {
    await kit.enforce(request, 'identity:revocation_list');
    if (!kit.revokeById) throw new GoneError();
    const events = await services.revoke.list();
    return {
      revoked: events
        .filter((e) => e.auditId !== null)
        .map((e) => ({ audit_id: e.auditId, revoked_at: e.revokedAt, issued_before: e.issuedBefore })),
      events: events.map(renderEventForList),
    };
  };
  app.get('/auth/tokens/OS-PKI/revoked', revokedList);
  app.get('/OS-PKI/revoked', revokedList);

  app.get('/OS-SIMPLE-CERT/ca', async () => {
    throw new GoneError();
  });
  app.get('/OS-SIMPLE-CERT/certificates', async () => {
    throw new GoneError();
  });

  app.get('/OS-REVOKE/events', async (request) => {
    await kit.enforce(request, 'identity:list_revoke_events');
    const since = (request.query as Record<string, unknown>).since;
    let sinceDate: Date | undefined;
    if (typeof since === 'string') {
      sinceDate = new Date(since);
      if (Number.isNaN(sinceDate.getTime())) throw new UnauthorizedError('Invalid "since" time.');
    }
    const events = await services.revoke.list(sinceDate);
    return { events: events.map(renderEventForList), links: { self: `${kit.v3Url(request)}/OS-REVOKE/events`, previous: null, next: null } };
  });
}

function renderEventForList(e: { userId: string | null; projectId: string | null; domainId: string | null; roleId: string | null; auditId: string | null; auditChainId: string | null; issuedBefore: string; expiresAt: string | null; revokedAt: string }) {
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

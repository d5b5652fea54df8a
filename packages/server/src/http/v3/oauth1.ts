import type {
  AccessTokenParams,
  AccessTokenRoleParams,
  ConsumerCreate,
  ConsumerParams,
  ConsumerUpdate,
  RequestTokenAuthorize,
  RequestTokenParams,
  UserParams,
} from '@xloud/identity-schemas';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import type { IssuedOAuthToken, PublicAccessToken, PublicConsumer } from '../../services/oauth1/oauth1-service.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import { collection, renderRole } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, noContent, type RouteKit } from '../route-kit.ts';
import { signedRequestOf } from '../signed-request.ts';
import { isDelegated } from './credentials.ts';

/* OS-OAUTH1: consumers, the request and access token exchange (keystone/api/os_oauth1.py), and a user's access
 * tokens (keystone/api/users.py). */

const MODELLED = ['id', 'description', 'secret', 'links'];

/** Keystone's _normalize_dict: `:` and `-` in attribute names become `_`; what it does not model is kept as is. */
function extraAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = key.replace(/[:-]/g, '_');
    if (!MODELLED.includes(name)) extra[name] = value;
  }
  return extra;
}

function renderConsumer(c: PublicConsumer, v3: string): Record<string, unknown> {
  return { ...c.extra, id: c.id, description: c.description, links: { self: `${v3}/OS-OAUTH1/consumers/${c.id}` } };
}

function renderAccessToken(t: PublicAccessToken, v3: string): Record<string, unknown> {
  const self = `${v3}/users/${t.authorizingUserId}/OS-OAUTH1/access_tokens/${t.id}`;
  return {
    id: t.id,
    consumer_id: t.consumerId,
    project_id: t.projectId,
    authorizing_user_id: t.authorizingUserId,
    expires_at: t.expiresAt,
    links: { self, roles: `${self}/roles` },
  };
}

/** Keystone's _format_role_entity: the role without its description. */
function renderDelegatedRole(r: RoleRecord, v3: string): Record<string, unknown> {
  const { description: _description, ...role } = renderRole(r, v3) as Record<string, unknown>;
  return role;
}

/** The form-encoded answer oauthlib clients read: the key, the secret and, when it has one, the expiry. */
function formEncoded(reply: Parameters<RouteHandler>[1], issued: IssuedOAuthToken) {
  let body = `oauth_token=${issued.key}&oauth_token_secret=${issued.secret}`;
  if (issued.expiresAt !== null) body += `&oauth_expires_at=${issued.expiresAt}`;
  return reply.code(201).type('application/x-www-form-urlencoded').send(body);
}

// ---- consumers

export const createConsumer: RouteHandler<{ body: typeof ConsumerCreate }> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  const body = (request.body?.consumer ?? {}) as Record<string, unknown>;
  const consumer = await kit.services.oauth1.createConsumer({
    description: body.description as string | null | undefined,
    extra: extraAttributes(body),
  });
  const v3 = kit.v3Url(request);
  return created(reply, { consumer: { ...renderConsumer(consumer, v3), secret: consumer.secret } });
};

export const listConsumers: RouteHandler = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const consumers = await kit.services.oauth1.listConsumers();
  return collection(
    'consumers',
    consumers.map((c) => renderConsumer(c, v3)),
    `${v3}/OS-OAUTH1/consumers`,
  );
};

export const getConsumer: RouteHandler<{ params: typeof ConsumerParams }> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const consumer = await kit.services.oauth1.getConsumer(request.params.consumer_id);
  return { consumer: renderConsumer(consumer, kit.v3Url(request)) };
};

export const updateConsumer: RouteHandler<{ params: typeof ConsumerParams; body: typeof ConsumerUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const body = (request.body?.consumer ?? {}) as Record<string, unknown>;
  if ('secret' in body) throw new ValidationError("Invalid input for field 'consumer': the secret cannot be changed");
  if (Object.keys(body).length === 0)
    throw new ValidationError("Invalid input for field 'consumer': {} does not have enough properties");
  if (body.id !== undefined && body.id !== request.params.consumer_id) throw new ValidationError('Cannot change ID');
  const { id: _id, ...rest } = body;
  const consumer = await kit.services.oauth1.updateConsumer(request.params.consumer_id, {
    description: rest.description as string | null | undefined,
    extra: extraAttributes(rest),
  });
  return { consumer: renderConsumer(consumer, kit.v3Url(request)) };
};

export const deleteConsumer: RouteHandler<{ params: typeof ConsumerParams }> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.oauth1.deleteConsumer(request.params.consumer_id);
  return noContent(reply);
};

// ---- the token exchange

/** POST /OS-OAUTH1/request_token: signed by the consumer, no Keystone token. */
export const createRequestToken: RouteHandler<Record<string, never>, undefined> = async (request, reply, kit) => {
  const project = request.headers['requested-project-id'];
  const issued = await kit.services.oauth1.createRequestToken(
    signedRequestOf(request, kit, true),
    Array.isArray(project) ? project[0] : project,
  );
  return formEncoded(reply, issued);
};

/** POST /OS-OAUTH1/access_token: signed by the consumer with the authorized request token. */
export const createAccessToken: RouteHandler<Record<string, never>, undefined> = async (request, reply, kit) => {
  return formEncoded(reply, await kit.services.oauth1.createAccessToken(signedRequestOf(request, kit, true)));
};

export const authorizeRequestToken: RouteHandler<{
  params: typeof RequestTokenParams;
  body: typeof RequestTokenAuthorize;
}> = async (request, _reply, kit, policy) => {
  const token = await kit.enforce(request, policy);
  const verifier = await kit.services.oauth1.authorizeRequestToken(
    request.params.request_token_id,
    { id: token.user.id, delegated: isDelegated(token) },
    request.body?.roles ?? [],
  );
  return { token: { oauth_verifier: verifier } };
};

// ---- a user's access tokens

/** Keystone's _block_delegated_token: a delegation may not manage OAuth access tokens. */
function refuseDelegated(token: TokenModel): void {
  if (isDelegated(token))
    throw new ForbiddenError('Cannot manage OAuth access tokens with a token issued via delegation.');
}

async function enforceUndelegated(kit: RouteKit, request: Parameters<RouteHandler>[0], policy: string) {
  refuseDelegated(await kit.enforce(request, policy));
}

export const listAccessTokens: RouteHandler<{ params: typeof UserParams }> = async (request, _reply, kit, policy) => {
  await enforceUndelegated(kit, request, policy);
  const v3 = kit.v3Url(request);
  const tokens = await kit.services.oauth1.listAccessTokens(request.params.user_id);
  return collection(
    'access_tokens',
    tokens.map((t) => renderAccessToken(t, v3)),
    `${v3}/users/${request.params.user_id}/OS-OAUTH1/access_tokens`,
  );
};

export const getAccessToken: RouteHandler<{ params: typeof AccessTokenParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await enforceUndelegated(kit, request, policy);
  const { user_id, access_token_id } = request.params;
  const token = await kit.services.oauth1.getAccessToken(user_id, access_token_id);
  return { access_token: renderAccessToken(token, kit.v3Url(request)) };
};

export const deleteAccessToken: RouteHandler<{ params: typeof AccessTokenParams }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  await enforceUndelegated(kit, request, policy);
  await kit.services.oauth1.deleteAccessToken(request.params.user_id, request.params.access_token_id);
  return noContent(reply);
};

export const listAccessTokenRoles: RouteHandler<{ params: typeof AccessTokenParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { user_id, access_token_id } = request.params;
  const roles = await kit.services.oauth1.accessTokenRoles(user_id, access_token_id);
  const v3 = kit.v3Url(request);
  return collection(
    'roles',
    roles.map((r) => renderDelegatedRole(r, v3)),
    `${v3}/users/${user_id}/OS-OAUTH1/access_tokens/${access_token_id}/roles`,
  );
};

export const getAccessTokenRole: RouteHandler<{ params: typeof AccessTokenRoleParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { user_id, access_token_id, role_id } = request.params;
  const role = await kit.services.oauth1.accessTokenRole(user_id, access_token_id, role_id);
  return { role: renderDelegatedRole(role, kit.v3Url(request)) };
};

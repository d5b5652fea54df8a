import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CredentialCreate, CredentialUpdate } from '@xloud/identity-schemas';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import type { Credential, CredentialSummary } from '../../services/credential/credential-service.ts';
import { collection } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';

type Params = { credential_id: string };

/** Attributes Keystone models; `extra` is its column name, so a client attribute called that is dropped, as there. */
const MODELLED = ['id', 'user_id', 'project_id', 'type', 'blob', 'extra', 'links'];

/**
 * Methods that prove the user is present (keystone/api/_shared/delegation.py). A token made with anything else
 * (an application credential; OAuth1 when we have it), or scoped to a trust, is a delegation and, since Keystone's fix for
 * LP#2159643, may not read or manage credentials at all: it would let a stolen delegation exfiltrate the user's
 * EC2 keys or TOTP seed. Keystone's `allow_insecure_admin_trust_cross_project_credentials_access` is not offered.
 */
const PRIMARY_AUTH_METHODS = new Set(['external', 'kerberos', 'mapped', 'openid', 'password', 'saml2', 'token', 'totp', 'x509']);

function isDelegated(token: TokenModel): boolean {
  // A trust is a scope, not a method: a trust-scoped token lists the trustee's own methods.
  if (token.trust !== undefined || token.applicationCredential !== undefined) return true;
  return token.methods.length === 0 || token.methods.some((m) => !PRIMARY_AUTH_METHODS.has(m));
}

export function requirePrimaryAuth(token: TokenModel): void {
  if (isDelegated(token)) throw ForbiddenError.action('Delegated tokens cannot access credentials directly');
}

/** The policy target: who owns it and where, never the secret. */
const targetOf = (c: Pick<CredentialSummary, 'id' | 'userId' | 'projectId' | 'type'> | undefined) =>
  c ? { target: { credential: { id: c.id, user_id: c.userId, project_id: c.projectId, type: c.type } } } : {};

/** Keystone's _normalize_dict: `:` and `-` in attribute names become `_`. Applied to extra attributes only. */
function extraAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = key.replace(/[:-]/g, '_');
    if (!MODELLED.includes(key) && !MODELLED.includes(name)) extra[name] = value;
  }
  return extra;
}

function renderCredential(c: Credential, v3: string): Record<string, unknown> {
  return {
    ...c.extra,
    id: c.id,
    user_id: c.userId,
    project_id: c.projectId,
    type: c.type,
    blob: c.blob,
    links: { self: `${v3}/credentials/${c.id}` },
  };
}

export function credentialRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  /** Keystone's _build_target_enforcement: the policy sees the stored credential, then a missing one is a 404. */
  async function loadAndEnforce(request: FastifyRequest<{ Params: Params }>, action: string): Promise<{ token: TokenModel; credential: CredentialSummary }> {
    const credential = await services.credentials.describe(request.params.credential_id);
    const token = await kit.enforce(request, action, targetOf(credential));
    if (!credential) throw NotFoundError.resource('credential', request.params.credential_id);
    requirePrimaryAuth(token);
    return { token, credential };
  }

  app.get('/credentials', async (request) => {
    const token = await kit.authenticate(request);
    // Outside system scope the caller lists as the owner; each credential is then checked on its own.
    await kit.enforce(request, 'identity:list_credentials', token.system ? {} : { target: { credential: { user_id: token.user.id } } });
    const q = request.query as Record<string, unknown>;
    const all = await services.credentials.list({ userId: queryString(q.user_id), type: queryString(q.type) });
    const visible = isDelegated(token) ? [] : all.filter((c) => kit.allows(token, 'identity:get_credential', targetOf(c)));
    const v3 = kit.v3Url(request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return collection('credentials', visible.map((c) => renderCredential(c, v3)), `${v3}/credentials${query}`);
  });

  app.post('/credentials', { schema: { body: CredentialCreate } }, async (request, reply) => {
    const { credential: body } = request.body as CredentialCreate;
    const token = await kit.enforce(request, 'identity:create_credential', {
      target: { credential: { user_id: body.user_id, project_id: body.project_id, type: body.type } },
    });
    requirePrimaryAuth(token);
    const credential = await services.credentials.create({
      userId: body.user_id,
      projectId: body.project_id,
      type: body.type,
      blob: body.blob,
      extra: extraAttributes(body),
    });
    return created(reply, { credential: renderCredential(credential, kit.v3Url(request)) });
  });

  app.get<{ Params: Params }>('/credentials/:credential_id', async (request) => {
    const { credential } = await loadAndEnforce(request, 'identity:get_credential');
    return { credential: renderCredential(await services.credentials.get(credential.id), kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/credentials/:credential_id', { schema: { body: CredentialUpdate } }, async (request) => {
    const { credential: current } = await loadAndEnforce(request, 'identity:update_credential');
    const { credential: body } = request.body as CredentialUpdate;
    const id = (body as Record<string, unknown>).id;
    if (id !== undefined && id !== null && id !== current.id) throw new ValidationError('Cannot change ID');
    // Checked again as it would be after the change, so an owner cannot give the credential away.
    await kit.enforce(
      request,
      'identity:update_credential',
      targetOf({
        id: current.id,
        userId: body.user_id ?? current.userId,
        projectId: body.project_id !== undefined ? body.project_id : current.projectId,
        type: body.type ?? current.type,
      }),
    );
    const extra = extraAttributes(body);
    const credential = await services.credentials.update(current.id, {
      userId: body.user_id,
      projectId: body.project_id,
      type: body.type,
      blob: body.blob,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { credential: renderCredential(credential, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/credentials/:credential_id', async (request, reply) => {
    const { credential } = await loadAndEnforce(request, 'identity:delete_credential');
    await services.credentials.delete(credential.id);
    return noContent(reply);
  });
}

import type {
  CredentialCreate,
  CredentialListQuery,
  CredentialParams,
  CredentialUpdate,
} from '@xloud/identity-schemas';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import type { Credential, CredentialSummary } from '../../services/credential/credential-service.ts';
import { collection } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { extraIfAny } from './extra.ts';

/** Attributes Keystone models; `extra` is its column name, so a client attribute called that is dropped, as there. */
const MODELLED = ['id', 'user_id', 'project_id', 'type', 'blob', 'extra', 'links'];

/**
 * Methods that prove the user is present (keystone/api/_shared/delegation.py). A token made with anything else
 * (an application credential, an OAuth1 access token), or scoped to a trust, is a delegation and, since Keystone's fix for
 * LP#2159643, may not read or manage credentials at all: it would let a stolen delegation exfiltrate the user's
 * EC2 keys or TOTP seed. Keystone's `allow_insecure_admin_trust_cross_project_credentials_access` is not offered.
 */
const PRIMARY_AUTH_METHODS = new Set([
  'external',
  'kerberos',
  'mapped',
  'openid',
  'password',
  'saml2',
  'token',
  'totp',
  'x509',
]);

export function isDelegated(token: TokenModel): boolean {
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

type OneCredential = { params: typeof CredentialParams };

/** Keystone's _build_target_enforcement: the policy sees the stored credential, then a missing one is a 404. */
async function loadAndEnforce(
  kit: RouteKit,
  request: TypedRequest<OneCredential>,
  action: string,
): Promise<{ token: TokenModel; credential: CredentialSummary }> {
  const credential = await kit.services.credentials.describe(request.params.credential_id);
  const token = await kit.enforce(request, action, targetOf(credential));
  if (!credential) throw NotFoundError.resource('credential', request.params.credential_id);
  requirePrimaryAuth(token);
  return { token, credential };
}

/** One rule for the list, and the rule each listed credential must pass to be shown. */
type CredentialListPolicies = { list: string; get: string };

export const listCredentials: RouteHandler<
  { querystring: typeof CredentialListQuery },
  CredentialListPolicies
> = async (request, _reply, kit, policy) => {
  const token = await kit.authenticate(request);
  // Outside system scope the caller lists as the owner; each credential is then checked on its own.
  await kit.enforce(request, policy.list, token.system ? {} : { target: { credential: { user_id: token.user.id } } });
  const q = request.query;
  const all = await kit.services.credentials.list({ userId: queryString(q.user_id), type: queryString(q.type) });
  const visible = isDelegated(token) ? [] : all.filter((c) => kit.allows(token, policy.get, targetOf(c)));
  const v3 = kit.v3Url(request);
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  return collection(
    'credentials',
    visible.map((c) => renderCredential(c, v3)),
    `${v3}/credentials${query}`,
  );
};

export const createCredential: RouteHandler<{ body: typeof CredentialCreate }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const { credential: body } = request.body;
  const token = await kit.enforce(request, policy, {
    target: { credential: { user_id: body.user_id, project_id: body.project_id, type: body.type } },
  });
  requirePrimaryAuth(token);
  const credential = await kit.services.credentials.create({
    userId: body.user_id,
    projectId: body.project_id,
    type: body.type,
    blob: body.blob,
    extra: extraAttributes(body),
  });
  return created(reply, { credential: renderCredential(credential, kit.v3Url(request)) });
};

export const getCredential: RouteHandler<OneCredential> = async (request, _reply, kit, policy) => {
  const { credential } = await loadAndEnforce(kit, request, policy);
  return { credential: renderCredential(await kit.services.credentials.get(credential.id), kit.v3Url(request)) };
};

export const updateCredential: RouteHandler<OneCredential & { body: typeof CredentialUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const { credential: current } = await loadAndEnforce(kit, request, policy);
  const { credential: body } = request.body;
  const id = (body as Record<string, unknown>).id;
  if (id !== undefined && id !== null && id !== current.id) throw new ValidationError('Cannot change ID');
  // Checked again as it would be after the change, so an owner cannot give the credential away.
  await kit.enforce(
    request,
    policy,
    targetOf({
      id: current.id,
      userId: body.user_id ?? current.userId,
      projectId: body.project_id !== undefined ? body.project_id : current.projectId,
      type: body.type ?? current.type,
    }),
  );
  const credential = await kit.services.credentials.update(current.id, {
    userId: body.user_id,
    projectId: body.project_id,
    type: body.type,
    blob: body.blob,
    extra: extraIfAny(extraAttributes(body)),
  });
  return { credential: renderCredential(credential, kit.v3Url(request)) };
};

export const deleteCredential: RouteHandler<OneCredential> = async (request, reply, kit, policy) => {
  const { credential } = await loadAndEnforce(kit, request, policy);
  await kit.services.credentials.delete(credential.id);
  return noContent(reply);
};

import type { FastifyRequest } from 'fastify';
import type { TrustCreate, TrustListQuery, TrustParams, TrustRoleParams } from '@xloud/identity-schemas';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { TokenModel } from '../../services/auth/token-model.ts';
import type { TrustRecord } from '../../services/trust/trust-driver.ts';
import { toKeystoneResourceTime } from '../../clock.ts';
import { collection, renderRole } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { splitExtra } from './extra.ts';

const trustTarget = (t: Pick<TrustRecord, 'trustorUserId' | 'trusteeUserId'>) => ({
  target: { trust: { trustor_user_id: t.trustorUserId, trustee_user_id: t.trusteeUserId } },
});

/* OS-TRUST: /v3/OS-TRUST/trusts. */

/**
 * Keystone's _check_delegated_token, for OAuth1 tokens: a consumer acting with delegated roles may not read or
 * manage trusts (it would delegate roles the access token never carried).
 */
function refuseOAuth1(token: TokenModel): TokenModel {
  if (token.oauth1) throw ForbiddenError.action('Delegated tokens cannot manage trusts');
  return token;
}

type OneTrust = { params: typeof TrustParams };
type TrustRole = { params: typeof TrustRoleParams };

async function render(kit: RouteKit, t: TrustRecord, v3: string): Promise<Record<string, unknown>> {
  const roles = await kit.services.trusts.roles(t);
  const expires = toKeystoneResourceTime(t.expiresAt);
  return {
    ...t.extra,
    id: t.id,
    trustor_user_id: t.trustorUserId,
    trustee_user_id: t.trusteeUserId,
    project_id: t.projectId,
    impersonation: t.impersonation,
    expires_at: expires === null ? null : `${expires}Z`,
    remaining_uses: t.remainingUses,
    allow_redelegation: t.allowRedelegation,
    roles: roles.map((r) => renderRole(r, v3)),
    roles_links: { self: `${v3}/OS-TRUST/trusts/${t.id}/roles`, previous: null, next: null },
    links: { self: `${v3}/OS-TRUST/trusts/${t.id}` },
  };
}

export const createTrust: RouteHandler<{ body: typeof TrustCreate }> = async (request, reply, kit, policy) => {
  const { trust: body } = request.body;
  const token = refuseOAuth1(
    await kit.enforce(
      request,
      policy,
      trustTarget({ trustorUserId: body.trustor_user_id, trusteeUserId: body.trustee_user_id }),
    ),
  );
  const [, extra] = splitExtra(body, [
    'id',
    'trustor_user_id',
    'trustee_user_id',
    'impersonation',
    'project_id',
    'roles',
    'expires_at',
    'remaining_uses',
    'allow_redelegation',
    'redelegation_count',
  ]);
  const trust = await kit.services.trusts.create(
    {
      trustorUserId: body.trustor_user_id,
      trusteeUserId: body.trustee_user_id,
      projectId: body.project_id,
      impersonation: body.impersonation,
      expiresAt: body.expires_at,
      remainingUses: body.remaining_uses,
      allowRedelegation: body.allow_redelegation ?? false,
      roles: body.roles,
      extra,
    },
    {
      userId: token.user.id,
      restrictedApplicationCredential: !!token.applicationCredential && !token.applicationCredential.unrestricted,
    },
  );
  return created(reply, { trust: await render(kit, trust, kit.v3Url(request)) });
};

/** Listing the trusts a trustor gave, those a trustee got, or all of them, each with its own rule. */
type TrustListPolicies = { forTrustor: string; forTrustee: string; all: string };

export const listTrusts: RouteHandler<{ querystring: typeof TrustListQuery }, TrustListPolicies> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  refuseOAuth1(await kit.authenticate(request));
  const q = request.query;
  const trustorUserId = queryString(q.trustor_user_id);
  const trusteeUserId = queryString(q.trustee_user_id);
  if (trustorUserId)
    await kit.enforce(request, policy.forTrustor, { target: { trust: { trustor_user_id: trustorUserId } } });
  if (trusteeUserId)
    await kit.enforce(request, policy.forTrustee, { target: { trust: { trustee_user_id: trusteeUserId } } });
  if (!trustorUserId && !trusteeUserId) await kit.enforce(request, policy.all);
  const trusts = await kit.services.trusts.list({ trustorUserId, trusteeUserId });
  const v3 = kit.v3Url(request);
  return collection('trusts', await Promise.all(trusts.map((t) => render(kit, t, v3))), `${v3}/OS-TRUST/trusts`);
};

async function loadAndEnforce(
  kit: RouteKit,
  request: FastifyRequest,
  trustId: string,
  action: string,
): Promise<TrustRecord> {
  refuseOAuth1(await kit.authenticate(request));
  const trust = await kit.services.trusts.get(trustId);
  await kit.enforce(request, action, trustTarget(trust));
  return trust;
}

export const getTrust: RouteHandler<OneTrust> = async (request, _reply, kit, policy) => {
  const trust = await loadAndEnforce(kit, request, request.params.trust_id, policy);
  return { trust: await render(kit, trust, kit.v3Url(request)) };
};

export const deleteTrust: RouteHandler<OneTrust> = async (request, reply, kit, policy) => {
  await loadAndEnforce(kit, request, request.params.trust_id, policy);
  await kit.services.trusts.delete(request.params.trust_id);
  return noContent(reply);
};

export const listTrustRoles: RouteHandler<OneTrust> = async (request, _reply, kit, policy) => {
  const trust = await loadAndEnforce(kit, request, request.params.trust_id, policy);
  const v3 = kit.v3Url(request);
  return collection(
    'roles',
    (await kit.services.trusts.roles(trust)).map((r) => renderRole(r, v3)),
    `${v3}/OS-TRUST/trusts/${trust.id}/roles`,
  );
};

async function roleOfTrust(kit: RouteKit, request: TypedRequest<TrustRole>, action: string) {
  const trust = await loadAndEnforce(kit, request, request.params.trust_id, action);
  const role = (await kit.services.trusts.roles(trust)).find((r) => r.id === request.params.role_id);
  if (!role) throw NotFoundError.resource('role', request.params.role_id);
  return role;
}

export const checkTrustRole: RouteHandler<TrustRole> = async (request, reply, kit, policy) => {
  await roleOfTrust(kit, request, policy);
  // Keystone answers this HEAD with 200 (unlike grant checks, which are 204).
  return reply.code(200).send();
};

export const getTrustRole: RouteHandler<TrustRole> = async (request, _reply, kit, policy) => {
  return { role: renderRole(await roleOfTrust(kit, request, policy), kit.v3Url(request)) };
};

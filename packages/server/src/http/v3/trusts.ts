import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TrustCreate } from '@xloud/identity-schemas';
import { NotFoundError } from '../../errors.ts';
import type { TrustRecord } from '../../services/trust/trust-driver.ts';
import { toKeystoneResourceTime } from '../../clock.ts';
import { collection, renderRole } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { splitExtra } from './extra.ts';

type Params = { trust_id: string };
type RoleParams = { trust_id: string; role_id: string };

const trustTarget = (t: Pick<TrustRecord, 'trustorUserId' | 'trusteeUserId'>) => ({
  target: { trust: { trustor_user_id: t.trustorUserId, trustee_user_id: t.trusteeUserId } },
});

/** OS-TRUST: /v3/OS-TRUST/trusts. */
export function trustRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  async function render(t: TrustRecord, v3: string): Promise<Record<string, unknown>> {
    const roles = await services.trusts.roles(t);
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

  app.post('/OS-TRUST/trusts', { schema: { body: TrustCreate } }, async (request, reply) => {
    const { trust: body } = request.body as TrustCreate;
    const token = await kit.enforce(request, 'identity:create_trust', trustTarget({ trustorUserId: body.trustor_user_id, trusteeUserId: body.trustee_user_id }));
    const [, extra] = splitExtra(body, ['id', 'trustor_user_id', 'trustee_user_id', 'impersonation', 'project_id', 'roles', 'expires_at', 'remaining_uses', 'allow_redelegation', 'redelegation_count']);
    const trust = await services.trusts.create(
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
      { userId: token.user.id, restrictedApplicationCredential: !!token.applicationCredential && !token.applicationCredential.unrestricted },
    );
    return created(reply, { trust: await render(trust, kit.v3Url(request)) });
  });

  app.get('/OS-TRUST/trusts', async (request) => {
    const q = request.query as Record<string, unknown>;
    const trustorUserId = queryString(q.trustor_user_id);
    const trusteeUserId = queryString(q.trustee_user_id);
    if (trustorUserId) await kit.enforce(request, 'identity:list_trusts_for_trustor', { target: { trust: { trustor_user_id: trustorUserId } } });
    if (trusteeUserId) await kit.enforce(request, 'identity:list_trusts_for_trustee', { target: { trust: { trustee_user_id: trusteeUserId } } });
    if (!trustorUserId && !trusteeUserId) await kit.enforce(request, 'identity:list_trusts');
    const trusts = await services.trusts.list({ trustorUserId, trusteeUserId });
    const v3 = kit.v3Url(request);
    return collection('trusts', await Promise.all(trusts.map((t) => render(t, v3))), `${v3}/OS-TRUST/trusts`);
  });

  async function loadAndEnforce(request: FastifyRequest, trustId: string, action: string): Promise<TrustRecord> {
    await kit.authenticate(request);
    const trust = await services.trusts.get(trustId);
    await kit.enforce(request, action, trustTarget(trust));
    return trust;
  }

  app.get<{ Params: Params }>('/OS-TRUST/trusts/:trust_id', async (request) => {
    const trust = await loadAndEnforce(request, request.params.trust_id, 'identity:get_trust');
    return { trust: await render(trust, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/OS-TRUST/trusts/:trust_id', async (request, reply) => {
    await loadAndEnforce(request, request.params.trust_id, 'identity:delete_trust');
    await services.trusts.delete(request.params.trust_id);
    return noContent(reply);
  });

  app.get<{ Params: Params }>('/OS-TRUST/trusts/:trust_id/roles', async (request) => {
    const trust = await loadAndEnforce(request, request.params.trust_id, 'identity:list_roles_for_trust');
    const v3 = kit.v3Url(request);
    return collection('roles', (await services.trusts.roles(trust)).map((r) => renderRole(r, v3)), `${v3}/OS-TRUST/trusts/${trust.id}/roles`);
  });

  const roleOfTrust = async (request: FastifyRequest<{ Params: RoleParams }>) => {
    const trust = await loadAndEnforce(request, request.params.trust_id, 'identity:get_role_for_trust');
    const role = (await services.trusts.roles(trust)).find((r) => r.id === request.params.role_id);
    if (!role) throw NotFoundError.resource('role', request.params.role_id);
    return role;
  };
  app.head<{ Params: RoleParams }>('/OS-TRUST/trusts/:trust_id/roles/:role_id', async (request, reply: FastifyReply) => {
    await roleOfTrust(request);
    // Keystone answers this HEAD with 200 (unlike grant checks, which are 204).
    return reply.code(200).send();
  });
  app.get<{ Params: RoleParams }>('/OS-TRUST/trusts/:trust_id/roles/:role_id', async (request) => {
    return { role: renderRole(await roleOfTrust(request), kit.v3Url(request)) };
  });
}

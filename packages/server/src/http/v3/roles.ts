import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RoleCreate, RoleUpdate } from '@xloud/identity-schemas';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import { collection, renderRole } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { splitExtra, stripNullOptions } from './extra.ts';

type Params = { role_id: string };
type InferenceParams = { prior_role_id: string; implies_role_id: string };

const roleTarget = (r: Pick<RoleRecord, 'id' | 'name' | 'domainId'>) => ({ target: { role: { id: r.id, name: r.name, domain_id: r.domainId } } });
const roleRef = (r: RoleRecord, v3: string) => ({ id: r.id, name: r.name, links: { self: `${v3}/roles/${r.id}` } });

export function roleRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/roles', async (request) => {
    const q = request.query as Record<string, unknown>;
    const domainId = queryString(q.domain_id);
    await kit.enforce(request, domainId ? 'identity:list_domain_roles' : 'identity:list_roles', { domain_id: domainId });
    const roles = await services.roles.listRoles({
      name: queryString(q.name),
      domainId: domainId ?? null,
      textMatches: textMatches(q, { text: { name: 'name', domain_id: 'domainId' } }),
    });
    const v3 = kit.v3Url(request);
    return collection('roles', roles.map((r) => renderRole(r, v3)), `${v3}/roles`);
  });

  app.post('/roles', { schema: { body: RoleCreate } }, async (request, reply) => {
    const { role: body } = request.body as RoleCreate;
    await kit.enforce(request, body.domain_id ? 'identity:create_domain_role' : 'identity:create_role', { target: { role: body } });
    const [, extra] = splitExtra(body, ['id', 'name', 'domain_id', 'description', 'options']);
    const role = await services.roles.createRole({
      name: body.name,
      domainId: body.domain_id,
      description: body.description,
      options: stripNullOptions(body.options),
      extra,
    });
    return created(reply, { role: renderRole(role, kit.v3Url(request)) });
  });

  async function loadAndEnforce(request: FastifyRequest, roleId: string, global: string, domainSpecific: string) {
    await kit.authenticate(request);
    const role = await services.roles.getRole(roleId);
    await kit.enforce(request, role.domainId ? domainSpecific : global, roleTarget(role));
    return role;
  }

  app.get<{ Params: Params }>('/roles/:role_id', async (request) => {
    const role = await loadAndEnforce(request, request.params.role_id, 'identity:get_role', 'identity:get_domain_role');
    return { role: renderRole(role, kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/roles/:role_id', { schema: { body: RoleUpdate } }, async (request) => {
    await loadAndEnforce(request, request.params.role_id, 'identity:update_role', 'identity:update_domain_role');
    const { role: body } = request.body as RoleUpdate;
    const [, extra] = splitExtra(body, ['id', 'name', 'domain_id', 'description', 'options']);
    const role = await services.roles.updateRole(request.params.role_id, {
      name: body.name,
      description: body.description,
      domainId: body.domain_id,
      options: body.options,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { role: renderRole(role, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/roles/:role_id', async (request, reply) => {
    await loadAndEnforce(request, request.params.role_id, 'identity:delete_role', 'identity:delete_domain_role');
    await services.roles.deleteRole(request.params.role_id);
    return noContent(reply);
  });

  app.get<{ Params: { prior_role_id: string } }>('/roles/:prior_role_id/implies', async (request) => {
    await kit.enforce(request, 'identity:list_implied_roles');
    const prior = await services.roles.getRole(request.params.prior_role_id);
    const rules = (await services.roles.listImpliedRoles()).filter((r) => r.priorRoleId === prior.id);
    const implied = await services.roles.listRoles({ ids: rules.map((r) => r.impliedRoleId) });
    const v3 = kit.v3Url(request);
    return {
      role_inference: { prior_role: roleRef(prior, v3), implies: implied.map((r) => roleRef(r, v3)) },
      links: { self: `${v3}/roles/${prior.id}/implies` },
    };
  });

  async function inference(request: FastifyRequest<{ Params: InferenceParams }>) {
    const v3 = kit.v3Url(request);
    const prior = await services.roles.getRole(request.params.prior_role_id);
    const implied = await services.roles.getRole(request.params.implies_role_id);
    return {
      role_inference: { prior_role: roleRef(prior, v3), implies: roleRef(implied, v3) },
      links: { self: `${v3}/roles/${prior.id}/implies/${implied.id}` },
    };
  }

  app.put<{ Params: InferenceParams }>('/roles/:prior_role_id/implies/:implies_role_id', async (request, reply) => {
    await kit.enforce(request, 'identity:create_implied_role');
    await services.roles.createImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
    return created(reply, await inference(request));
  });

  app.head<{ Params: InferenceParams }>('/roles/:prior_role_id/implies/:implies_role_id', async (request, reply: FastifyReply) => {
    await kit.enforce(request, 'identity:check_implied_role');
    await services.roles.getImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
    return noContent(reply);
  });

  app.get<{ Params: InferenceParams }>('/roles/:prior_role_id/implies/:implies_role_id', async (request) => {
    await kit.enforce(request, 'identity:get_implied_role');
    await services.roles.getImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
    return inference(request);
  });

  app.delete<{ Params: InferenceParams }>('/roles/:prior_role_id/implies/:implies_role_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_implied_role');
    await services.roles.deleteImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
    return noContent(reply);
  });

  app.get('/role_inferences', async (request) => {
    await kit.enforce(request, 'identity:list_role_inference_rules');
    const rules = await services.roles.listImpliedRoles();
    const roles = new Map((await services.roles.listRoles({})).map((r) => [r.id, r]));
    const v3 = kit.v3Url(request);
    const byPrior = new Map<string, RoleRecord[]>();
    for (const rule of rules) {
      const implied = roles.get(rule.impliedRoleId);
      if (!implied || !roles.has(rule.priorRoleId)) continue;
      byPrior.set(rule.priorRoleId, [...(byPrior.get(rule.priorRoleId) ?? []), implied]);
    }
    return {
      role_inferences: [...byPrior].map(([priorId, implied]) => ({
        prior_role: roleRef(roles.get(priorId)!, v3),
        implies: implied.map((r) => roleRef(r, v3)),
      })),
      links: { self: `${v3}/role_inferences`, previous: null, next: null },
    };
  });
}

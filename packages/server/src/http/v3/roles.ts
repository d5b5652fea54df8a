import type { FastifyRequest } from 'fastify';
import type {
  PriorRoleParams,
  RoleCreate,
  RoleInferenceParams,
  RoleListQuery,
  RoleParams,
  RoleUpdate,
} from '@xloud/identity-schemas';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import { collection, renderRole } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { extraToUpdate, splitExtra, stripNullOptions } from './extra.ts';
import { noContentAfter, showOne, updateOne } from './one-resource.ts';

const roleTarget = (r: Pick<RoleRecord, 'id' | 'name' | 'domainId'>) => ({
  target: { role: { id: r.id, name: r.name, domain_id: r.domainId } },
});
const roleRef = (r: RoleRecord, v3: string) => ({ id: r.id, name: r.name, links: { self: `${v3}/roles/${r.id}` } });

/** A rule for global roles and one for domain-specific roles; the role decides which applies. */
type RolePolicies = { global: string; domainSpecific: string };
type OneRole = { params: typeof RoleParams };
type Inference = { params: typeof RoleInferenceParams };
const MODELLED = ['id', 'name', 'domain_id', 'description', 'options'];

export const listRoles: RouteHandler<{ querystring: typeof RoleListQuery }, RolePolicies> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const q = request.query;
  const domainId = queryString(q.domain_id);
  await kit.enforce(request, domainId ? policy.domainSpecific : policy.global, { domain_id: domainId });
  const roles = await kit.services.roles.listRoles({
    name: queryString(q.name),
    domainId: domainId ?? null,
    textMatches: textMatches(q, { text: { name: 'name', domain_id: 'domainId' } }),
  });
  const v3 = kit.v3Url(request);
  return collection(
    'roles',
    roles.map((r) => renderRole(r, v3)),
    `${v3}/roles`,
  );
};

export const createRole: RouteHandler<{ body: typeof RoleCreate }, RolePolicies> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const { role: body } = request.body;
  await kit.enforce(request, body.domain_id ? policy.domainSpecific : policy.global, { target: { role: body } });
  const [, extra] = splitExtra(body, MODELLED);
  const role = await kit.services.roles.createRole({
    name: body.name,
    domainId: body.domain_id,
    description: body.description,
    options: stripNullOptions(body.options),
    extra,
  });
  return created(reply, { role: renderRole(role, kit.v3Url(request)) });
};

/** The role the URL names, the rule for its kind (global or domain-specific) enforced against it. */
async function loadAndEnforce(
  kit: RouteKit,
  request: FastifyRequest & { params: { role_id: string } },
  policy: RolePolicies,
) {
  await kit.authenticate(request);
  const role = await kit.services.roles.getRole(request.params.role_id);
  await kit.enforce(request, role.domainId ? policy.domainSpecific : policy.global, roleTarget(role));
  return role;
}

export const getRole: RouteHandler<OneRole, RolePolicies> = showOne('role', loadAndEnforce, renderRole);

export const updateRole: RouteHandler<OneRole & { body: typeof RoleUpdate }, RolePolicies> = updateOne(
  'role',
  (services, { params, body: { role: body } }) =>
    services.roles.updateRole(params.role_id, {
      name: body.name,
      description: body.description,
      domainId: body.domain_id,
      options: body.options,
      extra: extraToUpdate(body, MODELLED),
    }),
  renderRole,
  loadAndEnforce,
);

export const deleteRole: RouteHandler<OneRole, RolePolicies> = noContentAfter(
  (services, params) => services.roles.deleteRole(params.role_id),
  loadAndEnforce,
);

export const listImpliedRoles: RouteHandler<{ params: typeof PriorRoleParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const { services } = kit;
  await kit.enforce(request, policy);
  const prior = await services.roles.getRole(request.params.prior_role_id);
  const rules = (await services.roles.listImpliedRoles()).filter((r) => r.priorRoleId === prior.id);
  const implied = await services.roles.listRoles({ ids: rules.map((r) => r.impliedRoleId) });
  const v3 = kit.v3Url(request);
  return {
    role_inference: { prior_role: roleRef(prior, v3), implies: implied.map((r) => roleRef(r, v3)) },
    links: { self: `${v3}/roles/${prior.id}/implies` },
  };
};

async function inference(kit: RouteKit, request: TypedRequest<Inference>) {
  const v3 = kit.v3Url(request);
  const prior = await kit.services.roles.getRole(request.params.prior_role_id);
  const implied = await kit.services.roles.getRole(request.params.implies_role_id);
  return {
    role_inference: { prior_role: roleRef(prior, v3), implies: roleRef(implied, v3) },
    links: { self: `${v3}/roles/${prior.id}/implies/${implied.id}` },
  };
}

export const createImpliedRole: RouteHandler<Inference> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.roles.createImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
  return created(reply, await inference(kit, request));
};

export const checkImpliedRole: RouteHandler<Inference> = noContentAfter((services, params) =>
  services.roles.getImpliedRole(params.prior_role_id, params.implies_role_id),
);

export const getImpliedRole: RouteHandler<Inference> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.roles.getImpliedRole(request.params.prior_role_id, request.params.implies_role_id);
  return inference(kit, request);
};

export const deleteImpliedRole: RouteHandler<Inference> = noContentAfter((services, params) =>
  services.roles.deleteImpliedRole(params.prior_role_id, params.implies_role_id),
);

export const listRoleInferences: RouteHandler = async (request, _reply, kit, policy) => {
  const { services } = kit;
  await kit.enforce(request, policy);
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
  };
};

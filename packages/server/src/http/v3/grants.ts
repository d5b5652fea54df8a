import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActorKind, Grant, TargetKind } from '../../services/assignment/assignment-service.ts';
import { SYSTEM_TARGET } from '../../services/assignment/assignment-service.ts';
import { collection, renderRole } from '../render/resources.ts';
import { noContent, type RouteKit } from '../route-kit.ts';

type Params = Record<string, string>;

interface GrantRoute {
  actor: ActorKind;
  target: TargetKind;
  inherited: boolean;
  /** Path of the role collection, relative to /v3. */
  list: string;
  /** Path of one role grant. */
  member: string;
  policy: { check: string; list: string; create: string; revoke: string };
}

const PROJECT_DOMAIN_POLICY = {
  check: 'identity:check_grant',
  list: 'identity:list_grants',
  create: 'identity:create_grant',
  revoke: 'identity:revoke_grant',
};

function grantRoutesTable(): GrantRoute[] {
  const routes: GrantRoute[] = [];
  for (const actor of ['user', 'group'] as const) {
    const actors = `${actor}s/:${actor}_id`;
    for (const target of ['project', 'domain'] as const) {
      const targets = `${target}s/:${target}_id`;
      routes.push({ actor, target, inherited: false, list: `/${targets}/${actors}/roles`, member: `/${targets}/${actors}/roles/:role_id`, policy: PROJECT_DOMAIN_POLICY });
      routes.push({
        actor,
        target,
        inherited: true,
        list: `/OS-INHERIT/${targets}/${actors}/roles/inherited_to_projects`,
        member: `/OS-INHERIT/${targets}/${actors}/roles/:role_id/inherited_to_projects`,
        policy: PROJECT_DOMAIN_POLICY,
      });
    }
    routes.push({
      actor,
      target: 'system',
      inherited: false,
      list: `/system/${actors}/roles`,
      member: `/system/${actors}/roles/:role_id`,
      policy: {
        check: `identity:check_system_grant_for_${actor}`,
        list: `identity:list_system_grants_for_${actor}`,
        create: `identity:create_system_grant_for_${actor}`,
        revoke: `identity:revoke_system_grant_for_${actor}`,
      },
    });
  }
  return routes;
}

/** Role grants on projects, domains (plus OS-INHERIT) and the system, for users and groups. */
export function grantRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  const grantFrom = (route: GrantRoute, params: Params, roleId = ''): Grant => ({
    actor: route.actor,
    actorId: params[`${route.actor}_id`]!,
    target: route.target,
    targetId: route.target === 'system' ? SYSTEM_TARGET : params[`${route.target}_id`]!,
    roleId,
    inherited: route.inherited,
  });

  /** Loads what the policy rules look at; 404s come from here, before policy, as in Keystone. */
  async function policyTarget(grant: Grant): Promise<Record<string, unknown>> {
    const { role, targetDomainId } = await services.assignments.checkGrantParts({ ...grant, roleId: grant.roleId || undefined });
    const target: Record<string, unknown> = {};
    if (grant.actor === 'user') {
      const user = await services.identity.getUser(grant.actorId);
      target.user = { id: user.id, domain_id: user.domainId };
    } else {
      const group = await services.identity.getGroup(grant.actorId);
      target.group = { id: group.id, domain_id: group.domainId };
    }
    if (grant.target === 'project') target.project = { id: grant.targetId, domain_id: targetDomainId };
    if (grant.target === 'domain') target.domain = { id: grant.targetId };
    if (role) target.role = { id: role.id, name: role.name, domain_id: role.domainId };
    return { target };
  }

  for (const route of grantRoutesTable()) {
    app.get<{ Params: Params }>(route.list, async (request) => {
      await kit.authenticate(request);
      const { roleId: _none, ...grant } = grantFrom(route, request.params);
      await kit.enforce(request, route.policy.list, await policyTarget({ ...grant, roleId: '' }));
      const roles = await services.assignments.listGrantRoles(grant);
      const v3 = kit.v3Url(request);
      return collection('roles', roles.map((r) => renderRole(r, v3)), `${v3}${request.url.replace(/^\/(identity\/)?v3/, '').split('?')[0]}`);
    });

    app.put<{ Params: Params }>(route.member, async (request, reply) => {
      await kit.authenticate(request);
      const grant = grantFrom(route, request.params, request.params.role_id);
      await kit.enforce(request, route.policy.create, await policyTarget(grant));
      await services.assignments.createGrant(grant);
      return noContent(reply);
    });

    const check = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      await kit.authenticate(request);
      const grant = grantFrom(route, request.params, request.params.role_id);
      await kit.enforce(request, route.policy.check, await policyTarget(grant));
      await services.assignments.checkGrant(grant);
      return noContent(reply);
    };
    app.head<{ Params: Params }>(route.member, check);
    app.get<{ Params: Params }>(route.member, check);

    app.delete<{ Params: Params }>(route.member, async (request, reply) => {
      await kit.authenticate(request);
      const grant = grantFrom(route, request.params, request.params.role_id);
      await kit.enforce(request, route.policy.revoke, await policyTarget(grant));
      await services.assignments.deleteGrant(grant);
      return noContent(reply);
    });
  }
}

import type { GrantParams } from '@xloud/identity-schemas';
import type { ActorKind, Grant, TargetKind } from '../../services/assignment/assignment-service.ts';
import { SYSTEM_TARGET } from '../../services/assignment/assignment-service.ts';
import { collection, renderRole } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { noContent, type RouteKit } from '../route-kit.ts';

/** Which grants a route addresses: role grants on projects, domains (plus OS-INHERIT) and the system, for users and groups. */
export interface GrantKind {
  actor: ActorKind;
  target: TargetKind;
  inherited: boolean;
}

type Grants = { params: typeof GrantParams };

function grantFrom(kind: GrantKind, request: TypedRequest<Grants>, roleId = ''): Grant {
  const { params } = request;
  return {
    actor: kind.actor,
    actorId: params[`${kind.actor}_id`]!,
    target: kind.target,
    targetId: kind.target === 'system' ? SYSTEM_TARGET : params[`${kind.target}_id`]!,
    roleId,
    inherited: kind.inherited,
  };
}

/** Loads what the policy rules look at; 404s come from here, before policy, as in Keystone. */
async function policyTarget(kit: RouteKit, grant: Grant): Promise<Record<string, unknown>> {
  const { services } = kit;
  const { role, targetDomainId } = await services.assignments.checkGrantParts({
    ...grant,
    roleId: grant.roleId || undefined,
  });
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

/** The four handlers of one kind of grant: list the roles granted, grant one, check one (GET and HEAD), revoke one. */
export function grantHandlers(kind: GrantKind): Record<'list' | 'create' | 'check' | 'revoke', RouteHandler<Grants>> {
  return {
    list: async (request, _reply, kit, policy) => {
      await kit.authenticate(request);
      const { roleId: _none, ...grant } = grantFrom(kind, request);
      await kit.enforce(request, policy, await policyTarget(kit, { ...grant, roleId: '' }));
      const roles = await kit.services.assignments.listGrantRoles(grant);
      const v3 = kit.v3Url(request);
      return collection(
        'roles',
        roles.map((r) => renderRole(r, v3)),
        `${v3}${request.url.replace(/^\/(identity\/)?v3/, '').split('?')[0]}`,
      );
    },
    create: async (request, reply, kit, policy) => {
      await kit.authenticate(request);
      const grant = grantFrom(kind, request, request.params.role_id);
      await kit.enforce(request, policy, await policyTarget(kit, grant));
      await kit.services.assignments.createGrant(grant);
      return noContent(reply);
    },
    check: async (request, reply, kit, policy) => {
      await kit.authenticate(request);
      const grant = grantFrom(kind, request, request.params.role_id);
      await kit.enforce(request, policy, await policyTarget(kit, grant));
      await kit.services.assignments.checkGrant(grant);
      return noContent(reply);
    },
    revoke: async (request, reply, kit, policy) => {
      await kit.authenticate(request);
      const grant = grantFrom(kind, request, request.params.role_id);
      await kit.enforce(request, policy, await policyTarget(kit, grant));
      await kit.services.assignments.deleteGrant(grant);
      return noContent(reply);
    },
  };
}

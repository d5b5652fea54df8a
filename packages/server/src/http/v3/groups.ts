import type { FastifyRequest } from 'fastify';
import type { GroupCreate, GroupListQuery, GroupMemberParams, GroupParams, GroupUpdate } from '@xloud/identity-schemas';
import type { GroupRecord } from '../../services/identity/identity-driver.ts';
import { paginated } from '../render/pagination.ts';
import { collection, renderGroup, renderUser } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { enforceNewInDomain } from './new-in-domain.ts';
import { noContentAfter, showOne, updateOne } from './one-resource.ts';

type OneGroup = { params: typeof GroupParams };
type Member = { params: typeof GroupMemberParams };
const MODELLED = ['id', 'name', 'domain_id', 'description'];
const groupTarget = (g: GroupRecord) => ({ target: { group: { id: g.id, domain_id: g.domainId } } });

export const listGroups: RouteHandler<{ querystring: typeof GroupListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const token = await kit.authenticate(request);
  await kit.enforce(request, policy, {
    target: { domain_id: token.domain?.id, group: { domain_id: token.domain?.id } },
  });
  const q = request.query;
  const filter = {
    domainId: token.domain?.id ?? queryString(q.domain_id),
    name: queryString(q.name),
    textMatches: textMatches(q, { text: { name: 'name', domain_id: 'domainId' } }),
  };
  const v3 = kit.v3Url(request);
  return paginated(
    'groups',
    q,
    `${v3}/groups`,
    (g: GroupRecord) => renderGroup(g, v3),
    kit.listLimit('identity'),
    (page) => kit.services.identity.listGroups(filter, page),
  );
};

export const createGroup: RouteHandler<{ body: typeof GroupCreate }> = async (request, reply, kit, policy) => {
  const { group: body } = request.body;
  const domainId = await enforceNewInDomain(kit, request, policy, 'group', body);
  const [, extra] = splitExtra(body, MODELLED);
  const group = await kit.services.identity.createGroup({
    name: body.name,
    domainId,
    description: body.description,
    extra,
  });
  return created(reply, { group: renderGroup(group, kit.v3Url(request)) });
};

/** The group the URL names, the route's rule enforced against it (and `extraTarget`). */
async function loadAndEnforce(
  kit: RouteKit,
  request: FastifyRequest & { params: { group_id: string } },
  action: string,
  extraTarget: Record<string, unknown> = {},
) {
  await kit.authenticate(request);
  const group = await kit.services.identity.getGroup(request.params.group_id);
  await kit.enforce(request, action, { target: { ...groupTarget(group).target, ...extraTarget } });
  return group;
}

export const getGroup: RouteHandler<OneGroup> = showOne('group', loadAndEnforce, renderGroup);

export const updateGroup: RouteHandler<OneGroup & { body: typeof GroupUpdate }> = updateOne(
  'group',
  (services, { params, body: { group: body } }) =>
    services.identity.updateGroup(params.group_id, {
      name: body.name,
      description: body.description,
      domainId: body.domain_id,
      extra: extraToUpdate(body, MODELLED),
    }),
  renderGroup,
  loadAndEnforce,
);

export const deleteGroup: RouteHandler<OneGroup> = noContentAfter(
  (services, params) => services.identity.deleteGroup(params.group_id),
  loadAndEnforce,
);

export const listUsersInGroup: RouteHandler<OneGroup> = async (request, _reply, kit, policy) => {
  await loadAndEnforce(kit, request, policy);
  const v3 = kit.v3Url(request);
  const users = await kit.services.identity.listUsersInGroup(request.params.group_id);
  return collection(
    'users',
    users.map((u) => renderUser(u, v3)),
    `${v3}/groups/${request.params.group_id}/users`,
  );
};

async function memberTarget(kit: RouteKit, request: TypedRequest<Member>, action: string) {
  await kit.authenticate(request);
  const user = await kit.services.identity.getUser(request.params.user_id);
  await loadAndEnforce(kit, request, action, {
    user: { id: user.id, domain_id: user.domainId },
  });
}

export const addUserToGroup: RouteHandler<Member> = noContentAfter(
  (services, params) => services.identity.addUserToGroup(params.group_id, params.user_id),
  memberTarget,
);

/** GET and HEAD: 204 when the user is a member. */
export const checkUserInGroup: RouteHandler<Member> = noContentAfter(
  (services, params) => services.identity.checkUserInGroup(params.group_id, params.user_id),
  memberTarget,
);

export const removeUserFromGroup: RouteHandler<Member> = noContentAfter(
  (services, params) => services.identity.removeUserFromGroup(params.group_id, params.user_id),
  memberTarget,
);

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GroupCreate, GroupUpdate } from '@xloud/identity-schemas';
import type { GroupRecord } from '../../services/identity/identity-driver.ts';
import { paginated } from '../render/pagination.ts';
import { collection, renderGroup, renderUser } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { splitExtra } from './extra.ts';

type Params = { group_id: string };
type MemberParams = { group_id: string; user_id: string };
const groupTarget = (g: GroupRecord) => ({ target: { group: { id: g.id, domain_id: g.domainId } } });

export function groupRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/groups', async (request) => {
    const token = await kit.authenticate(request);
    await kit.enforce(request, 'identity:list_groups', { target: { domain_id: token.domain?.id, group: { domain_id: token.domain?.id } } });
    const q = request.query as Record<string, unknown>;
    const groups = await services.identity.listGroups({
      domainId: token.domain?.id ?? queryString(q.domain_id),
      name: queryString(q.name),
      textMatches: textMatches(q, { text: { name: 'name', domain_id: 'domainId' } }),
    });
    const v3 = kit.v3Url(request);
    return paginated('groups', groups, q, `${v3}/groups`, (g) => renderGroup(g, v3), kit.listLimit('identity'));
  });

  app.post('/groups', { schema: { body: GroupCreate } }, async (request, reply) => {
    const token = await kit.authenticate(request);
    const { group: body } = request.body as GroupCreate;
    const domainId = body.domain_id ?? token.domain?.id ?? services.defaultDomainId;
    await kit.enforce(request, 'identity:create_group', { target: { group: { ...body, domain_id: domainId } } });
    const [, extra] = splitExtra(body, ['id', 'name', 'domain_id', 'description']);
    const group = await services.identity.createGroup({ name: body.name, domainId, description: body.description, extra });
    return created(reply, { group: renderGroup(group, kit.v3Url(request)) });
  });

  async function loadAndEnforce(request: FastifyRequest, groupId: string, action: string, extraTarget: Record<string, unknown> = {}) {
    await kit.authenticate(request);
    const group = await services.identity.getGroup(groupId);
    await kit.enforce(request, action, { target: { ...groupTarget(group).target, ...extraTarget } });
    return group;
  }

  app.get<{ Params: Params }>('/groups/:group_id', async (request) => {
    const group = await loadAndEnforce(request, request.params.group_id, 'identity:get_group');
    return { group: renderGroup(group, kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/groups/:group_id', { schema: { body: GroupUpdate } }, async (request) => {
    await loadAndEnforce(request, request.params.group_id, 'identity:update_group');
    const { group: body } = request.body as GroupUpdate;
    const [, extra] = splitExtra(body, ['id', 'name', 'domain_id', 'description']);
    const group = await services.identity.updateGroup(request.params.group_id, {
      name: body.name,
      description: body.description,
      domainId: body.domain_id,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { group: renderGroup(group, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/groups/:group_id', async (request, reply) => {
    await loadAndEnforce(request, request.params.group_id, 'identity:delete_group');
    await services.identity.deleteGroup(request.params.group_id);
    return noContent(reply);
  });

  app.get<{ Params: Params }>('/groups/:group_id/users', async (request) => {
    await loadAndEnforce(request, request.params.group_id, 'identity:list_users_in_group');
    const v3 = kit.v3Url(request);
    const users = await services.identity.listUsersInGroup(request.params.group_id);
    return collection('users', users.map((u) => renderUser(u, v3)), `${v3}/groups/${request.params.group_id}/users`);
  });

  async function memberTarget(request: FastifyRequest<{ Params: MemberParams }>, action: string) {
    await kit.authenticate(request);
    const user = await services.identity.getUser(request.params.user_id);
    await loadAndEnforce(request, request.params.group_id, action, { user: { id: user.id, domain_id: user.domainId } });
  }

  app.put<{ Params: MemberParams }>('/groups/:group_id/users/:user_id', async (request, reply) => {
    await memberTarget(request, 'identity:add_user_to_group');
    await services.identity.addUserToGroup(request.params.group_id, request.params.user_id);
    return noContent(reply);
  });

  const check = async (request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply) => {
    await memberTarget(request, 'identity:check_user_in_group');
    await services.identity.checkUserInGroup(request.params.group_id, request.params.user_id);
    return noContent(reply);
  };
  app.head<{ Params: MemberParams }>('/groups/:group_id/users/:user_id', check);
  app.get<{ Params: MemberParams }>('/groups/:group_id/users/:user_id', check);

  app.delete<{ Params: MemberParams }>('/groups/:group_id/users/:user_id', async (request, reply) => {
    await memberTarget(request, 'identity:remove_user_from_group');
    await services.identity.removeUserFromGroup(request.params.group_id, request.params.user_id);
    return noContent(reply);
  });
}

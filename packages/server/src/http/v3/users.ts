import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PasswordChange, UserCreate, UserUpdate } from '@xloud/identity-schemas';
import type { UserRecord, UserTextAttribute } from '../../services/identity/identity-driver.ts';
import type { FederatedUserAttribute } from '../../services/identity/identity-service.ts';
import { paginated } from '../render/pagination.ts';
import { collection, renderGroup, renderProject, renderUser } from '../render/resources.ts';
import { created, noContent, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches, type TextFilterSpec } from '../text-filters.ts';
import { requestAttributes } from '../request-attributes.ts';
import { stripNullOptions } from './extra.ts';

type Params = { user_id: string };
/** Accepted as Keystone does, but this server keeps no federated (shadow) users. */
const NOT_STORED = ['federated'] as const;

/** GET /v3/users filters (Keystone's users.py): `name__icontains=…` and the like on the string attributes. */
const USER_FILTERS: TextFilterSpec<UserTextAttribute | FederatedUserAttribute> = {
  text: { name: 'name', domain_id: 'domainId', idp_id: 'idpId', protocol_id: 'protocolId', unique_id: 'uniqueId' },
  other: ['enabled', 'password_expires_at'],
};

/** The policy target of a user: `%(target.user.id)s` and `%(target.user.domain_id)s` read it. */
export const userTarget = (u: Pick<UserRecord, 'id' | 'domainId'>) => ({ target: { user: { id: u.id, domain_id: u.domainId } } });

export function userRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/users', async (request) => {
    const token = await kit.authenticate(request);
    await kit.enforce(request, 'identity:list_users', { target: { domain_id: token.domain?.id } });
    const q = request.query as Record<string, unknown>;
    let users = await services.identity.listUsers({
      domainId: token.domain?.id ?? queryString(q.domain_id),
      name: queryString(q.name),
      enabled: queryFlag(q.enabled),
      textMatches: textMatches(q, USER_FILTERS),
    });
    if (q.password_expires_at !== undefined) users = users.filter(passwordExpiryFilter(String(q.password_expires_at)));
    const v3 = kit.v3Url(request);
    return paginated('users', users, q, `${v3}/users`, (u) => renderUser(u, v3), kit.listLimit('identity'));
  });

  app.post('/users', { schema: { body: UserCreate } }, async (request, reply) => {
    const token = await kit.authenticate(request);
    const { user: body } = request.body as UserCreate;
    const domainId = body.domain_id ?? token.domain?.id ?? services.defaultDomainId;
    await kit.enforce(request, 'identity:create_user', { target: { user: { ...body, password: undefined, domain_id: domainId } } });
    const [attributes, extra] = requestAttributes(body, UserCreate.properties.user, NOT_STORED);
    const user = await services.identity.createUser({ ...attributes, domainId, options: stripNullOptions(body.options), extra });
    return created(reply, { user: renderUser(user, kit.v3Url(request)) });
  });

  async function loadAndEnforce(request: FastifyRequest, userId: string, action: string): Promise<UserRecord> {
    await kit.authenticate(request);
    const user = await services.identity.getUser(userId);
    await kit.enforce(request, action, userTarget(user));
    return user;
  }

  app.get<{ Params: Params }>('/users/:user_id', async (request) => {
    const user = await loadAndEnforce(request, request.params.user_id, 'identity:get_user');
    return { user: renderUser(user, kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/users/:user_id', { schema: { body: UserUpdate } }, async (request) => {
    await loadAndEnforce(request, request.params.user_id, 'identity:update_user');
    const { user: body } = request.body as UserUpdate;
    const [attributes, extra] = requestAttributes(body, UserUpdate.properties.user, NOT_STORED);
    const user = await services.identity.updateUser(request.params.user_id, {
      ...attributes,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { user: renderUser(user, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/users/:user_id', async (request, reply) => {
    await loadAndEnforce(request, request.params.user_id, 'identity:delete_user');
    await services.identity.deleteUser(request.params.user_id);
    return noContent(reply);
  });

  app.post<{ Params: Params }>('/users/:user_id/password', { schema: { body: PasswordChange } }, async (request, reply) => {
    const { user: body } = request.body as PasswordChange;
    await services.identity.changeOwnPassword(request.params.user_id, body.original_password, body.password);
    return noContent(reply);
  });

  app.get<{ Params: Params }>('/users/:user_id/groups', async (request) => {
    await loadAndEnforce(request, request.params.user_id, 'identity:list_groups_for_user');
    const v3 = kit.v3Url(request);
    const groups = await services.identity.listGroupsForUser(request.params.user_id);
    return collection('groups', groups.map((g) => renderGroup(g, v3)), `${v3}/users/${request.params.user_id}/groups`);
  });

  app.get<{ Params: Params }>('/users/:user_id/projects', async (request) => {
    await loadAndEnforce(request, request.params.user_id, 'identity:list_user_projects');
    const v3 = kit.v3Url(request);
    const q = request.query as Record<string, unknown>;
    let projects = await services.assignments.projectsForUser(request.params.user_id);
    const enabled = queryFlag(q.enabled);
    if (enabled !== undefined) projects = projects.filter((p) => p.enabled === enabled);
    const name = queryString(q.name);
    if (name !== undefined) projects = projects.filter((p) => p.name === name);
    return collection('projects', projects.map((p) => renderProject(p, v3)), `${v3}/users/${request.params.user_id}/projects`);
  });
}

/** Keystone's `password_expires_at={lt,lte,gt,gte,eq,neq}:<timestamp>` filter. */
function passwordExpiryFilter(expression: string): (u: UserRecord) => boolean {
  const match = /^(lt|lte|gt|gte|eq|neq):(.+)$/.exec(expression);
  const [operator, stamp] = match ? [match[1]!, match[2]!] : ['eq', expression];
  const when = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`).getTime();
  return (u) => {
    if (u.passwordExpiresAt === null) return false;
    const at = new Date(u.passwordExpiresAt).getTime();
    switch (operator) {
      case 'lt': return at < when;
      case 'lte': return at <= when;
      case 'gt': return at > when;
      case 'gte': return at >= when;
      case 'neq': return at !== when;
      default: return at === when;
    }
  };
}

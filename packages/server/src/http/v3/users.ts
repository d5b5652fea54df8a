import type { FastifyRequest } from 'fastify';
import type { PasswordChange, UserListQuery, UserParams, UserProjectsQuery } from '@xloud/identity-schemas';
import { UserCreate, UserUpdate } from '@xloud/identity-schemas';
import type { UserRecord, UserTextAttribute } from '../../services/identity/identity-driver.ts';
import type { FederatedUserAttribute } from '../../services/identity/identity-service.ts';
import { paginated } from '../render/pagination.ts';
import { collection, renderGroup, renderProject, renderUser } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, noContent, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches, type TextFilterSpec } from '../text-filters.ts';
import { requestAttributes } from '../request-attributes.ts';
import { extraIfAny, stripNullOptions } from './extra.ts';
import { enforceNewInDomain } from './new-in-domain.ts';

/** Accepted as Keystone does, but this server keeps no federated (shadow) users. */
const NOT_STORED = ['federated'] as const;

/** GET /v3/users filters (Keystone's users.py): `name__icontains=…` and the like on the string attributes. */
const USER_FILTERS: TextFilterSpec<UserTextAttribute | FederatedUserAttribute> = {
  text: { name: 'name', domain_id: 'domainId', idp_id: 'idpId', protocol_id: 'protocolId', unique_id: 'uniqueId' },
  other: ['enabled', 'password_expires_at'],
};

/** The policy target of a user: `%(target.user.id)s` and `%(target.user.domain_id)s` read it. */
export const userTarget = (u: Pick<UserRecord, 'id' | 'domainId'>) => ({
  target: { user: { id: u.id, domain_id: u.domainId } },
});

type Users = { querystring: typeof UserListQuery };
type OneUser = { params: typeof UserParams };

async function loadAndEnforce(
  kit: RouteKit,
  request: FastifyRequest,
  userId: string,
  action: string,
): Promise<UserRecord> {
  await kit.authenticate(request);
  const user = await kit.services.identity.getUser(userId);
  await kit.enforce(request, action, userTarget(user));
  return user;
}

export const listUsers: RouteHandler<Users> = async (request, _reply, kit, policy) => {
  const token = await kit.authenticate(request);
  await kit.enforce(request, policy, { target: { domain_id: token.domain?.id } });
  const q = request.query;
  const filter = {
    domainId: token.domain?.id ?? queryString(q.domain_id),
    name: queryString(q.name),
    enabled: queryFlag(q.enabled),
    textMatches: textMatches(q, USER_FILTERS),
  };
  // password_expires_at compares instants in any ISO spelling: filtered here, on pages read in SQL.
  const keep = q.password_expires_at === undefined ? undefined : passwordExpiryFilter(String(q.password_expires_at));
  const v3 = kit.v3Url(request);
  return paginated(
    'users',
    q,
    `${v3}/users`,
    (u) => renderUser(u, v3),
    kit.listLimit('identity'),
    (page) => kit.services.identity.listUsers(filter, page),
    keep,
  );
};

export const createUser: RouteHandler<{ body: typeof UserCreate }> = async (request, reply, kit, policy) => {
  const { user: body } = request.body;
  const domainId = await enforceNewInDomain(kit, request, policy, 'user', { ...body, password: undefined });
  const [attributes, extra] = requestAttributes(body, UserCreate.properties.user, NOT_STORED);
  const user = await kit.services.identity.createUser({
    ...attributes,
    domainId,
    options: stripNullOptions(body.options),
    extra,
  });
  return created(reply, { user: renderUser(user, kit.v3Url(request)) });
};

export const getUser: RouteHandler<OneUser> = async (request, _reply, kit, policy) => {
  const user = await loadAndEnforce(kit, request, request.params.user_id, policy);
  return { user: renderUser(user, kit.v3Url(request)) };
};

export const updateUser: RouteHandler<OneUser & { body: typeof UserUpdate }> = async (request, _reply, kit, policy) => {
  await loadAndEnforce(kit, request, request.params.user_id, policy);
  const { user: body } = request.body;
  const [attributes, extra] = requestAttributes(body, UserUpdate.properties.user, NOT_STORED);
  const user = await kit.services.identity.updateUser(request.params.user_id, {
    ...attributes,
    extra: extraIfAny(extra),
  });
  return { user: renderUser(user, kit.v3Url(request)) };
};

export const deleteUser: RouteHandler<OneUser> = async (request, reply, kit, policy) => {
  await loadAndEnforce(kit, request, request.params.user_id, policy);
  await kit.services.identity.deleteUser(request.params.user_id);
  return noContent(reply);
};

/** A user changing their own password: the original password is the proof, no token and no policy (as in Keystone). */
export const changePassword: RouteHandler<OneUser & { body: typeof PasswordChange }, undefined> = async (
  request,
  reply,
  kit,
) => {
  const { user: body } = request.body;
  await kit.services.identity.changeOwnPassword(request.params.user_id, body.original_password, body.password);
  return noContent(reply);
};

export const listGroupsForUser: RouteHandler<OneUser> = async (request, _reply, kit, policy) => {
  await loadAndEnforce(kit, request, request.params.user_id, policy);
  const v3 = kit.v3Url(request);
  const groups = await kit.services.identity.listGroupsForUser(request.params.user_id);
  return collection(
    'groups',
    groups.map((g) => renderGroup(g, v3)),
    `${v3}/users/${request.params.user_id}/groups`,
  );
};

export const listProjectsForUser: RouteHandler<OneUser & { querystring: typeof UserProjectsQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await loadAndEnforce(kit, request, request.params.user_id, policy);
  const v3 = kit.v3Url(request);
  const q = request.query;
  let projects = await kit.services.assignments.projectsForUser(request.params.user_id);
  const enabled = queryFlag(q.enabled);
  if (enabled !== undefined) projects = projects.filter((p) => p.enabled === enabled);
  const name = queryString(q.name);
  if (name !== undefined) projects = projects.filter((p) => p.name === name);
  return collection(
    'projects',
    projects.map((p) => renderProject(p, v3)),
    `${v3}/users/${request.params.user_id}/projects`,
  );
};

/** Keystone's `password_expires_at={lt,lte,gt,gte,eq,neq}:<timestamp>` filter. */
function passwordExpiryFilter(expression: string): (u: UserRecord) => boolean {
  const match = /^(lt|lte|gt|gte|eq|neq):(.+)$/.exec(expression);
  const [operator, stamp] = match ? [match[1]!, match[2]!] : ['eq', expression];
  const when = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`).getTime();
  return (u) => {
    if (u.passwordExpiresAt === null) return false;
    const at = new Date(u.passwordExpiresAt).getTime();
    switch (operator) {
      case 'lt':
        return at < when;
      case 'lte':
        return at <= when;
      case 'gt':
        return at > when;
      case 'gte':
        return at >= when;
      case 'neq':
        return at !== when;
      default:
        return at === when;
    }
  };
}

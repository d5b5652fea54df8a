/**
 * Every v3 route, in one place: method, path (relative to /v3, also served under /identity/v3), the policy rule(s)
 * its handler enforces — or why it enforces none — the request schemas Fastify validates, and the handler. As in
 * node-oidc-provider, the table is the single source: routes.ts registers it, docs/api-routes.md is generated from
 * it (scripts/generate-docs.ts), and test/unit/route-table.test.ts checks it against the default policy.
 *
 * The order is the registration order, which matters where a HEAD is declared before the GET of the same path.
 */
import {
  DomainCreate,
  DomainListQuery,
  DomainParams,
  DomainUpdate,
  GroupCreate,
  GroupListQuery,
  GroupMemberParams,
  GroupParams,
  GroupUpdate,
  PasswordChange,
  ProjectCreate,
  ProjectGetQuery,
  ProjectListQuery,
  ProjectParams,
  ProjectTagParams,
  ProjectTagsUpdate,
  ProjectUpdate,
  UserCreate,
  UserListQuery,
  UserParams,
  UserProjectsQuery,
  UserUpdate,
} from '@xloud/identity-schemas';
import { route, unprotectedRoute, type RouteEntry } from './route-entry.ts';
import * as domains from './v3/domains.ts';
import * as groups from './v3/groups.ts';
import * as projects from './v3/projects.ts';
import * as users from './v3/users.ts';

export const v3RouteTable: readonly RouteEntry[] = [
  // ---- domains
  route({ method: 'GET', path: '/domains', policy: 'identity:list_domains', schema: { querystring: DomainListQuery }, handler: domains.listDomains }),
  route({ method: 'POST', path: '/domains', policy: 'identity:create_domain', schema: { body: DomainCreate }, handler: domains.createDomain }),
  route({ method: 'GET', path: '/domains/:domain_id', policy: 'identity:get_domain', schema: { params: DomainParams }, handler: domains.getDomain }),
  route({ method: 'PATCH', path: '/domains/:domain_id', policy: 'identity:update_domain', schema: { params: DomainParams, body: DomainUpdate }, handler: domains.updateDomain }),
  route({ method: 'DELETE', path: '/domains/:domain_id', policy: 'identity:delete_domain', schema: { params: DomainParams }, handler: domains.deleteDomain }),

  // ---- projects and their tags
  route({ method: 'GET', path: '/projects', policy: 'identity:list_projects', schema: { querystring: ProjectListQuery }, handler: projects.listProjects }),
  route({ method: 'POST', path: '/projects', policy: 'identity:create_project', schema: { body: ProjectCreate }, handler: projects.createProject }),
  route({ method: 'GET', path: '/projects/:project_id', policy: 'identity:get_project', schema: { params: ProjectParams, querystring: ProjectGetQuery }, handler: projects.getProject }),
  route({ method: 'PATCH', path: '/projects/:project_id', policy: 'identity:update_project', schema: { params: ProjectParams, body: ProjectUpdate }, handler: projects.updateProject }),
  route({ method: 'DELETE', path: '/projects/:project_id', policy: 'identity:delete_project', schema: { params: ProjectParams }, handler: projects.deleteProject }),
  route({ method: 'GET', path: '/projects/:project_id/tags', policy: 'identity:list_project_tags', schema: { params: ProjectParams }, handler: projects.listProjectTags }),
  route({ method: 'PUT', path: '/projects/:project_id/tags', policy: 'identity:update_project_tags', schema: { params: ProjectParams, body: ProjectTagsUpdate }, handler: projects.replaceProjectTags }),
  route({ method: 'DELETE', path: '/projects/:project_id/tags', policy: 'identity:delete_project_tags', schema: { params: ProjectParams }, handler: projects.deleteProjectTags }),
  route({ method: 'HEAD', path: '/projects/:project_id/tags/:tag', policy: 'identity:get_project_tag', schema: { params: ProjectTagParams }, handler: projects.checkProjectTag }),
  route({ method: 'GET', path: '/projects/:project_id/tags/:tag', policy: 'identity:get_project_tag', schema: { params: ProjectTagParams }, handler: projects.checkProjectTag }),
  route({ method: 'PUT', path: '/projects/:project_id/tags/:tag', policy: 'identity:create_project_tag', schema: { params: ProjectTagParams }, handler: projects.addProjectTag }),
  route({ method: 'DELETE', path: '/projects/:project_id/tags/:tag', policy: 'identity:delete_project_tag', schema: { params: ProjectTagParams }, handler: projects.deleteProjectTag }),

  // ---- users
  route({ method: 'GET', path: '/users', policy: 'identity:list_users', schema: { querystring: UserListQuery }, handler: users.listUsers }),
  route({ method: 'POST', path: '/users', policy: 'identity:create_user', schema: { body: UserCreate }, handler: users.createUser }),
  route({ method: 'GET', path: '/users/:user_id', policy: 'identity:get_user', schema: { params: UserParams }, handler: users.getUser }),
  route({ method: 'PATCH', path: '/users/:user_id', policy: 'identity:update_user', schema: { params: UserParams, body: UserUpdate }, handler: users.updateUser }),
  route({ method: 'DELETE', path: '/users/:user_id', policy: 'identity:delete_user', schema: { params: UserParams }, handler: users.deleteUser }),
  unprotectedRoute({
    method: 'POST',
    path: '/users/:user_id/password',
    access: 'public',
    reason: 'the original password in the body is the proof (Keystone enforces no rule: an expired password must be changeable without a token)',
    schema: { params: UserParams, body: PasswordChange },
    handler: users.changePassword,
  }),
  route({ method: 'GET', path: '/users/:user_id/groups', policy: 'identity:list_groups_for_user', schema: { params: UserParams }, handler: users.listGroupsForUser }),
  route({ method: 'GET', path: '/users/:user_id/projects', policy: 'identity:list_user_projects', schema: { params: UserParams, querystring: UserProjectsQuery }, handler: users.listProjectsForUser }),

  // ---- groups and members
  route({ method: 'GET', path: '/groups', policy: 'identity:list_groups', schema: { querystring: GroupListQuery }, handler: groups.listGroups }),
  route({ method: 'POST', path: '/groups', policy: 'identity:create_group', schema: { body: GroupCreate }, handler: groups.createGroup }),
  route({ method: 'GET', path: '/groups/:group_id', policy: 'identity:get_group', schema: { params: GroupParams }, handler: groups.getGroup }),
  route({ method: 'PATCH', path: '/groups/:group_id', policy: 'identity:update_group', schema: { params: GroupParams, body: GroupUpdate }, handler: groups.updateGroup }),
  route({ method: 'DELETE', path: '/groups/:group_id', policy: 'identity:delete_group', schema: { params: GroupParams }, handler: groups.deleteGroup }),
  route({ method: 'GET', path: '/groups/:group_id/users', policy: 'identity:list_users_in_group', schema: { params: GroupParams }, handler: groups.listUsersInGroup }),
  route({ method: 'PUT', path: '/groups/:group_id/users/:user_id', policy: 'identity:add_user_to_group', schema: { params: GroupMemberParams }, handler: groups.addUserToGroup }),
  route({ method: 'HEAD', path: '/groups/:group_id/users/:user_id', policy: 'identity:check_user_in_group', schema: { params: GroupMemberParams }, handler: groups.checkUserInGroup }),
  route({ method: 'GET', path: '/groups/:group_id/users/:user_id', policy: 'identity:check_user_in_group', schema: { params: GroupMemberParams }, handler: groups.checkUserInGroup }),
  route({ method: 'DELETE', path: '/groups/:group_id/users/:user_id', policy: 'identity:remove_user_from_group', schema: { params: GroupMemberParams }, handler: groups.removeUserFromGroup }),
];

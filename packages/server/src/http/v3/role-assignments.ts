import type { RoleAssignmentListQuery } from '@xloud/identity-schemas';
import type { Grant } from '../../services/assignment/assignment-service.ts';
import type { RoleAssignmentView } from '../../services/assignment/role-assignment-query.ts';
import type { RouteHandler } from '../route-entry.ts';
import { queryFlag, queryString, type RouteKit } from '../route-kit.ts';

type Json = Record<string, unknown>;

/** The URL of the stored grant an assignment row comes from. */
function grantLink(v3: string, g: Grant): string {
  const actor = `${g.actor}s/${g.actorId}`;
  if (g.target === 'system') return `${v3}/system/${actor}/roles/${g.roleId}`;
  const target = `${g.target}s/${g.targetId}`;
  return g.inherited
    ? `${v3}/OS-INHERIT/${target}/${actor}/roles/${g.roleId}/inherited_to_projects`
    : `${v3}/${target}/${actor}/roles/${g.roleId}`;
}

/** One rule for a list, one for a list including the subtree of a project. */
type RoleAssignmentPolicies = { list: string; tree: string };

export const listRoleAssignments: RouteHandler<
  { querystring: typeof RoleAssignmentListQuery },
  RoleAssignmentPolicies
> = async (request, _reply, kit, policy) => {
  const { services } = kit;
  const token = await kit.authenticate(request);
  const q = request.query;
  const includeSubtree = queryFlag(q.include_subtree) ?? false;
  const projectId = queryString(q['scope.project.id']);
  await kit.enforce(request, includeSubtree ? policy.tree : policy.list, {
    target: { domain_id: token.domain?.id, project: projectId ? { id: projectId } : undefined },
  });
  const effective = q.effective !== undefined ? (queryFlag(q.effective) ?? false) : false;
  let rows = await services.roleAssignments.list({
    userId: queryString(q['user.id']),
    groupId: queryString(q['group.id']),
    roleId: queryString(q['role.id']),
    projectId,
    domainId: queryString(q['scope.domain.id']),
    system: q['scope.system'] !== undefined ? true : undefined,
    inheritedToProjects: queryString(q['scope.OS-INHERIT:inherited_to']) === 'projects' ? true : undefined,
    effective,
    includeSubtree,
  });
  if (token.domain) rows = await onlyInDomain(kit, rows, token.domain.id);
  const includeNames = queryFlag(q.include_names) ?? false;
  const v3 = kit.v3Url(request);
  const names = includeNames ? await nameLookup(kit, rows) : undefined;
  return {
    role_assignments: rows.map((row) => render(row, v3, names)),
    links: { self: `${v3}/role_assignments`, previous: null, next: null },
  };
};

async function onlyInDomain(
  kit: RouteKit,
  rows: RoleAssignmentView[],
  domainId: string,
): Promise<RoleAssignmentView[]> {
  const { services } = kit;
  // Of the projects these rows name, those in the domain (not every project of the domain).
  const named = [...new Set(rows.flatMap(({ grant: g }) => (g.target === 'project' ? [g.targetId] : [])))];
  const projects = new Set((await services.resource.listProjects({ domainId, ids: named })).map((p) => p.id));
  return rows.filter(
    ({ grant: g }) =>
      (g.target === 'domain' && g.targetId === domainId) || (g.target === 'project' && projects.has(g.targetId)),
  );
}

async function nameLookup(kit: RouteKit, rows: RoleAssignmentView[]) {
  const { services } = kit;
  const ids = (pick: (g: Grant) => string | undefined) => [
    ...new Set(rows.map((r) => pick(r.grant)).filter((x): x is string => !!x)),
  ];
  const [users, groups, roles, projects] = await Promise.all([
    services.identity.listUsers({ ids: ids((g) => (g.actor === 'user' ? g.actorId : undefined)) }),
    services.identity.listGroups({ ids: ids((g) => (g.actor === 'group' ? g.actorId : undefined)) }),
    services.roles.listRoles({ ids: ids((g) => g.roleId) }),
    services.resource.listProjects({ ids: ids((g) => (g.target === 'project' ? g.targetId : undefined)) }),
  ]);
  // The domains of every name shown, and the domains the rows grant on: not the whole domain table.
  const domainIds = new Set([
    ...ids((g) => (g.target === 'domain' ? g.targetId : undefined)),
    ...[...users, ...groups, ...projects].map((x) => x.domainId),
    ...roles.flatMap((r) => (r.domainId ? [r.domainId] : [])),
  ]);
  const domains = new Map((await services.resource.listDomains({ ids: [...domainIds] })).map((d) => [d.id, d]));
  const domainRef = (id: string) => ({ id, name: domains.get(id)?.name ?? '' });
  return {
    user: new Map(users.map((u) => [u.id, { id: u.id, name: u.name, domain: domainRef(u.domainId) }])),
    group: new Map(groups.map((g) => [g.id, { id: g.id, name: g.name, domain: domainRef(g.domainId) }])),
    role: new Map(
      roles.map((r) => [
        r.id,
        r.domainId ? { id: r.id, name: r.name, domain: domainRef(r.domainId) } : { id: r.id, name: r.name },
      ]),
    ),
    project: new Map(projects.map((p) => [p.id, { id: p.id, name: p.name, domain: domainRef(p.domainId) }])),
    domain: (id: string) => domainRef(id),
  };
}

function render(row: RoleAssignmentView, v3: string, names?: Awaited<ReturnType<typeof nameLookup>>): Json {
  const g = row.grant;
  const scope: Json =
    g.target === 'system'
      ? { system: { all: true } }
      : g.target === 'project'
        ? { project: names?.project.get(g.targetId) ?? { id: g.targetId } }
        : { domain: names ? names.domain(g.targetId) : { id: g.targetId } };
  if (g.inherited) scope['OS-INHERIT:inherited_to'] = 'projects';
  const links: Json = { assignment: grantLink(v3, row.source) };
  if (row.viaGroupId) links.membership = `${v3}/groups/${row.viaGroupId}/users/${g.actorId}`;
  if (row.priorRoleId) links.prior_role = `${v3}/roles/${row.priorRoleId}`;
  return {
    role: names?.role.get(g.roleId) ?? { id: g.roleId },
    scope,
    [g.actor]: names?.[g.actor].get(g.actorId) ?? { id: g.actorId },
    links,
  };
}

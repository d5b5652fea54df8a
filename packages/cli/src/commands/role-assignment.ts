/** `role assignment list` (openstackclient's identity/v3/role_assignment.py). */
import type { RoleAssignmentFilters } from '@xloud/sdk';
import type { Rec } from '../api.ts';
import { CommandError, type CommandSpec } from '../command.ts';
import { findDomain, findGroup, findProject, findRole, findUser, tokenResource } from '../resolve.ts';
import {
  groupDomainOption,
  inheritedOption,
  projectDomainOption,
  roleDomainOption,
  userDomainOption,
} from './common.ts';

const COLUMNS = ['Role', 'User', 'Group', 'Project', 'Domain', 'System', 'Inherited'];

const withDomain = (ref: Rec | undefined): string => [ref?.name, ref?.domain?.name].join('@');

/** One row of `role assignment list`, exactly as openstackclient flattens an assignment. */
function assignmentRow(a: Rec, names: boolean): unknown[] {
  const scope: Rec = a.scope ?? {};
  let project = '';
  let domain = '';
  let system = '';
  if (scope.project) project = names ? withDomain(scope.project) : scope.project.id;
  else if (scope.domain) domain = names ? scope.domain.name : scope.domain.id;
  else if (scope.system) system = 'all';
  const inherited = scope['OS-INHERIT:inherited_to'] === 'projects';
  let user = '';
  let group = '';
  if (a.user) user = names ? withDomain(a.user) : a.user.id;
  else if (a.group) group = names ? withDomain(a.group) : a.group.id;
  const role = a.role ? (names ? a.role.name : a.role.id) : '';
  return [role, user, group, project, domain, system, inherited];
}

export const roleAssignmentCommands: CommandSpec[] = [
  {
    path: ['role', 'assignment', 'list'],
    kind: 'list',
    description: 'List role assignments',
    options: [
      { flags: '--effective', description: 'Returns only effective role assignments' },
      { flags: '--role <role>', description: 'Role to filter (name or ID)' },
      roleDomainOption,
      { flags: '--names', description: 'Display names instead of IDs' },
      { flags: '--user <user>', description: 'User to filter (name or ID)' },
      userDomainOption,
      { flags: '--group <group>', description: 'Group to filter (name or ID)' },
      groupDomainOption,
      { flags: '--domain <domain>', description: 'Domain to filter (name or ID)' },
      { flags: '--project <project>', description: 'Project to filter (name or ID)' },
      { flags: '--system <system>', description: 'Filter based on system role assignments' },
      projectDomainOption,
      inheritedOption,
      { flags: '--auth-user', description: 'Only list assignments for the authenticated user' },
      {
        flags: '--auth-project',
        description: "Only list assignments for the project to which the authenticated user's token is scoped",
      },
    ],
    exclusive: [
      ['user', 'group'],
      ['domain', 'project', 'system'],
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const filters: RoleAssignmentFilters = { resolve: false };
      if (o.role) filters.role = (await findRole(api, o.role, o.roleDomain)).id;
      if (o.user) filters.user = (await findUser(api, o.user, o.userDomain)).id;
      else if (o.authUser) filters.user = (await findUser(api, (await ctx.access()).userId)).id;
      if (o.system) {
        if (o.system !== 'all') throw new CommandError(`Only a system scope of 'all' is currently supported`);
        filters.system = true;
      }
      if (o.domain) filters.domain = (await findDomain(api, o.domain)).id;
      if (o.project) {
        const name = await tokenResource(ctx, 'project', o.project);
        filters.project = (await findProject(api, name, o.projectDomain)).id;
      } else if (o.authProject) {
        const projectId = (await ctx.access()).projectId;
        if (projectId) filters.project = (await findProject(api, projectId)).id;
      }
      if (o.group) filters.group = (await findGroup(api, o.group, o.groupDomain)).id;
      if (o.effective) filters.effective = true;
      if (o.names) filters.include_names = true;
      if (o.inherited) filters.inherited = true;
      const data = (await api.identity.roleAssignments.list(filters)) as unknown as Rec[];
      return { columns: COLUMNS, rows: data.map((a) => assignmentRow(a, Boolean(o.names))) };
    },
  },
];

/** `role create|delete|list|set|show|add|remove` (openstackclient's identity/v3/role.py). */
import type { Api, Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec, type OptionSpec } from '../command.ts';
import type { GrantSpec } from '@xloud/sdk';
import { findDomain, findGroup, findProject, findRole, findUser } from '../resolve.ts';
import {
  deleteFailure,
  deleteSummary,
  forEachItem,
  groupDomainOption,
  immutableOf,
  immutableOptions,
  inheritedOption,
  projectDomainOption,
  roleDomainOption,
  userDomainOption,
} from './common.ts';
import { dropUndefined } from './project.ts';

const grantOptions = (verb: string): OptionSpec[] => [
  { flags: '--system <system>', description: 'Include <system> (all)' },
  { flags: '--domain <domain>', description: 'Include <domain> (name or ID)' },
  { flags: '--project <project>', description: 'Include <project> (name or ID)' },
  { flags: '--user <user>', description: `Include <user> (name or ID)${verb}` },
  { flags: '--group <group>', description: 'Include <group> (name or ID)' },
  groupDomainOption,
  projectDomainOption,
  userDomainOption,
  inheritedOption,
  roleDomainOption,
];

const grantExclusive = [
  ['system', 'domain', 'project'],
  ['user', 'group'],
];

/** The SDK grant spec for `role add/remove`, names resolved as openstackclient does. */
async function grantSpec(api: Api, o: Rec, roleId: string, validateActor: boolean): Promise<GrantSpec> {
  const actor = async (find: () => Promise<Rec>, raw: string): Promise<string> => {
    try {
      return (await find()).id;
    } catch (e) {
      if (!validateActor && e instanceof CommandError) return raw;
      throw e;
    }
  };
  const spec: GrantSpec = { role: roleId, resolve: false, inherited: Boolean(o.inherited) };
  if (o.user) spec.user = await actor(() => findUser(api, o.user, o.userDomain), o.user);
  else if (o.group) spec.group = await actor(() => findGroup(api, o.group, o.groupDomain), o.group);
  else throw new CommandError('Must specify either a user or group');
  if (o.system) {
    if (o.system !== 'all') throw new CommandError(`Only a system scope of 'all' is currently supported`);
    spec.system = 'all';
  } else if (o.domain) spec.domain = (await findDomain(api, o.domain)).id;
  else if (o.project) spec.project = (await findProject(api, o.project, o.projectDomain)).id;
  else throw new CommandError('Must specify either system, domain, or project');
  return spec;
}

function grantCommand(verb: 'add' | 'remove'): CommandSpec {
  const adding = verb === 'add';
  return {
    path: ['role', verb],
    kind: 'plain',
    description: adding
      ? 'Adds a role assignment to a user or group on the system, a domain, or a project'
      : 'Removes a role assignment from system/domain/project : user/group',
    args: ['<role>'],
    options: grantOptions(''),
    exclusive: grantExclusive,
    async run(ctx, o, a) {
      if (!o.user && !o.domain && !o.group && !o.project) {
        throw new CommandError(
          adding
            ? 'Role not added, incorrect set of arguments provided. See xloud --help for more details'
            : 'Incorrect set of arguments provided. See xloud --help for more details',
        );
      }
      const api = ctx.api();
      const role = await findRole(api, a.role, o.roleDomain);
      const spec = await grantSpec(api, o, role.id, adding);
      if (adding) await api.identity.roles.grant(spec);
      else await api.identity.roles.revoke(spec);
    },
  };
}

export const roleCommands: CommandSpec[] = [
  grantCommand('add'),
  {
    path: ['role', 'create'],
    kind: 'show',
    description: 'Create new role',
    args: ['<role-name>'],
    options: [
      { flags: '--description <description>', description: 'Add description about the role' },
      { flags: '--domain <domain>', description: 'Domain the role belongs to (name or ID)' },
      { flags: '--or-show', description: 'Return existing role' },
      ...immutableOptions,
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      let role: Rec;
      try {
        role = await api.create(
          'roles',
          dropUndefined({ name: a.roleName, domain_id: domainId, description: o.description, options: immutableOf(o) }),
        );
      } catch (e) {
        if (!(o.orShow && (e as { code?: string }).code === 'ERR_CONFLICT')) throw e;
        role = await api.find('roles', a.roleName, domainId ? { domain_id: domainId } : {});
        ctx.info(`Returning existing role ${role.name}`);
      }
      return sortedShow(role);
    },
  },
  {
    path: ['role', 'delete'],
    kind: 'plain',
    description: 'Delete role(s)',
    args: ['<role...>'],
    options: [{ flags: '--domain <domain>', description: 'Domain the role belongs to (name or ID)' }],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      await forEachItem(
        ctx,
        a.role,
        async (r) => api.delete('roles', (await api.find('roles', r, domainId ? { domain_id: domainId } : {})).id),
        deleteFailure('role'),
        deleteSummary('roles'),
      );
    },
  },
  {
    path: ['role', 'list'],
    kind: 'list',
    description: 'List roles',
    options: [{ flags: '--domain <domain>', description: 'Include <domain> (name or ID)' }],
    async run(ctx, o) {
      const api = ctx.api();
      if (o.domain) {
        const domain = await findDomain(api, o.domain);
        const columns = ['ID', 'Name', 'Domain'];
        const data = await api.list('roles', { domain_id: domain.id });
        return { columns, rows: data.map((r) => itemProperties({ ...r, domain: domain.name }, columns)) };
      }
      const columns = ['ID', 'Name'];
      return { columns, rows: (await api.list('roles')).map((r) => itemProperties(r, columns)) };
    },
  },
  grantCommand('remove'),
  {
    path: ['role', 'set'],
    kind: 'plain',
    description: 'Set role properties',
    args: ['<role>'],
    options: [
      { flags: '--description <description>', description: 'Add description about the role' },
      { flags: '--domain <domain>', description: 'Domain the role belongs to (name or ID)' },
      { flags: '--name <name>', description: 'Set role name' },
      ...immutableOptions,
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const role = await findRole(api, a.role, o.domain);
      const options = immutableOf(o);
      await api.update(
        'roles',
        role.id,
        dropUndefined({
          name: o.name,
          description: o.description,
          options: Object.keys(options).length ? options : undefined,
        }),
      );
    },
  },
  {
    path: ['role', 'show'],
    kind: 'show',
    description: 'Display role details',
    args: ['<role>'],
    options: [{ flags: '--domain <domain>', description: 'Domain the role belongs to (name or ID)' }],
    async run(ctx, o, a) {
      return sortedShow(await findRole(ctx.api(), a.role, o.domain));
    },
  },
];

/** `group create|delete|list|set|show`, `group add user|remove user|contains user` (identity/v3/group.py). */
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findDomain, findGroup, findUser } from '../resolve.ts';
import { deleteFailure, deleteSummary, groupDomainOption, messageOf, userDomainOption } from './common.ts';
import { dropUndefined } from './project.ts';

const enc = encodeURIComponent;

function membership(verb: 'add' | 'remove'): CommandSpec {
  const adding = verb === 'add';
  return {
    path: ['group', verb, 'user'],
    kind: 'plain',
    description: adding ? 'Add user to group' : 'Remove user from group',
    args: ['<group>', '<user...>'],
    options: [groupDomainOption, userDomainOption],
    async run(ctx, o, a) {
      const api = ctx.api();
      const group = await findGroup(api, a.group, o.groupDomain);
      let errors = 0;
      for (const u of a.user as string[]) {
        try {
          const user = await findUser(api, u, o.userDomain);
          if (adding) await api.identity.groups.addUser(group.id, user.id);
          else await api.identity.groups.removeUser(group.id, user.id);
        } catch (e) {
          errors++;
          ctx.warn(`${u} not ${adding ? 'added to' : 'removed from'} group ${a.group}: ${messageOf(e)}`);
        }
      }
      if (errors) {
        throw new CommandError(
          `${errors} of ${a.user.length} users not ${adding ? 'added to' : 'removed from'} group ${a.group}.`,
        );
      }
    },
  };
}

export const groupCommands: CommandSpec[] = [
  membership('add'),
  {
    path: ['group', 'contains', 'user'],
    kind: 'plain',
    description: 'Check user membership in group',
    args: ['<group>', '<user>'],
    options: [groupDomainOption, userDomainOption],
    async run(ctx, o, a) {
      const api = ctx.api();
      const user = await findUser(api, a.user, o.userDomain);
      const group = await findGroup(api, a.group, o.groupDomain);
      let member: boolean;
      try {
        member = await api.identity.groups.checkUser(group.id, user.id);
      } catch (e) {
        if ((e as { code?: string }).code !== 'ERR_FORBIDDEN') throw e;
        member = false;
      }
      if (!member) {
        ctx.io.stderr.write(`${a.user} not in group ${a.group}\n`);
        return 1;
      }
      ctx.print(`${a.user} in group ${a.group}\n`);
    },
  },
  {
    path: ['group', 'create'],
    kind: 'show',
    description: 'Create new group',
    args: ['<group-name>'],
    options: [
      { flags: '--domain <domain>', description: 'Domain to contain new group (name or ID)' },
      { flags: '--description <description>', description: 'New group description' },
      { flags: '--or-show', description: 'Return existing group' },
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      let group: Rec;
      try {
        group = await api.create(
          'groups',
          dropUndefined({ name: a.groupName, domain_id: domainId, description: o.description }),
        );
      } catch (e) {
        if (!(o.orShow && (e as { code?: string }).code === 'ERR_CONFLICT')) throw e;
        group = await api.find('groups', a.groupName, domainId ? { domain_id: domainId } : {});
        ctx.info(`Returning existing group ${group.name}`);
      }
      return sortedShow(group);
    },
  },
  {
    path: ['group', 'delete'],
    kind: 'plain',
    description: 'Delete group(s)',
    args: ['<group...>'],
    options: [{ flags: '--domain <domain>', description: 'Domain containing group(s) (name or ID)' }],
    async run(ctx, o, a) {
      const api = ctx.api();
      let errors = 0;
      for (const g of a.group as string[]) {
        try {
          await api.delete('groups', (await findGroup(api, g, o.domain)).id);
        } catch (e) {
          errors++;
          ctx.warn(deleteFailure('group')(g, e));
        }
      }
      if (errors) throw new CommandError(deleteSummary('groups')(errors, a.group.length));
    },
  },
  {
    path: ['group', 'list'],
    kind: 'list',
    description: 'List groups',
    options: [
      { flags: '--domain <domain>', description: 'Filter group list by <domain> (name or ID)' },
      { flags: '--user <user>', description: 'Filter group list by <user> (name or ID)' },
      userDomainOption,
      { flags: '--long', description: 'List additional fields in output' },
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      const query = domainId ? { domain_id: domainId } : {};
      let data: Rec[];
      if (o.user) {
        const user = await findUser(api, o.user, o.userDomain);
        data = await api.list('groups', query, `/users/${enc(user.id)}/groups`);
      } else data = await api.list('groups', query);
      const columns = o.long ? ['ID', 'Name', 'Domain ID', 'Description'] : ['ID', 'Name'];
      return { columns, rows: data.map((g) => itemProperties(g, columns)) };
    },
  },
  membership('remove'),
  {
    path: ['group', 'set'],
    kind: 'plain',
    description: 'Set group properties',
    args: ['<group>'],
    options: [
      { flags: '--domain <domain>', description: 'Domain containing <group> (name or ID)' },
      { flags: '--name <name>', description: 'New group name' },
      { flags: '--description <description>', description: 'New group description' },
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const group = await findGroup(api, a.group, o.domain);
      const body: Rec = {};
      if (o.name) body.name = o.name;
      if (o.description) body.description = o.description;
      await api.update('groups', group.id, body);
    },
  },
  {
    path: ['group', 'show'],
    kind: 'show',
    description: 'Display group details',
    args: ['<group>'],
    options: [{ flags: '--domain <domain>', description: 'Domain containing <group> (name or ID)' }],
    async run(ctx, o, a) {
      return sortedShow(await findGroup(ctx.api(), a.group, o.domain));
    },
  },
];

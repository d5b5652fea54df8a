/** `access rule delete|list|show` (openstackclient's identity/v3/access_rule.py): the caller's own access rules. */
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { CommandError } from '../command.ts';
import type { Context } from '../context.ts';
import { findUser } from '../resolve.ts';
import { forEachItem, messageOf, userDomainOption } from './common.ts';

/** An access rule of the current user by ID (access rules have no name). */
async function findAccessRule(ctx: Context, id: string) {
  try {
    return await ctx.api().identity.accessRules.get(id);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_NOT_FOUND')
      throw new CommandError(`No accessrule with a name or ID of '${id}' exists.`);
    throw e;
  }
}

export const accessRuleCommands: CommandSpec[] = [
  {
    path: ['access', 'rule', 'delete'],
    kind: 'plain',
    description: 'Delete access rule(s)',
    args: ['<access-rule...>'],
    async run(ctx, _o, a) {
      await forEachItem(
        ctx,
        a.accessRule,
        async (id) => ctx.api().identity.accessRules.delete(String((await findAccessRule(ctx, id)).id)),
        (id, e) => `Failed to delete access rule with ID '${id}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} access rules failed to delete.`,
      );
    },
  },
  {
    path: ['access', 'rule', 'list'],
    kind: 'list',
    description: 'List access rules',
    options: [
      {
        flags: '--user <user>',
        description: 'User whose access rules to list (name or ID)',
      },
      userDomainOption,
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const userId = o.user ? ((await findUser(api, o.user, o.userDomain)).id as string) : undefined;
      const rules = await api.identity.accessRules.list({}, userId ? { user_id: userId } : {});
      const columns = ['ID', 'Service', 'Method', 'Path'];
      return { columns, rows: rules.map((r) => itemProperties(r, columns)) };
    },
  },
  {
    path: ['access', 'rule', 'show'],
    kind: 'show',
    description: 'Display access rule details',
    args: ['<access-rule>'],
    async run(ctx, _o, a) {
      return sortedShow(await findAccessRule(ctx, a.accessRule));
    },
  },
];

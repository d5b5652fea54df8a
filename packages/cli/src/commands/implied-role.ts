/** `implied role create|delete|list` (openstackclient's identity/v3/implied_role.py). */
import { CommandError, sortedShow, type CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { requireOptions } from './common.ts';

const impliedRoleOption = {
  flags: '--implied-role <role>',
  description: '<role> (name or ID) implied by another role',
};

/** The prior and implied role ids, by name or id among all roles (as osc's `_get_role_ids`). */
async function roleIds(ctx: Context, path: string[], role: string, implied: string): Promise<[string, string]> {
  requireOptions(path, { implied }, [['implied', '--implied-role']]);
  const roles = await ctx.api().list('roles');
  const idOf = (key: string): string => {
    const match = roles.find((r) => r.name === key || r.id === key);
    if (!match) throw new CommandError(`No role with a name or ID of '${key}' exists.`);
    return match.id as string;
  };
  return [idOf(role), idOf(implied)];
}

export const impliedRoleCommands: CommandSpec[] = [
  {
    path: ['implied', 'role', 'create'],
    kind: 'show',
    description: 'Creates an association between prior and implied roles',
    args: ['<role>'],
    options: [impliedRoleOption],
    async run(ctx, o, a) {
      const [priorId, impliedId] = await roleIds(ctx, ['implied', 'role', 'create'], a.role, o.impliedRole);
      const rule = await ctx.api().identity.impliedRoles.create(priorId, impliedId);
      // osc prints the id of each side only
      return sortedShow({
        prior_role: rule.prior_role.id,
        implies: rule.implies.id,
      });
    },
  },
  {
    path: ['implied', 'role', 'delete'],
    kind: 'plain',
    description: 'Deletes an association between prior and implied roles',
    args: ['<role>'],
    options: [impliedRoleOption],
    async run(ctx, o, a) {
      const [priorId, impliedId] = await roleIds(ctx, ['implied', 'role', 'delete'], a.role, o.impliedRole);
      await ctx.api().identity.impliedRoles.delete(priorId, impliedId);
    },
  },
  {
    path: ['implied', 'role', 'list'],
    kind: 'list',
    description: 'List implied roles',
    async run(ctx) {
      const rules = await ctx.api().identity.impliedRoles.list();
      return {
        columns: ['Prior Role ID', 'Prior Role Name', 'Implied Role ID', 'Implied Role Name'],
        rows: rules.flatMap((r) => r.implies.map((i) => [r.prior_role.id, r.prior_role.name, i.id, i.name])),
      };
    },
  },
];

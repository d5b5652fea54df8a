/**
 * `policy check` (OS-XLOUD: POST /v3/OS-XLOUD/policy-check): what the current credentials may do, action by
 * action, with the rule's scope types and what would allow it.
 */
import type { PolicyDecision } from '@xloud/sdk';
import { CommandError, type CommandSpec } from '../command.ts';
import { Formattable } from '../output/formatters.ts';

/** `--target user.id=abc --target domain_id=d` → `{ user: { id: 'abc' }, domain_id: 'd' }` (what `%(target.user.id)s` reads). */
function targetOf(pairs: Record<string, string> | undefined): Record<string, unknown> | undefined {
  if (!pairs) return undefined;
  const target: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pairs)) {
    const parts = key.split('.');
    if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
      throw new CommandError(`Invalid --target key '${key}'.`, 2);
    }
    let node = target;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next !== undefined && (typeof next !== 'object' || next === null))
        throw new CommandError(`--target '${key}' conflicts with another --target value.`, 2);
      if (next === undefined) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const last = parts.at(-1)!;
    if (typeof node[last] === 'object')
      throw new CommandError(`--target '${key}' conflicts with another --target value.`, 2);
    node[last] = value;
  }
  return target;
}

const list = (v: unknown) => new Formattable(v, (x) => (Array.isArray(x) ? x.join(', ') : String(x ?? '')));

export const policyCommands: CommandSpec[] = [
  {
    path: ['policy', 'check'],
    kind: 'list',
    description: 'Check which actions the current credentials are allowed (Xloud extension)',
    args: ['<action...>'],
    options: [
      {
        flags: '--target <key=value>',
        description:
          'Policy target attribute, e.g. user.id=<user-id> for rules reading %(target.user.id)s (repeat option to set multiple attributes)',
        keyValue: true,
      },
    ],
    async run(ctx, o, a) {
      const actions = [...new Set(a.action as string[])];
      const result = await ctx.api().identity.xloud.policyCheck(actions, targetOf(o.target));
      const rows = actions.map((action) => {
        const d: Partial<PolicyDecision> = result[action] ?? {};
        return [action, d.allowed ?? false, list(d.scope_types ?? []), list(d.requires ?? [])];
      });
      return { columns: ['Action', 'Allowed', 'Scope Types', 'Requires'], rows };
    },
  },
];

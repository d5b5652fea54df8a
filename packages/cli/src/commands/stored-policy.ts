/**
 * `policy create|delete|list|set|show` (openstackclient's identity/v3/policy.py): policy blobs Keystone stores for
 * other services (/v3/policies). Not to be confused with `policy check`, Xloud's question about the caller's rights.
 */
import type { Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { forEachItem, messageOf } from './common.ts';
import { readBlobFile } from './endpoint-filter.ts';

/** osc shows the blob as `rules`, without links. */
function policyShow(policy: Rec) {
  const { blob, ...rest } = policy;
  return sortedShow({ ...rest, rules: blob });
}

export const storedPolicyCommands: CommandSpec[] = [
  {
    path: ['policy', 'create'],
    kind: 'show',
    description: 'Create new policy',
    args: ['<filename>'],
    options: [
      {
        flags: '--type <type>',
        description: 'New MIME type of the policy rules file (defaults to application/json)',
        default: 'application/json',
      },
    ],
    async run(ctx, o, a) {
      const policy = await ctx.api().create('policies', { blob: readBlobFile(a.filename), type: o.type });
      return policyShow(policy);
    },
  },
  {
    path: ['policy', 'delete'],
    kind: 'plain',
    description: 'Delete policy(s)',
    args: ['<policy...>'],
    async run(ctx, _o, a) {
      await forEachItem(
        ctx,
        a.policy,
        (id) => ctx.api().delete('policies', id),
        (id, e) => `Failed to delete policy with name or ID '${id}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} policys failed to delete.`,
      );
    },
  },
  {
    path: ['policy', 'list'],
    kind: 'list',
    description: 'List policies',
    options: [{ flags: '--long', description: 'List additional fields in output' }],
    async run(ctx, o) {
      const data = await ctx.api().list('policies');
      const columns = o.long ? ['ID', 'Type', 'Rules'] : ['ID', 'Type'];
      const attrs = o.long ? ['id', 'type', 'blob'] : undefined;
      return {
        columns,
        rows: data.map((p) => itemProperties(p, columns, attrs)),
      };
    },
  },
  {
    path: ['policy', 'set'],
    kind: 'plain',
    description: 'Set policy properties',
    args: ['<policy>'],
    options: [
      {
        flags: '--type <type>',
        description: 'New MIME type of the policy rules file',
      },
      {
        flags: '--rules <filename>',
        description: 'New serialized policy rules file',
      },
    ],
    async run(ctx, o, a) {
      const body: Rec = {};
      const blob = o.rules ? readBlobFile(o.rules) : undefined;
      if (blob) body.blob = blob;
      if (o.type) body.type = o.type;
      await ctx.api().update('policies', a.policy, body);
    },
  },
  {
    path: ['policy', 'show'],
    kind: 'show',
    description: 'Display policy details',
    args: ['<policy>'],
    async run(ctx, _o, a) {
      return policyShow(await ctx.api().find('policies', a.policy));
    },
  },
];

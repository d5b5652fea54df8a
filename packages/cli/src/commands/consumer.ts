/** `consumer create|delete|list|set|show` (openstackclient's identity/v3/consumer.py): OS-OAUTH1 consumers. */
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { deleteFailure, deleteSummary, forEachItem, requireOptions } from './common.ts';

/** A consumer by ID (consumers have no name), with openstackclient's words when there is none. */
async function findConsumer(ctx: Context, id: string) {
  try {
    return await ctx.api().identity.consumers.get(id);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_NOT_FOUND')
      throw new CommandError(`No consumer with a name or ID of '${id}' exists.`);
    throw e;
  }
}

export const consumerCommands: CommandSpec[] = [
  {
    path: ['consumer', 'create'],
    kind: 'show',
    description: 'Create new consumer (its secret is shown once, here)',
    options: [{ flags: '--description <description>', description: 'New consumer description' }],
    async run(ctx, o) {
      const consumer = await ctx
        .api()
        .identity.consumers.create(o.description !== undefined ? { description: o.description } : {});
      return sortedShow(consumer);
    },
  },
  {
    path: ['consumer', 'delete'],
    kind: 'plain',
    description: 'Delete consumer(s), with the access tokens authorized for them',
    args: ['<consumer...>'],
    async run(ctx, _o, a) {
      await forEachItem(
        ctx,
        a.consumer,
        async (id) => ctx.api().identity.consumers.delete((await findConsumer(ctx, id)).id),
        deleteFailure('consumer'),
        deleteSummary('consumers'),
      );
    },
  },
  {
    path: ['consumer', 'list'],
    kind: 'list',
    description: 'List consumers',
    async run(ctx) {
      const consumers = await ctx.api().identity.consumers.list();
      const columns = ['ID', 'Description'];
      return { columns, rows: consumers.map((c) => itemProperties(c, columns)) };
    },
  },
  {
    path: ['consumer', 'set'],
    kind: 'plain',
    description: 'Set consumer properties',
    args: ['<consumer>'],
    options: [{ flags: '--description <description>', description: 'New consumer description' }],
    async run(ctx, o, a) {
      requireOptions(['consumer', 'set'], o, [['description', '--description']]);
      const consumer = await findConsumer(ctx, a.consumer);
      await ctx.api().identity.consumers.update(consumer.id, { description: o.description });
    },
  },
  {
    path: ['consumer', 'show'],
    kind: 'show',
    description: 'Display consumer details',
    args: ['<consumer>'],
    async run(ctx, _o, a) {
      return sortedShow(await findConsumer(ctx, a.consumer));
    },
  },
];

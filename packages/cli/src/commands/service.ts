/** `service create|delete|list|set|show` (openstackclient's identity/v3/service.py). */
import type { Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findService } from '../resolve.ts';
import { enableDisable, forEachItem, messageOf } from './common.ts';
import { dropUndefined } from './project.ts';

export const serviceCommands: CommandSpec[] = [
  {
    path: ['service', 'create'],
    kind: 'show',
    description: 'Create new service',
    args: ['<type>'],
    options: [
      { flags: '--name <name>', description: 'New service name' },
      { flags: '--description <description>', description: 'New service description' },
      ...enableDisable('service', ' (default)'),
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const service = await ctx
        .api()
        .create(
          'services',
          dropUndefined({ name: o.name, type: a.type, enabled: !o.disable, description: o.description }),
        );
      return sortedShow(service);
    },
  },
  {
    path: ['service', 'delete'],
    kind: 'plain',
    description: 'Delete service(s)',
    args: ['<service...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.service,
        async (s) => api.delete('services', (await findService(api, s)).id),
        (s, e) => `Failed to delete service with type, name or ID '${s}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} services failed to delete.`,
      );
    },
  },
  {
    path: ['service', 'list'],
    kind: 'list',
    description: 'List services',
    options: [{ flags: '--long', description: 'List additional fields in output' }],
    async run(ctx, o) {
      const columns = o.long ? ['ID', 'Name', 'Type', 'Description', 'Enabled'] : ['ID', 'Name', 'Type'];
      const data = await ctx.api().list('services');
      return { columns, rows: data.map((s) => itemProperties(s, columns)) };
    },
  },
  {
    path: ['service', 'set'],
    kind: 'plain',
    description: 'Set service properties',
    args: ['<service>'],
    options: [
      { flags: '--type <type>', description: 'New service type (compute, image, identity, volume, etc)' },
      { flags: '--name <service-name>', description: 'New service name' },
      { flags: '--description <description>', description: 'New service description' },
      ...enableDisable('service'),
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      const service = await findService(api, a.service);
      const body: Rec = {};
      if (o.type) body.type = o.type;
      if (o.name) body.name = o.name;
      if (o.description) body.description = o.description;
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      await api.update('services', service.id, body);
    },
  },
  {
    path: ['service', 'show'],
    kind: 'show',
    description: 'Display service details',
    args: ['<service>'],
    async run(ctx, _o, a) {
      return sortedShow(await findService(ctx.api(), a.service));
    },
  },
];

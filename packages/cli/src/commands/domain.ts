/** `domain create|delete|list|set|show` (openstackclient's identity/v3/domain.py). */
import type { Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { tokenResource } from '../resolve.ts';
import { deleteFailure, deleteSummary, enableDisable, forEachItem, immutableOf, immutableOptions } from './common.ts';
import { dropUndefined } from './project.ts';

export const domainCommands: CommandSpec[] = [
  {
    path: ['domain', 'create'],
    kind: 'show',
    description: 'Create new domain',
    args: ['<domain-name>'],
    options: [
      { flags: '--description <description>', description: 'New domain description' },
      ...enableDisable('domain', ' (default)'),
      { flags: '--or-show', description: 'Return existing domain' },
      ...immutableOptions,
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      let domain: Rec;
      try {
        domain = await api.create(
          'domains',
          dropUndefined({
            name: a.domainName,
            description: o.description,
            options: immutableOf(o),
            enabled: !o.disable,
          }),
        );
      } catch (e) {
        if (!(o.orShow && (e as { code?: string }).code === 'ERR_CONFLICT')) throw e;
        domain = await api.find('domains', a.domainName);
        ctx.info(`Returning existing domain ${domain.name}`);
      }
      return sortedShow(domain);
    },
  },
  {
    path: ['domain', 'delete'],
    kind: 'plain',
    description: 'Delete domain(s)',
    args: ['<domain...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.domain,
        async (d) => api.delete('domains', (await api.find('domains', d)).id),
        deleteFailure('domain'),
        deleteSummary('domains'),
      );
    },
  },
  {
    path: ['domain', 'list'],
    kind: 'list',
    description: 'List domains',
    options: [
      { flags: '--name <name>', description: 'The domain name' },
      { flags: '--enabled', description: 'The domains that are enabled will be returned' },
    ],
    async run(ctx, o) {
      const query: Rec = {};
      if (o.name) query.name = o.name;
      if (o.enabled) query.enabled = true;
      const columns = ['ID', 'Name', 'Enabled', 'Description'];
      const data = await ctx.api().list('domains', query);
      return { columns, rows: data.map((d) => itemProperties(d, columns)) };
    },
  },
  {
    path: ['domain', 'set'],
    kind: 'plain',
    description: 'Set domain properties',
    args: ['<domain>'],
    options: [
      { flags: '--name <name>', description: 'New domain name' },
      { flags: '--description <description>', description: 'New domain description' },
      ...enableDisable('domain'),
      ...immutableOptions,
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domain = await api.find('domains', a.domain);
      const body: Rec = {};
      if (o.name) body.name = o.name;
      if (o.description) body.description = o.description;
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      const options = immutableOf(o);
      if (Object.keys(options).length) body.options = options;
      await api.update('domains', domain.id, body);
    },
  },
  {
    path: ['domain', 'show'],
    kind: 'show',
    description: 'Display domain details',
    args: ['<domain>'],
    async run(ctx, _o, a) {
      const name = await tokenResource(ctx, 'domain', a.domain);
      return sortedShow(await ctx.api().find('domains', name));
    },
  },
];

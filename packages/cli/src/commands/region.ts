/** `region create|delete|list|set|show` (openstackclient's identity/v3/region.py). */
import type { Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findById } from '../resolve.ts';
import { deleteFailure, deleteSummary, forEachItem } from './common.ts';
import { dropUndefined } from './project.ts';

/** osc renames `id` → `region` and `parent_region_id` → `parent_region` in show output. */
function regionShow(region: Rec) {
  const { id, parent_region_id, ...rest } = region;
  return sortedShow({ ...rest, region: id, parent_region: parent_region_id ?? null });
}

export const regionCommands: CommandSpec[] = [
  {
    path: ['region', 'create'],
    kind: 'show',
    description: 'Create new region',
    args: ['<region-id>'],
    options: [
      { flags: '--parent-region <region-id>', description: 'Parent region ID' },
      { flags: '--description <description>', description: 'New region description' },
    ],
    async run(ctx, o, a) {
      const region = await ctx.api().create(
        'regions',
        dropUndefined({
          id: a.regionId,
          description: o.description,
          enabled: true,
          parent_region_id: o.parentRegion,
        }),
      );
      return regionShow(region);
    },
  },
  {
    path: ['region', 'delete'],
    kind: 'plain',
    description: 'Delete region(s)',
    args: ['<region-id...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.regionId,
        (r) => api.delete('regions', r),
        deleteFailure('region', 'ID'),
        deleteSummary('regions'),
      );
    },
  },
  {
    path: ['region', 'list'],
    kind: 'list',
    description: 'List regions',
    options: [{ flags: '--parent-region <region-id>', description: 'Filter by parent region ID' }],
    async run(ctx, o) {
      const data = await ctx.api().list('regions', o.parentRegion ? { parent_region_id: o.parentRegion } : {});
      return {
        columns: ['Region', 'Parent Region', 'Description'],
        rows: data.map((r) => itemProperties(r, ['ID', 'Parent Region Id', 'Description'])),
      };
    },
  },
  {
    path: ['region', 'set'],
    kind: 'plain',
    description: 'Set region properties',
    args: ['<region-id>'],
    options: [
      { flags: '--parent-region <region-id>', description: 'New parent region ID' },
      { flags: '--description <description>', description: 'New region description' },
    ],
    async run(ctx, o, a) {
      const body: Rec = {};
      if (o.description) body.description = o.description;
      if (o.parentRegion) body.parent_region_id = o.parentRegion;
      await ctx.api().update('regions', a.regionId, body);
    },
  },
  {
    path: ['region', 'show'],
    kind: 'show',
    description: 'Display region details',
    args: ['<region-id>'],
    async run(ctx, _o, a) {
      return regionShow(await findById(ctx.api(), 'regions', a.regionId));
    },
  },
];

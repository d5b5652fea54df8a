/** `project create|delete|list|set|show` (openstackclient's identity/v3/project.py). */
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec, type Opts } from '../command.ts';
import { findDomain, findProject, findUser, tokenResource } from '../resolve.ts';
import { deleteFailure, deleteSummary, enableDisable, forEachItem, immutableOf, immutableOptions } from './common.ts';

const tagCsv = (v?: string) => (v ? v.split(',') : undefined);

/** osc's `utils.sort_items`: `key[:asc|desc]`, comma-separated. */
function sortItems(items: Rec[], spec: string): Rec[] {
  let out = [...items];
  for (const part of spec.split(',').reverse()) {
    const [key, dir = 'asc'] = part.split(':');
    if (dir !== 'asc' && dir !== 'desc') {
      throw new CommandError(`Unknown sort direction: ${dir}, must be one of: asc, desc`);
    }
    const sign = dir === 'desc' ? -1 : 1;
    out = out.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === y) return 0;
      if (x === undefined || x === null) return -sign;
      if (y === undefined || y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    });
  }
  return out;
}

function tagUpdate(opts: Opts, current: string[] = []): string[] | undefined {
  const add: string[] = opts.tag ?? [];
  const remove: string[] = opts.removeTag ?? [];
  if (!opts.clearTags && !add.length && !remove.length) return undefined;
  let tags = opts.clearTags ? [] : [...current];
  for (const t of add) if (!tags.includes(t)) tags.push(t);
  tags = tags.filter((t) => !remove.includes(t));
  return tags;
}

export const projectCommands: CommandSpec[] = [
  {
    path: ['project', 'create'],
    kind: 'show',
    description: 'Create new project',
    args: ['<project-name>'],
    options: [
      { flags: '--domain <domain>', description: 'Domain owning the project (name or ID)' },
      { flags: '--parent <project>', description: 'Parent of the project (name or ID)' },
      { flags: '--description <description>', description: 'Project description' },
      ...enableDisable('project'),
      {
        flags: '--property <key=value>',
        description: 'Add a property to <name> (repeat option to set multiple properties)',
        keyValue: true,
      },
      { flags: '--or-show', description: 'Return existing project' },
      ...immutableOptions,
      {
        flags: '--tag <tag>',
        description: 'Tag to be added to the project (repeat option to set multiple tags)',
        repeat: true,
      },
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      const parentId = o.parent ? (await api.find('projects', o.parent)).id : undefined;
      const props: Rec = { ...(o.property ?? {}) };
      if (typeof props.is_domain === 'string') {
        const v = props.is_domain.toLowerCase();
        props.is_domain = v === 'true' ? true : v === 'false' ? false : v === 'none' ? null : props.is_domain;
      }
      const body: Rec = {
        name: a.projectName,
        domain_id: domainId,
        parent_id: parentId,
        description: o.description,
        enabled: !o.disable,
        options: immutableOf(o),
        ...props,
        tags: [...new Set<string>(o.tag)],
      };
      let project: Rec;
      try {
        project = await api.create('projects', dropUndefined(body));
      } catch (e) {
        if (!(o.orShow && (e as { code?: string }).code === 'ERR_CONFLICT')) throw e;
        project = await api.find('projects', a.projectName, domainId ? { domain_id: domainId } : {});
        ctx.info(`Returning existing project ${project.name}`);
      }
      return sortedShow(project);
    },
  },
  {
    path: ['project', 'delete'],
    kind: 'plain',
    description: 'Delete project(s)',
    args: ['<project...>'],
    options: [{ flags: '--domain <domain>', description: 'Domain owning <project> (name or ID)' }],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      await forEachItem(
        ctx,
        a.project,
        async (p) =>
          api.delete('projects', (await api.find('projects', p, domainId ? { domain_id: domainId } : {})).id),
        deleteFailure('project'),
        deleteSummary('projects'),
      );
    },
  },
  {
    path: ['project', 'list'],
    kind: 'list',
    description: 'List projects',
    options: [
      { flags: '--domain <domain>', description: 'Filter projects by <domain> (name or ID)' },
      { flags: '--parent <parent>', description: 'Filter projects whose parent is <parent> (name or ID)' },
      { flags: '--user <user>', description: 'Filter projects by <user> (name or ID)' },
      { flags: '--my-projects', description: 'List projects for the authenticated user. Supersedes other filters.' },
      { flags: '--long', description: 'List additional fields in output' },
      {
        flags: '--sort <key>[:<direction>]',
        description:
          'Sort output by selected keys and directions (asc or desc) (default: asc), repeat this option to specify multiple keys and directions.',
      },
      {
        flags: '--tags <tag>[,<tag>,...]',
        description: 'List projects which have all given tag(s) (Comma-separated list of tags)',
      },
      {
        flags: '--tags-any <tag>[,<tag>,...]',
        description: 'List projects which have any given tag(s) (Comma-separated list of tags)',
      },
      {
        flags: '--not-tags <tag>[,<tag>,...]',
        description: 'Exclude projects which have all given tag(s) (Comma-separated list of tags)',
      },
      {
        flags: '--not-tags-any <tag>[,<tag>,...]',
        description: 'Exclude projects which have any given tag(s) (Comma-separated list of tags)',
      },
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const columns = o.long ? ['ID', 'Name', 'Domain ID', 'Description', 'Enabled'] : ['ID', 'Name'];
      const query: Rec = {};
      let userId: string | undefined;
      if (o.domain) query.domain_id = (await findDomain(api, o.domain)).id;
      if (o.parent) query.parent_id = (await findProject(api, o.parent)).id;
      if (o.user) userId = (await findUser(api, o.user, o.domain)).id;
      for (const [flag, param] of [
        ['tags', 'tags'],
        ['tagsAny', 'tags-any'],
        ['notTags', 'not-tags'],
        ['notTagsAny', 'not-tags-any'],
      ] as const) {
        if (o[flag]) query[param] = tagCsv(o[flag])!.join(',');
      }
      let filtered = Object.keys(query).length > 0 || userId !== undefined;
      if (o.myProjects) {
        userId = (await ctx.access()).userId;
        for (const k of Object.keys(query)) delete query[k];
        filtered = true;
      }
      let data: Rec[];
      try {
        data = userId
          ? await api.list('projects', query, `/users/${encodeURIComponent(userId)}/projects`)
          : await api.list('projects', query);
      } catch (e) {
        if (filtered || (e as { code?: string }).code !== 'ERR_FORBIDDEN') throw e;
        const me = (await ctx.access()).userId;
        data = await api.list('projects', {}, `/users/${encodeURIComponent(me)}/projects`);
      }
      if (o.sort) data = sortItems(data, o.sort);
      return { columns, rows: data.map((p) => itemProperties(p, columns)) };
    },
  },
  {
    path: ['project', 'set'],
    kind: 'plain',
    description: 'Set project properties',
    args: ['<project>'],
    options: [
      { flags: '--name <name>', description: 'Set project name' },
      { flags: '--domain <domain>', description: 'Domain owning <project> (name or ID)' },
      { flags: '--description <description>', description: 'Set project description' },
      ...enableDisable('project'),
      {
        flags: '--property <key=value>',
        description: 'Set a property on <project> (repeat option to set multiple properties)',
        keyValue: true,
      },
      ...immutableOptions,
      {
        flags: '--tag <tag>',
        description: 'Tag to be added to the project (repeat option to set multiple tags)',
        repeat: true,
      },
      {
        flags: '--clear-tags',
        description:
          'Clear tags associated with the project. Specify both --tag and --clear-tags to overwrite current tags',
      },
      {
        flags: '--remove-tag <tag>',
        description: 'Tag to be deleted from the project (repeat option to delete multiple tags)',
        repeat: true,
      },
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      const project = await findProject(api, a.project, o.domain);
      const body: Rec = {};
      if (o.name) body.name = o.name;
      if (o.description) body.description = o.description;
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      const options = immutableOf(o);
      if (Object.keys(options).length) body.options = options;
      Object.assign(body, o.property ?? {});
      const tags = tagUpdate(o, project.tags);
      if (tags) body.tags = tags;
      await api.update('projects', project.id, body);
    },
  },
  {
    path: ['project', 'show'],
    kind: 'show',
    description: 'Display project details',
    args: ['<project>'],
    options: [
      { flags: '--domain <domain>', description: 'Domain owning <project> (name or ID)' },
      { flags: '--parents', description: "Show the project's parents as a list" },
      { flags: '--children', description: "Show project's subtree (children) as a list" },
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const name = await tokenResource(ctx, 'project', a.project, o.domain);
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      let project = await api.find('projects', name, domainId ? { domain_id: domainId } : {});
      if (o.parents || o.children) {
        const query: Rec = {};
        if (o.parents) query.parents_as_ids = '';
        if (o.children) query.subtree_as_ids = '';
        project = (await api.request<Rec>(`/projects/${encodeURIComponent(project.id)}`, { query })).project;
      }
      return sortedShow(project);
    },
  },
];

/** Drops undefined attributes (keystoneclient's `filter_none` also drops None). */
export function dropUndefined(body: Rec): Rec {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null));
}

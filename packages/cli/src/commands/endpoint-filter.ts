/**
 * OS-EP-FILTER: `endpoint group create|delete|list|set|show|add project|remove project` (openstackclient's
 * identity/v3/endpoint_group.py) and `endpoint add|remove project` (identity/v3/endpoint.py).
 */
import { readFileSync } from 'node:fs';
import type { Api, Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { findById, findProject } from '../resolve.ts';
import { forEachItem, messageOf, projectDomainOption } from './common.ts';

/** osc's `read_blob_file_contents`: the file's text, stripped. */
export function readBlobFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new CommandError(`Error occurred trying to read from file ${path}`);
  }
}

/** The JSON filters of an endpoint group, from a file (osc's `_FiltersReader`). */
function readFilters(path: string): Rec {
  const blob = readBlobFile(path);
  try {
    return JSON.parse(blob) as Rec;
  } catch (e) {
    throw new CommandError(`An error occurred when reading filters from file ${path}: ${messageOf(e)}`);
  }
}

const findGroup = (api: Api, nameOrId: string) => api.find('endpoint_groups', nameOrId);

const GROUP_COLUMNS = ['ID', 'Name', 'Description'];
const rowsOf = (items: Rec[]) => ({
  columns: GROUP_COLUMNS,
  rows: items.map((g) => itemProperties(g, GROUP_COLUMNS)),
});

/** `endpoint group add|remove project` and `endpoint add|remove project`: a lookup, a project, one call. */
function associationCommand(
  path: string[],
  description: string,
  target: '<endpoint>' | '<endpoint-group>',
  act: (ctx: Context, targetId: string, projectId: string) => Promise<void>,
): CommandSpec {
  return {
    path,
    kind: 'plain',
    description,
    args: [target, '<project>'],
    options: [projectDomainOption],
    async run(ctx, o, a) {
      const api = ctx.api();
      const targetId =
        target === '<endpoint>'
          ? (await findById(api, 'endpoints', a.endpoint)).id
          : (await findGroup(api, a.endpointGroup)).id;
      const project = await findProject(api, a.project, o.projectDomain);
      await act(ctx, targetId, project.id);
    },
  };
}

export const endpointFilterCommands: CommandSpec[] = [
  associationCommand(
    ['endpoint', 'add', 'project'],
    'Associate a project to an endpoint',
    '<endpoint>',
    (ctx, endpointId, projectId) => ctx.api().identity.endpointFilter.addEndpointToProject(endpointId, projectId),
  ),
  associationCommand(
    ['endpoint', 'remove', 'project'],
    'Dissociate a project from an endpoint',
    '<endpoint>',
    (ctx, endpointId, projectId) => ctx.api().identity.endpointFilter.removeEndpointFromProject(endpointId, projectId),
  ),
  associationCommand(
    ['endpoint', 'group', 'add', 'project'],
    'Add a project to an endpoint group',
    '<endpoint-group>',
    (ctx, groupId, projectId) => ctx.api().identity.endpointGroups.addProject(groupId, projectId),
  ),
  {
    path: ['endpoint', 'group', 'create'],
    kind: 'show',
    description: 'Create new endpoint group',
    args: ['<name>', '<filename>'],
    options: [
      {
        flags: '--description <DESCRIPTION>',
        description: 'Description of the endpoint group',
      },
    ],
    async run(ctx, o, a) {
      const group = await ctx.api().identity.endpointGroups.create({
        name: a.name,
        filters: readFilters(a.filename),
        ...(o.description !== undefined ? { description: o.description } : {}),
      });
      return sortedShow(group);
    },
  },
  {
    path: ['endpoint', 'group', 'delete'],
    kind: 'plain',
    description: 'Delete endpoint group(s)',
    args: ['<endpoint-group...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.endpointGroup,
        async (g) => api.delete('endpoint_groups', (await findGroup(api, g)).id),
        (g, e) => `Failed to delete endpoint group with ID '${g}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} endpointgroups failed to delete.`,
      );
    },
  },
  {
    path: ['endpoint', 'group', 'list'],
    kind: 'list',
    description: 'List endpoint groups',
    options: [
      {
        flags: '--endpointgroup <endpoint-group>',
        description: 'Endpoint Group (name or ID)',
      },
      { flags: '--project <project>', description: 'Project (name or ID)' },
      {
        flags: '--domain <domain>',
        description: 'Domain owning <project> (name or ID)',
      },
    ],
    exclusive: [['endpointgroup', 'project']],
    async run(ctx, o) {
      const api = ctx.api();
      if (o.endpointgroup) {
        const group = await findGroup(api, o.endpointgroup);
        return rowsOf(await api.identity.endpointGroups.listProjects(group.id));
      }
      if (o.project) {
        const project = await findProject(api, o.project, o.domain);
        return rowsOf(await api.identity.endpointGroups.listForProject(project.id));
      }
      return rowsOf(await api.list('endpoint_groups'));
    },
  },
  associationCommand(
    ['endpoint', 'group', 'remove', 'project'],
    'Remove project from endpoint group',
    '<endpoint-group>',
    (ctx, groupId, projectId) => ctx.api().identity.endpointGroups.removeProject(groupId, projectId),
  ),
  {
    path: ['endpoint', 'group', 'set'],
    kind: 'plain',
    description: 'Set endpoint group properties',
    args: ['<endpoint-group>'],
    options: [
      { flags: '--name <name>', description: 'New endpoint group name' },
      {
        flags: '--filters <filename>',
        description: 'Filename that contains a new set of filters',
      },
      {
        flags: '--description <description>',
        description: 'New endpoint group description',
      },
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const group = await findGroup(api, a.endpointGroup);
      // osc sends description '' when --description is not given, erasing it; only what is asked for is sent here
      const body: Rec = {};
      if (o.name) body.name = o.name;
      if (o.filters) body.filters = readFilters(o.filters);
      if (o.description !== undefined) body.description = o.description;
      if (Object.keys(body).length) await api.update('endpoint_groups', group.id, body);
    },
  },
  {
    path: ['endpoint', 'group', 'show'],
    kind: 'show',
    description: 'Display endpoint group details',
    args: ['<endpointgroup>'],
    async run(ctx, _o, a) {
      return sortedShow(await findGroup(ctx.api(), a.endpointgroup));
    },
  },
];

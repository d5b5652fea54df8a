/** `endpoint create|delete|list|set|show` (openstackclient's identity/v3/endpoint.py). */
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findById, findProject, findService } from '../resolve.ts';
import { deleteFailure, deleteSummary, forEachItem, projectDomainOption } from './common.ts';

const INTERFACES = ['admin', 'public', 'internal'];
const enc = encodeURIComponent;

function withService(endpoint: Rec, service: Rec | undefined): Rec {
  return { ...endpoint, service_name: service?.name ?? '', service_type: service?.type };
}

export const endpointCommands: CommandSpec[] = [
  {
    path: ['endpoint', 'create'],
    kind: 'show',
    description: 'Create new endpoint',
    args: ['<service>', '<interface>', '<url>'],
    options: [
      { flags: '--region <region-id>', description: 'New endpoint region ID' },
      { flags: '--enable', description: 'Enable endpoint (default)' },
      { flags: '--disable', description: 'Disable endpoint' },
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      if (!INTERFACES.includes(a.interface)) {
        throw new CommandError(
          `argument <interface>: invalid choice: '${a.interface}' (choose from 'admin', 'public', 'internal')`,
          2,
        );
      }
      const api = ctx.api();
      const service = await findService(api, a.service);
      const body: Rec = { service_id: service.id, url: a.url, interface: a.interface, enabled: !o.disable };
      if (o.region) body.region_id = o.region;
      const endpoint = await api.create('endpoints', body);
      return sortedShow(withService(endpoint, service));
    },
  },
  {
    path: ['endpoint', 'delete'],
    kind: 'plain',
    description: 'Delete endpoint(s)',
    args: ['<endpoint-id...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.endpointId,
        async (e) => api.delete('endpoints', (await findById(api, 'endpoints', e)).id),
        deleteFailure('endpoint', 'ID'),
        deleteSummary('endpoints'),
      );
    },
  },
  {
    path: ['endpoint', 'list'],
    kind: 'list',
    description: 'List endpoints',
    options: [
      { flags: '--service <service>', description: 'Filter by service (type, name or ID)' },
      {
        flags: '--interface <interface>',
        description: 'Filter by interface type (admin, public or internal)',
        choices: INTERFACES,
      },
      { flags: '--region <region-id>', description: 'Filter by region ID' },
      { flags: '--endpoint <endpoint-group>', description: 'Endpoint to list filters' },
      { flags: '--project <project>', description: 'Project to list filters (name or ID)' },
      projectDomainOption,
    ],
    exclusive: [['endpoint', 'project']],
    async run(ctx, o) {
      const api = ctx.api();
      if (o.endpoint) {
        const endpoint = await findById(api, 'endpoints', o.endpoint);
        const columns = ['ID', 'Name'];
        const projects = await api.listPath(`/OS-EP-FILTER/endpoints/${enc(endpoint.id)}/projects`, 'projects');
        return { columns, rows: projects.map((p) => itemProperties(p, columns)) };
      }
      const columns = ['ID', 'Region', 'Service Name', 'Service Type', 'Enabled', 'Interface', 'URL'];
      let data: Rec[];
      if (o.project) {
        const project = await findProject(api, o.project, o.projectDomain);
        data = await api.listPath(`/OS-EP-FILTER/projects/${enc(project.id)}/endpoints`, 'endpoints');
      } else {
        const query: Rec = {};
        if (o.service) query.service_id = (await findService(api, o.service)).id;
        if (o.interface) query.interface = o.interface;
        if (o.region) query.region_id = o.region;
        data = await api.list('endpoints', query);
      }
      const services = await api.list('services');
      const rows = data.map((ep) => {
        const service = services.find((s) => s.id === ep.service_id);
        if (!service) throw new CommandError(`No service with a type, name or ID of '${ep.service_id}' exists.`);
        return itemProperties(withService(ep, service), columns);
      });
      return { columns, rows };
    },
  },
  {
    path: ['endpoint', 'set'],
    kind: 'plain',
    description: 'Set endpoint properties',
    args: ['<endpoint-id>'],
    options: [
      { flags: '--region <region-id>', description: 'New endpoint region ID' },
      {
        flags: '--interface <interface>',
        description: 'New endpoint interface type (admin, public or internal)',
        choices: INTERFACES,
      },
      { flags: '--url <url>', description: 'New endpoint URL' },
      { flags: '--service <service>', description: 'New endpoint service (name or ID)' },
      { flags: '--enable', description: 'Enable endpoint' },
      { flags: '--disable', description: 'Disable endpoint' },
    ],
    exclusive: [['enable', 'disable']],
    async run(ctx, o, a) {
      const api = ctx.api();
      const endpoint = await findById(api, 'endpoints', a.endpointId);
      const body: Rec = {};
      if (o.service) body.service_id = (await findService(api, o.service)).id;
      if (o.url) body.url = o.url;
      if (o.interface) body.interface = o.interface;
      if (o.region) body.region_id = o.region;
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      await api.update('endpoints', endpoint.id, body);
    },
  },
  {
    path: ['endpoint', 'show'],
    kind: 'show',
    description: 'Display endpoint details',
    args: ['<endpoint>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      const endpoint = await findEndpointLoose(api, a.endpoint);
      const service = await findService(api, endpoint.service_id);
      return sortedShow(withService(endpoint, service));
    },
  },
];

/** `endpoint show` also accepts a URL, service name or service type when it matches one endpoint. */
async function findEndpointLoose(api: import('../api.ts').Api, key: string): Promise<Rec> {
  try {
    return await api.get('endpoints', key);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_NOT_FOUND') throw e;
  }
  const all = await api.list('endpoints');
  const byUrl = all.filter((ep) => ep.url === key);
  if (byUrl.length === 1) return byUrl[0];
  throw new CommandError(`No endpoint with a name or ID of '${key}' exists.`);
}

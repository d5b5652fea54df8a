import type {
  EndpointCreate,
  EndpointListQuery,
  EndpointParams,
  EndpointUpdate,
  NewRegionParams,
  RegionCreate,
  RegionListQuery,
  RegionParams,
  RegionUpdate,
  ServiceCreate,
  ServiceListQuery,
  ServiceParams,
  ServiceUpdate,
} from '@xloud/identity-schemas';
import type { Services } from '../../container.ts';
import { ValidationError } from '../../errors.ts';
import { limitedList } from '../render/pagination.ts';
import { renderEndpoint, renderRegion, renderService } from '../render/resources.ts';
import type { ListPage } from '../../services/list-page.ts';
import type { RouteHandler, RouteSchemas, TypedRequest } from '../route-entry.ts';
import { queryString } from '../route-kit.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { createOne, enforceThenRead, noContentAfter, showOne, updateOne } from './one-resource.ts';

type OneRegion = { params: typeof RegionParams };
type OneService = { params: typeof ServiceParams };
type OneEndpoint = { params: typeof EndpointParams };

const REGION_ATTRIBUTES = ['id', 'description', 'parent_region_id'];
const SERVICE_ATTRIBUTES = ['id', 'type', 'enabled'];
const ENDPOINT_ATTRIBUTES = ['id', 'interface', 'url', 'service_id', 'region_id', 'region', 'enabled'];

/**
 * A catalog collection at `/v3/{name}`: the route's rule (no target), cut to [catalog] list_limit in SQL (one row
 * more than the limit tells the list was truncated). `keep`: a filter SQL does not answer.
 */
function catalogList<S extends RouteSchemas, R extends { id: string }>(
  name: string,
  read: (services: Services, query: TypedRequest<S>['query'], page: ListPage) => Promise<R[]>,
  render: (record: R, v3: string) => unknown,
  keep?: (query: TypedRequest<S>['query']) => ((record: R) => boolean) | undefined,
): RouteHandler<S> {
  return async (request, _reply, kit, policy) => {
    await kit.enforce(request, policy);
    const v3 = kit.v3Url(request);
    return limitedList(
      name,
      `${v3}/${name}`,
      (r: R) => render(r, v3),
      kit.listLimit('catalog'),
      (page) => read(kit.services, request.query, page),
      keep?.(request.query),
    );
  };
}

// ---- regions

export const listRegions: RouteHandler<{ querystring: typeof RegionListQuery }> = catalogList(
  'regions',
  (services, q, page) => services.catalog.listRegions({ parentRegionId: queryString(q.parent_region_id) }, page),
  renderRegion,
);

function newRegion(services: Services, body: RegionCreate['region'], id?: string) {
  if (id !== undefined && body.id !== undefined && body.id !== id)
    throw new ValidationError(`Conflicting region IDs specified: "${body.id}" and "${id}"`);
  const [, extra] = splitExtra(body, REGION_ATTRIBUTES);
  return services.catalog.createRegion({
    id: id ?? body.id,
    description: body.description ?? '',
    parentRegionId: body.parent_region_id,
    extra,
  });
}

export const createRegion: RouteHandler<{ body: typeof RegionCreate }> = createOne(
  'region',
  (services, request) => newRegion(services, request.body.region),
  renderRegion,
);

export const createRegionWithId: RouteHandler<{ body: typeof RegionCreate; params: typeof NewRegionParams }> =
  createOne(
    'region',
    (services, request) => newRegion(services, request.body.region, request.params.region_id),
    renderRegion,
  );

export const getRegion: RouteHandler<OneRegion> = showOne(
  'region',
  enforceThenRead((services, params) => services.catalog.getRegion(params.region_id)),
  renderRegion,
);

export const updateRegion: RouteHandler<OneRegion & { body: typeof RegionUpdate }> = updateOne(
  'region',
  (services, { params, body: { region: body } }) =>
    services.catalog.updateRegion(params.region_id, {
      description: body.description ?? undefined,
      parentRegionId: body.parent_region_id,
      extra: extraToUpdate(body, REGION_ATTRIBUTES),
    }),
  renderRegion,
);

export const deleteRegion: RouteHandler<OneRegion> = noContentAfter((services, params) =>
  services.catalog.deleteRegion(params.region_id),
);

// ---- services

export const listServices: RouteHandler<{ querystring: typeof ServiceListQuery }> = catalogList(
  'services',
  (services, q, page) => services.catalog.listServices({ type: queryString(q.type) }, page),
  renderService,
  // A service's name is an attribute inside its JSON `extra`.
  (q) => {
    const name = queryString(q.name);
    return name === undefined ? undefined : (s) => s.extra.name === name;
  },
);

export const createService: RouteHandler<{ body: typeof ServiceCreate }> = createOne(
  'service',
  (services, { body: { service: body } }) => {
    const [, extra] = splitExtra(body, SERVICE_ATTRIBUTES);
    return services.catalog.createService({ type: body.type, enabled: body.enabled, extra });
  },
  renderService,
);

export const getService: RouteHandler<OneService> = showOne(
  'service',
  enforceThenRead((services, params) => services.catalog.getService(params.service_id)),
  renderService,
);

export const updateService: RouteHandler<OneService & { body: typeof ServiceUpdate }> = updateOne(
  'service',
  (services, { params, body: { service: body } }) =>
    services.catalog.updateService(params.service_id, {
      type: body.type,
      enabled: body.enabled,
      extra: extraToUpdate(body, SERVICE_ATTRIBUTES),
    }),
  renderService,
);

export const deleteService: RouteHandler<OneService> = noContentAfter((services, params) =>
  services.catalog.deleteService(params.service_id),
);

// ---- endpoints

export const listEndpoints: RouteHandler<{ querystring: typeof EndpointListQuery }> = catalogList(
  'endpoints',
  (services, q, page) =>
    services.catalog.listEndpoints(
      { serviceId: queryString(q.service_id), interface: queryString(q.interface), regionId: queryString(q.region_id) },
      page,
    ),
  renderEndpoint,
);

export const createEndpoint: RouteHandler<{ body: typeof EndpointCreate }> = createOne(
  'endpoint',
  async (services, { body: { endpoint: body } }) => {
    const [, extra] = splitExtra(body, ENDPOINT_ATTRIBUTES);
    if (!body.region_id && body.region) await services.catalog.ensureRegion(body.region);
    return services.catalog.createEndpoint({
      interface: body.interface,
      url: body.url,
      serviceId: body.service_id,
      regionId: body.region_id ?? body.region ?? null,
      enabled: body.enabled,
      extra,
    });
  },
  renderEndpoint,
);

export const getEndpoint: RouteHandler<OneEndpoint> = showOne(
  'endpoint',
  enforceThenRead((services, params) => services.catalog.getEndpoint(params.endpoint_id)),
  renderEndpoint,
);

export const updateEndpoint: RouteHandler<OneEndpoint & { body: typeof EndpointUpdate }> = updateOne(
  'endpoint',
  async (services, { params, body: { endpoint: body } }) => {
    const regionId = body.region_id !== undefined ? body.region_id : body.region;
    if (body.region_id === undefined && body.region) await services.catalog.ensureRegion(body.region);
    return services.catalog.updateEndpoint(params.endpoint_id, {
      interface: body.interface,
      url: body.url,
      serviceId: body.service_id,
      regionId,
      enabled: body.enabled,
      extra: extraToUpdate(body, ENDPOINT_ATTRIBUTES),
    });
  },
  renderEndpoint,
);

export const deleteEndpoint: RouteHandler<OneEndpoint> = noContentAfter((services, params) =>
  services.catalog.deleteEndpoint(params.endpoint_id),
);

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
import { ValidationError } from '../../errors.ts';
import { collection, renderEndpoint, renderRegion, renderService } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, queryString, type RouteKit } from '../route-kit.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { enforceThenRead, noContentAfter, showOne } from './one-resource.ts';

type OneRegion = { params: typeof RegionParams };
type OneService = { params: typeof ServiceParams };
type OneEndpoint = { params: typeof EndpointParams };

const REGION_ATTRIBUTES = ['id', 'description', 'parent_region_id'];
const SERVICE_ATTRIBUTES = ['id', 'type', 'enabled'];
const ENDPOINT_ATTRIBUTES = ['id', 'interface', 'url', 'service_id', 'region_id', 'region', 'enabled'];

// ---- regions

export const listRegions: RouteHandler<{ querystring: typeof RegionListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const regions = await kit.services.catalog.listRegions({
    parentRegionId: queryString(request.query.parent_region_id),
  });
  const v3 = kit.v3Url(request);
  return collection(
    'regions',
    regions.map((r) => renderRegion(r, v3)),
    `${v3}/regions`,
    kit.listLimit('catalog'),
  );
};

async function newRegion(kit: RouteKit, body: RegionCreate['region'], id?: string) {
  if (id !== undefined && body.id !== undefined && body.id !== id)
    throw new ValidationError(`Conflicting region IDs specified: "${body.id}" and "${id}"`);
  const [, extra] = splitExtra(body, REGION_ATTRIBUTES);
  return kit.services.catalog.createRegion({
    id: id ?? body.id,
    description: body.description ?? '',
    parentRegionId: body.parent_region_id,
    extra,
  });
}

export const createRegion: RouteHandler<{ body: typeof RegionCreate }> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  const region = await newRegion(kit, request.body.region);
  return created(reply, { region: renderRegion(region, kit.v3Url(request)) });
};

export const createRegionWithId: RouteHandler<{ body: typeof RegionCreate; params: typeof NewRegionParams }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const region = await newRegion(kit, request.body.region, request.params.region_id);
  return created(reply, { region: renderRegion(region, kit.v3Url(request)) });
};

export const getRegion: RouteHandler<OneRegion> = showOne(
  'region',
  enforceThenRead((services, params) => services.catalog.getRegion(params.region_id)),
  renderRegion,
);

export const updateRegion: RouteHandler<OneRegion & { body: typeof RegionUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { region: body } = request.body;
  const region = await kit.services.catalog.updateRegion(request.params.region_id, {
    description: body.description ?? undefined,
    parentRegionId: body.parent_region_id,
    extra: extraToUpdate(body, REGION_ATTRIBUTES),
  });
  return { region: renderRegion(region, kit.v3Url(request)) };
};

export const deleteRegion: RouteHandler<OneRegion> = noContentAfter((services, params) =>
  services.catalog.deleteRegion(params.region_id),
);

// ---- services

export const listServices: RouteHandler<{ querystring: typeof ServiceListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const q = request.query;
  const list = await kit.services.catalog.listServices({ type: queryString(q.type), name: queryString(q.name) });
  const v3 = kit.v3Url(request);
  return collection(
    'services',
    list.map((s) => renderService(s, v3)),
    `${v3}/services`,
    kit.listLimit('catalog'),
  );
};

export const createService: RouteHandler<{ body: typeof ServiceCreate }> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  const { service: body } = request.body;
  const [, extra] = splitExtra(body, SERVICE_ATTRIBUTES);
  const service = await kit.services.catalog.createService({ type: body.type, enabled: body.enabled, extra });
  return created(reply, { service: renderService(service, kit.v3Url(request)) });
};

export const getService: RouteHandler<OneService> = showOne(
  'service',
  enforceThenRead((services, params) => services.catalog.getService(params.service_id)),
  renderService,
);

export const updateService: RouteHandler<OneService & { body: typeof ServiceUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { service: body } = request.body;
  const service = await kit.services.catalog.updateService(request.params.service_id, {
    type: body.type,
    enabled: body.enabled,
    extra: extraToUpdate(body, SERVICE_ATTRIBUTES),
  });
  return { service: renderService(service, kit.v3Url(request)) };
};

export const deleteService: RouteHandler<OneService> = noContentAfter((services, params) =>
  services.catalog.deleteService(params.service_id),
);

// ---- endpoints

export const listEndpoints: RouteHandler<{ querystring: typeof EndpointListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const q = request.query;
  const list = await kit.services.catalog.listEndpoints({
    serviceId: queryString(q.service_id),
    interface: queryString(q.interface),
    regionId: queryString(q.region_id),
  });
  const v3 = kit.v3Url(request);
  return collection(
    'endpoints',
    list.map((e) => renderEndpoint(e, v3)),
    `${v3}/endpoints`,
    kit.listLimit('catalog'),
  );
};

export const createEndpoint: RouteHandler<{ body: typeof EndpointCreate }> = async (request, reply, kit, policy) => {
  const { services } = kit;
  await kit.enforce(request, policy);
  const { endpoint: body } = request.body;
  const [, extra] = splitExtra(body, ENDPOINT_ATTRIBUTES);
  if (!body.region_id && body.region) await services.catalog.ensureRegion(body.region);
  const endpoint = await services.catalog.createEndpoint({
    interface: body.interface,
    url: body.url,
    serviceId: body.service_id,
    regionId: body.region_id ?? body.region ?? null,
    enabled: body.enabled,
    extra,
  });
  return created(reply, { endpoint: renderEndpoint(endpoint, kit.v3Url(request)) });
};

export const getEndpoint: RouteHandler<OneEndpoint> = showOne(
  'endpoint',
  enforceThenRead((services, params) => services.catalog.getEndpoint(params.endpoint_id)),
  renderEndpoint,
);

export const updateEndpoint: RouteHandler<OneEndpoint & { body: typeof EndpointUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const { services } = kit;
  await kit.enforce(request, policy);
  const { endpoint: body } = request.body;
  const regionId = body.region_id !== undefined ? body.region_id : body.region;
  if (body.region_id === undefined && body.region) await services.catalog.ensureRegion(body.region);
  const endpoint = await services.catalog.updateEndpoint(request.params.endpoint_id, {
    interface: body.interface,
    url: body.url,
    serviceId: body.service_id,
    regionId,
    enabled: body.enabled,
    extra: extraToUpdate(body, ENDPOINT_ATTRIBUTES),
  });
  return { endpoint: renderEndpoint(endpoint, kit.v3Url(request)) };
};

export const deleteEndpoint: RouteHandler<OneEndpoint> = noContentAfter((services, params) =>
  services.catalog.deleteEndpoint(params.endpoint_id),
);

import type { FastifyInstance } from 'fastify';
import { EndpointCreate, EndpointUpdate, RegionCreate, RegionUpdate, ServiceCreate, ServiceUpdate } from '@xloud/identity-schemas';
import { Type } from 'typebox';
import { ValidationError } from '../../errors.ts';
import { collection, renderEndpoint, renderRegion, renderService } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';
import { splitExtra } from './extra.ts';

export function catalogRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/regions', async (request) => {
    await kit.enforce(request, 'identity:list_regions');
    const q = request.query as Record<string, unknown>;
    const regions = await services.catalog.listRegions({ parentRegionId: queryString(q.parent_region_id) });
    const v3 = kit.v3Url(request);
    return collection('regions', regions.map((r) => renderRegion(r, v3)), `${v3}/regions`, kit.listLimit('catalog'));
  });

  const createRegion = async (body: RegionCreate['region'], id?: string) => {
    if (id !== undefined && body.id !== undefined && body.id !== id) throw new ValidationError(`Conflicting region IDs specified: "${body.id}" and "${id}"`);
    const [, extra] = splitExtra(body, ['id', 'description', 'parent_region_id']);
    return services.catalog.createRegion({ id: id ?? body.id, description: body.description ?? '', parentRegionId: body.parent_region_id, extra });
  };

  app.post('/regions', { schema: { body: RegionCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_region');
    const region = await createRegion((request.body as RegionCreate).region);
    return created(reply, { region: renderRegion(region, kit.v3Url(request)) });
  });

  const regionIdParam = Type.Object({ region_id: Type.String({ minLength: 1, maxLength: 255 }) });
  app.put<{ Params: { region_id: string } }>('/regions/:region_id', { schema: { body: RegionCreate, params: regionIdParam } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_region');
    const region = await createRegion((request.body as RegionCreate).region, request.params.region_id);
    return created(reply, { region: renderRegion(region, kit.v3Url(request)) });
  });

  app.get<{ Params: { region_id: string } }>('/regions/:region_id', async (request) => {
    await kit.enforce(request, 'identity:get_region');
    return { region: renderRegion(await services.catalog.getRegion(request.params.region_id), kit.v3Url(request)) };
  });

  app.patch<{ Params: { region_id: string } }>('/regions/:region_id', { schema: { body: RegionUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_region');
    const { region: body } = request.body as RegionUpdate;
    const [, extra] = splitExtra(body, ['id', 'description', 'parent_region_id']);
    const region = await services.catalog.updateRegion(request.params.region_id, {
      description: body.description ?? undefined,
      parentRegionId: body.parent_region_id,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { region: renderRegion(region, kit.v3Url(request)) };
  });

  app.delete<{ Params: { region_id: string } }>('/regions/:region_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_region');
    await services.catalog.deleteRegion(request.params.region_id);
    return noContent(reply);
  });

  app.get('/services', async (request) => {
    await kit.enforce(request, 'identity:list_services');
    const q = request.query as Record<string, unknown>;
    const list = await services.catalog.listServices({ type: queryString(q.type), name: queryString(q.name) });
    const v3 = kit.v3Url(request);
    return collection('services', list.map((s) => renderService(s, v3)), `${v3}/services`, kit.listLimit('catalog'));
  });

  app.post('/services', { schema: { body: ServiceCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_service');
    const { service: body } = request.body as ServiceCreate;
    const [, extra] = splitExtra(body, ['id', 'type', 'enabled']);
    const service = await services.catalog.createService({ type: body.type, enabled: body.enabled, extra });
    return created(reply, { service: renderService(service, kit.v3Url(request)) });
  });

  app.get<{ Params: { service_id: string } }>('/services/:service_id', async (request) => {
    await kit.enforce(request, 'identity:get_service');
    return { service: renderService(await services.catalog.getService(request.params.service_id), kit.v3Url(request)) };
  });

  app.patch<{ Params: { service_id: string } }>('/services/:service_id', { schema: { body: ServiceUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_service');
    const { service: body } = request.body as ServiceUpdate;
    const [, extra] = splitExtra(body, ['id', 'type', 'enabled']);
    const service = await services.catalog.updateService(request.params.service_id, {
      type: body.type,
      enabled: body.enabled,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { service: renderService(service, kit.v3Url(request)) };
  });

  app.delete<{ Params: { service_id: string } }>('/services/:service_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_service');
    await services.catalog.deleteService(request.params.service_id);
    return noContent(reply);
  });

  app.get('/endpoints', async (request) => {
    await kit.enforce(request, 'identity:list_endpoints');
    const q = request.query as Record<string, unknown>;
    const list = await services.catalog.listEndpoints({
      serviceId: queryString(q.service_id),
      interface: queryString(q.interface),
      regionId: queryString(q.region_id),
    });
    const v3 = kit.v3Url(request);
    return collection('endpoints', list.map((e) => renderEndpoint(e, v3)), `${v3}/endpoints`, kit.listLimit('catalog'));
  });

  app.post('/endpoints', { schema: { body: EndpointCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_endpoint');
    const { endpoint: body } = request.body as EndpointCreate;
    const [, extra] = splitExtra(body, ['id', 'interface', 'url', 'service_id', 'region_id', 'region', 'enabled']);
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
  });

  app.get<{ Params: { endpoint_id: string } }>('/endpoints/:endpoint_id', async (request) => {
    await kit.enforce(request, 'identity:get_endpoint');
    return { endpoint: renderEndpoint(await services.catalog.getEndpoint(request.params.endpoint_id), kit.v3Url(request)) };
  });

  app.patch<{ Params: { endpoint_id: string } }>('/endpoints/:endpoint_id', { schema: { body: EndpointUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_endpoint');
    const { endpoint: body } = request.body as EndpointUpdate;
    const [, extra] = splitExtra(body, ['id', 'interface', 'url', 'service_id', 'region_id', 'region', 'enabled']);
    const regionId = body.region_id !== undefined ? body.region_id : body.region;
    if (body.region_id === undefined && body.region) await services.catalog.ensureRegion(body.region);
    const endpoint = await services.catalog.updateEndpoint(request.params.endpoint_id, {
      interface: body.interface,
      url: body.url,
      serviceId: body.service_id,
      regionId,
      enabled: body.enabled,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { endpoint: renderEndpoint(endpoint, kit.v3Url(request)) };
  });

  app.delete<{ Params: { endpoint_id: string } }>('/endpoints/:endpoint_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_endpoint');
    await services.catalog.deleteEndpoint(request.params.endpoint_id);
    return noContent(reply);
  });

}

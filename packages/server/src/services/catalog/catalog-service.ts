import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../../cache/bounded-cache.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { ListPage } from '../list-page.ts';
import type { ServiceContext } from '../service-context.ts';
import type { EndpointRecord, RegionRecord, ServiceRecord } from './catalog-driver.ts';

export interface CatalogEntry {
  id: string;
  type: string;
  name: string;
  endpoints: Array<{ id: string; interface: string; region: string | null; region_id: string | null; url: string }>;
}

interface StoredCatalog {
  services: ServiceRecord[];
  endpoints: EndpointRecord[];
}

const missingReference = (attribute: string, target: string) =>
  new ValidationError(
    `Expecting to find ${attribute} in ${target}. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
  );

/** Regions, services, endpoints and the service catalog (Keystone's "catalog" subsystem). */
export class CatalogService {
  /**
   * The catalog changes rarely and is read on every token response: keep it until a catalog write, or for
   * [catalog] cache_time at most. One entry; undefined when catalog caching is off.
   */
  private readonly cache: LRUCache<'catalog', Promise<StoredCatalog>> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    /** Seconds the cached catalog is trusted; other processes' catalog writes show up within this time. 0: never. */
    readonly cacheSeconds = 600,
  ) {
    this.cache = boundedCache({ max: 1, ttlSeconds: cacheSeconds, clock: ctx.clock });
  }

  private changed(): void {
    this.forgetCached();
    // Validated tokens stay (the catalog is rendered apart from them); other nodes learn of it as of any change.
    this.ctx.catalogChanged();
  }

  /** Drops the cached catalog (another node changed it). */
  forgetCached(): void {
    this.cache?.clear();
  }

  async getRegion(id: string): Promise<RegionRecord> {
    const region = await this.ctx.store.catalog.getRegion(id);
    if (!region) throw NotFoundError.resource('region', id);
    return region;
  }

  listRegions(filter: { parentRegionId?: string }, page?: ListPage) {
    return this.ctx.store.catalog.listRegions(filter, page);
  }

  async createRegion(input: {
    id?: string;
    description?: string;
    parentRegionId?: string | null;
    extra?: Record<string, unknown>;
  }) {
    const id = input.id ?? newId();
    if (input.parentRegionId) {
      if (!(await this.ctx.store.catalog.getRegion(input.parentRegionId)))
        throw NotFoundError.resource('region', input.parentRegionId);
    }
    const region: RegionRecord = {
      id,
      description: input.description ?? '',
      parentRegionId: input.parentRegionId ?? null,
      extra: input.extra ?? {},
    };
    await this.ctx.store.catalog.createRegion(region);
    this.ctx.audit.resource('created', 'region', region.id);
    return region;
  }

  async updateRegion(
    id: string,
    patch: { description?: string; parentRegionId?: string | null; extra?: Record<string, unknown> },
  ) {
    const region = await this.getRegion(id);
    if (patch.parentRegionId) {
      if (!(await this.ctx.store.catalog.getRegion(patch.parentRegionId)))
        throw NotFoundError.resource('region', patch.parentRegionId);
      let cursor: string | null = patch.parentRegionId;
      const seen = new Set<string>();
      while (cursor && !seen.has(cursor)) {
        if (cursor === id)
          throw new ValidationError(`Circular reference found, region ${id} cannot be its own ancestor.`);
        seen.add(cursor);
        cursor = (await this.ctx.store.catalog.getRegion(cursor))?.parentRegionId ?? null;
      }
    }
    await this.ctx.store.catalog.updateRegion(id, {
      description: patch.description,
      parentRegionId: patch.parentRegionId,
      extra: patch.extra === undefined ? undefined : { ...region.extra, ...patch.extra },
    });
    this.changed();
    this.ctx.audit.resource('updated', 'region', id);
    return this.getRegion(id);
  }

  async deleteRegion(id: string) {
    await this.getRegion(id);
    const children = await this.ctx.store.catalog.listRegions({ parentRegionId: id });
    const endpoints = await this.ctx.store.catalog.listEndpoints({ regionId: id });
    if (children.length > 0 || endpoints.length > 0) {
      throw new ForbiddenError(
        `Unable to delete region ${id} because it or its child regions have associated endpoints.`,
      );
    }
    await this.ctx.store.catalog.deleteRegion(id);
    this.changed();
    this.ctx.audit.resource('deleted', 'region', id);
  }

  /** Keystone's v2-style `region` attribute on an endpoint creates the region when it does not exist. */
  async ensureRegion(id: string): Promise<void> {
    if (!(await this.ctx.store.catalog.getRegion(id))) await this.createRegion({ id });
  }

  async getService(id: string): Promise<ServiceRecord> {
    const service = await this.ctx.store.catalog.getService(id);
    if (!service) throw NotFoundError.resource('service', id);
    return service;
  }

  /** Services of a type, in id order. (A service's name lives in its JSON `extra`: the API filters on it.) */
  listServices(filter: { type?: string }, page?: ListPage) {
    return this.ctx.store.catalog.listServices(filter, page);
  }

  async createService(input: { type: string; enabled?: boolean; extra?: Record<string, unknown> }) {
    const service: ServiceRecord = {
      id: newId(),
      type: input.type,
      enabled: input.enabled ?? true,
      extra: input.extra ?? {},
    };
    await this.ctx.store.catalog.createService(service);
    this.changed();
    this.ctx.audit.resource('created', 'service', service.id);
    return service;
  }

  async updateService(id: string, patch: { type?: string; enabled?: boolean; extra?: Record<string, unknown> }) {
    const service = await this.getService(id);
    await this.ctx.store.catalog.updateService(id, {
      type: patch.type,
      enabled: patch.enabled,
      extra: patch.extra === undefined ? undefined : { ...service.extra, ...patch.extra },
    });
    this.changed();
    this.ctx.audit.resource('updated', 'service', id);
    return this.getService(id);
  }

  async deleteService(id: string) {
    await this.getService(id);
    await this.ctx.store.transaction((store) => store.catalog.deleteService(id));
    this.changed();
    this.ctx.audit.resource('deleted', 'service', id);
  }

  async getEndpoint(id: string): Promise<EndpointRecord> {
    const endpoint = await this.ctx.store.catalog.getEndpoint(id);
    if (!endpoint) throw NotFoundError.resource('endpoint', id);
    return endpoint;
  }

  listEndpoints(filter: { serviceId?: string; interface?: string; regionId?: string }, page?: ListPage) {
    return this.ctx.store.catalog.listEndpoints(filter, page);
  }

  private async assertReferences(serviceId: string | undefined, regionId: string | null | undefined) {
    if (serviceId !== undefined && !(await this.ctx.store.catalog.getService(serviceId)))
      throw missingReference('endpoint service_id', 'service table');
    if (regionId && !(await this.ctx.store.catalog.getRegion(regionId)))
      throw missingReference('endpoint region_id', 'region table');
  }

  async createEndpoint(
    input: Omit<EndpointRecord, 'id' | 'enabled' | 'extra'> & { enabled?: boolean; extra?: Record<string, unknown> },
  ) {
    await this.assertReferences(input.serviceId, input.regionId);
    const endpoint: EndpointRecord = {
      id: newId(),
      ...input,
      enabled: input.enabled ?? true,
      extra: input.extra ?? {},
    };
    await this.ctx.store.catalog.createEndpoint(endpoint);
    this.changed();
    this.ctx.audit.resource('created', 'endpoint', endpoint.id);
    return endpoint;
  }

  async updateEndpoint(id: string, patch: Partial<Omit<EndpointRecord, 'id'>>) {
    const endpoint = await this.getEndpoint(id);
    await this.assertReferences(patch.serviceId, patch.regionId);
    await this.ctx.store.catalog.updateEndpoint(id, {
      ...patch,
      extra: patch.extra === undefined ? undefined : { ...endpoint.extra, ...patch.extra },
    });
    this.changed();
    this.ctx.audit.resource('updated', 'endpoint', id);
    return this.getEndpoint(id);
  }

  async deleteEndpoint(id: string) {
    await this.getEndpoint(id);
    await this.ctx.store.catalog.deleteEndpoint(id);
    await this.ctx.store.endpointFilter.deleteForEndpoint(id);
    this.changed();
    this.ctx.audit.resource('deleted', 'endpoint', id);
  }

  /** Services and endpoints as stored; concurrent readers of an empty cache share one read. */
  private storedCatalog(): Promise<StoredCatalog> {
    const cached = this.cache?.get('catalog');
    if (cached) return cached;
    const read = Promise.all([this.ctx.store.catalog.listServices({}), this.ctx.store.catalog.listEndpoints({})]).then(
      ([services, endpoints]) => ({ services, endpoints }),
    );
    this.cache?.set('catalog', read);
    // A failed read is not kept (only if it is still the entry: a write may have replaced it meanwhile).
    read.catch(() => {
      if (this.cache?.peek('catalog') === read) this.cache.delete('catalog');
    });
    return read;
  }

  /**
   * The catalog as tokens carry it: enabled services and endpoints, project id substituted into URLs;
   * with visibleEndpointIds (a project's OS-EP-FILTER associations), only those endpoints.
   */
  async catalogFor(projectId?: string, visibleEndpointIds?: Set<string> | null): Promise<CatalogEntry[]> {
    const { services, endpoints } = await this.storedCatalog();
    const entries: CatalogEntry[] = [];
    for (const service of services) {
      if (!service.enabled) continue;
      const own = endpoints.filter(
        (e) => e.serviceId === service.id && e.enabled && (!visibleEndpointIds || visibleEndpointIds.has(e.id)),
      );
      // A project's endpoint filter drops the services it leaves empty (Keystone's sql catalog driver).
      if (visibleEndpointIds && own.length === 0) continue;
      const rendered = [];
      for (const e of own) {
        const url = substituteUrl(e.url, projectId);
        if (url === undefined) continue;
        rendered.push({ id: e.id, interface: e.interface, region: e.regionId, region_id: e.regionId, url });
      }
      entries.push({
        id: service.id,
        type: service.type,
        name: typeof service.extra.name === 'string' ? service.extra.name : '',
        endpoints: rendered,
      });
    }
    return entries;
  }
}

/** Keystone substitutes $(tenant_id)s / %(project_id)s; an endpoint needing a project it does not have is left out. */
function substituteUrl(url: string, projectId?: string): string | undefined {
  const needsProject = /[%$]\((tenant_id|project_id)\)s/.test(url);
  if (needsProject && !projectId) return undefined;
  return projectId ? url.replace(/[%$]\((tenant_id|project_id)\)s/g, projectId) : url;
}

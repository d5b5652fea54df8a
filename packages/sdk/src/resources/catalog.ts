import type { CatalogEntry } from '../auth/access.ts';
import { AmbiguousError, NotFoundError } from '../errors.ts';
import type { Session } from '../session.ts';
import { Collection, notFound, type CallOptions, type Filters } from './collection.ts';
import type { Endpoint, EndpointCreate, Region, RegionCreate, Service, ServiceCreate } from './types.ts';

/**
 * /v3/regions. Filters: `parent_region_id`. `create` with an `id` uses that id.
 *
 * @example
 * ```ts
 * await identity.regions.create({ id: 'RegionTwo', description: 'second site' });
 * ```
 */
export class Regions extends Collection<Region, RegionCreate> {
  constructor(session: Session) {
    super(session, { path: '/regions', key: 'region', plural: 'regions' });
  }
}

/**
 * /v3/services. Filters: `type`, `name`. `find` matches an id, then a name, then a type (as openstackclient).
 *
 * @example
 * ```ts
 * const compute = await identity.services.create({ type: 'compute', name: 'nova' });
 * const identitySvc = await identity.services.find('identity');
 * ```
 */
export class Services extends Collection<Service, ServiceCreate> {
  constructor(session: Session) {
    super(session, { path: '/services', key: 'service', plural: 'services' });
  }

  override async find(nameOrType: string, filters: Filters = {}, options?: CallOptions): Promise<Service> {
    try {
      return await this.get(nameOrType, options);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const all = await this.list(filters, options);
    for (const field of ['name', 'type'] as const) {
      const matches = all.filter((s) => s[field] === nameOrType);
      if (matches.length === 1) return matches[0]!;
      if (matches.length > 1) throw new AmbiguousError('service', nameOrType, matches.length);
    }
    throw notFound('service', nameOrType);
  }
}

/**
 * /v3/endpoints. Filters: `interface`, `service_id`, `region_id`.
 *
 * @example
 * ```ts
 * await identity.endpoints.create({ service_id: compute.id, interface: 'public', url: 'https://nova.example/v2.1', region_id: 'RegionOne' });
 * ```
 */
export class Endpoints extends Collection<Endpoint, EndpointCreate> {
  constructor(session: Session) {
    super(session, { path: '/endpoints', key: 'endpoint', plural: 'endpoints' });
  }
}

/**
 * The service catalog of the session's token (GET /v3/auth/catalog), as `openstack catalog list|show` shows it.
 *
 * @example
 * ```ts
 * const entries = await identity.catalog.list();
 * const keystone = await identity.catalog.get('identity');
 * ```
 */
export class Catalog {
  constructor(private readonly session: Session) {}

  async list(options?: CallOptions): Promise<CatalogEntry[]> {
    const res = await this.session.request<{ catalog: CatalogEntry[] }>('/auth/catalog', { signal: options?.signal });
    return res.body.catalog;
  }

  /** The catalog entry whose type or name is `typeOrName`. */
  async get(typeOrName: string, options?: CallOptions): Promise<CatalogEntry> {
    const catalog = await this.list(options);
    const entry = catalog.find((s) => s.type === typeOrName) ?? catalog.find((s) => s.name === typeOrName);
    if (!entry)
      throw new NotFoundError({
        status: 404,
        keystoneMessage: `No service with a type, name or ID of '${typeOrName}' exists.`,
        local: true,
      });
    return entry;
  }
}

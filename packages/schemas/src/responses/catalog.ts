import { type Static, Type } from 'typebox';
import {
  Collection,
  Envelope,
  SelfLinks,
  Nullable,
  ResourceLinks,
  closed,
  type WithExtra,
  withExtra,
} from './links.ts';

/** Regions, services, endpoints and the service catalog (keystone/api/regions.py, services.py, endpoints.py). */

export const Region = Type.Object(
  { id: Type.String(), description: Type.String(), parent_region_id: Nullable(Type.String()), links: ResourceLinks },
  withExtra,
);
export type Region = WithExtra<Static<typeof Region>>;
export const RegionResponse = Envelope('region', Region);
export const RegionList = Collection('regions', Region);

/** A service; `name` ('' unless given) and `description` (when set) are extra attributes in Keystone. */
export const Service = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    enabled: Type.Boolean(),
    links: ResourceLinks,
    name: Type.String(),
    description: Type.Optional(Type.String()),
  },
  withExtra,
);
export type Service = WithExtra<Static<typeof Service>>;
export const ServiceResponse = Envelope('service', Service);
export const ServiceList = Collection('services', Service);

export const EndpointInterface = Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('admin')]);

/** An endpoint; `region` repeats `region_id`, as Keystone still does for old clients. */
export const Endpoint = Type.Object(
  {
    id: Type.String(),
    interface: EndpointInterface,
    region_id: Nullable(Type.String()),
    region: Nullable(Type.String()),
    service_id: Type.String(),
    url: Type.String(),
    enabled: Type.Boolean(),
    links: ResourceLinks,
  },
  withExtra,
);
export type Endpoint = WithExtra<Static<typeof Endpoint>>;
export const EndpointResponse = Envelope('endpoint', Endpoint);
export const EndpointList = Collection('endpoints', Endpoint);

/** One service of a token's catalog (keystone/catalog/backends/sql.py get_v3_catalog). */
export const CatalogEntry = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    name: Type.String(),
    endpoints: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          interface: EndpointInterface,
          region: Nullable(Type.String()),
          region_id: Nullable(Type.String()),
          url: Type.String(),
        },
        closed,
      ),
    ),
  },
  closed,
);
export type CatalogEntry = Static<typeof CatalogEntry>;

/** GET /v3/auth/catalog. */
export const CatalogResponse = Type.Object({ catalog: Type.Array(CatalogEntry), links: SelfLinks }, closed);

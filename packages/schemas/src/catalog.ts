import { Type, type Static } from 'typebox';
import { Description, Enabled } from './common.ts';

const open = { additionalProperties: true };
const RegionId = Type.String({ minLength: 1, maxLength: 255 });

export const RegionCreate = Type.Object({
  region: Type.Object(
    {
      id: Type.Optional(RegionId),
      description: Type.Optional(Description),
      parent_region_id: Type.Optional(Type.Union([RegionId, Type.Null()])),
    },
    open,
  ),
});
export type RegionCreate = Static<typeof RegionCreate>;

export const RegionUpdate = Type.Object({
  region: Type.Object(
    { description: Type.Optional(Description), parent_region_id: Type.Optional(Type.Union([RegionId, Type.Null()])) },
    { ...open, minProperties: 1 },
  ),
});
export type RegionUpdate = Static<typeof RegionUpdate>;

const ServiceType = Type.String({ minLength: 1, maxLength: 255 });
export const ServiceCreate = Type.Object({
  service: Type.Object(
    {
      type: ServiceType,
      enabled: Type.Optional(Enabled),
      name: Type.Optional(Type.String({ maxLength: 255 })),
      description: Type.Optional(Description),
    },
    open,
  ),
});
export type ServiceCreate = Static<typeof ServiceCreate>;

export const ServiceUpdate = Type.Object({
  service: Type.Object(
    {
      type: Type.Optional(ServiceType),
      enabled: Type.Optional(Enabled),
      name: Type.Optional(Type.String({ maxLength: 255 })),
      description: Type.Optional(Description),
    },
    { ...open, minProperties: 1 },
  ),
});
export type ServiceUpdate = Static<typeof ServiceUpdate>;

const Interface = Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('admin')]);
const Url = Type.String({ minLength: 0, maxLength: 2048, pattern: '^[a-zA-Z0-9+.-]+:.+' });

export const EndpointCreate = Type.Object({
  endpoint: Type.Object(
    {
      interface: Interface,
      url: Url,
      service_id: Type.String({ minLength: 1, maxLength: 64 }),
      region_id: Type.Optional(Type.Union([RegionId, Type.Null()])),
      region: Type.Optional(Type.Union([RegionId, Type.Null()])),
      enabled: Type.Optional(Enabled),
    },
    open,
  ),
});
export type EndpointCreate = Static<typeof EndpointCreate>;

export const EndpointUpdate = Type.Object({
  endpoint: Type.Object(
    {
      interface: Type.Optional(Interface),
      url: Type.Optional(Url),
      service_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      region_id: Type.Optional(Type.Union([RegionId, Type.Null()])),
      region: Type.Optional(Type.Union([RegionId, Type.Null()])),
      enabled: Type.Optional(Enabled),
    },
    { ...open, minProperties: 1 },
  ),
});
export type EndpointUpdate = Static<typeof EndpointUpdate>;

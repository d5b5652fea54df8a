import { Type, type Static } from 'typebox';
import { Description, Name } from './common.ts';

/**
 * OS-EP-FILTER endpoint groups (keystone/catalog/schema.py). Attributes beyond these are refused by the server,
 * as Keystone's model refuses them, with a message naming the attribute.
 */
const open = { additionalProperties: true };
const Filters = Type.Record(Type.String(), Type.Unknown());

export const EndpointGroupCreate = Type.Object({
  endpoint_group: Type.Object({ name: Name, description: Type.Optional(Description), filters: Filters }, open),
});
export type EndpointGroupCreate = Static<typeof EndpointGroupCreate>;

export const EndpointGroupUpdate = Type.Object({
  endpoint_group: Type.Object(
    { name: Type.Optional(Name), description: Type.Optional(Description), filters: Type.Optional(Filters) },
    { ...open, minProperties: 1 },
  ),
});
export type EndpointGroupUpdate = Static<typeof EndpointGroupUpdate>;

import { type Static, Type } from 'typebox';
import { Collection, Envelope, Nullable, ResourceLinks, closed } from './links.ts';

/** OS-EP-FILTER endpoint groups and their project associations (keystone/api/os_ep_filter.py). */

export const EndpointGroup = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    /** Endpoint attributes to match: `interface`, `service_id`, `region_id`. */
    filters: Type.Record(Type.String(), Type.Unknown()),
    links: ResourceLinks,
  },
  closed,
);
export type EndpointGroup = Static<typeof EndpointGroup>;
export const EndpointGroupResponse = Envelope('endpoint_group', EndpointGroup);
export const EndpointGroupList = Collection('endpoint_groups', EndpointGroup);

export const ProjectEndpointGroup = Type.Object(
  { endpoint_group_id: Type.String(), project_id: Type.String(), links: ResourceLinks },
  closed,
);
export type ProjectEndpointGroup = Static<typeof ProjectEndpointGroup>;
export const ProjectEndpointGroupResponse = Envelope('project_endpoint_group', ProjectEndpointGroup);

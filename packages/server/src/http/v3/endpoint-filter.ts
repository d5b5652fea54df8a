import type {
  EndpointGroupCreate,
  EndpointGroupListQuery,
  EndpointGroupParams,
  EndpointGroupProjectParams,
  EndpointGroupUpdate,
  EndpointParams,
  ProjectEndpointParams,
  ProjectParams,
} from '@xloud/identity-schemas';
import { ValidationError } from '../../errors.ts';
import type { Services } from '../../container.ts';
import type { EndpointGroupRecord } from '../../services/catalog/endpoint-filter-driver.ts';
import { unmodelledEndpointGroupAttributes } from '../../services/catalog/endpoint-filter-service.ts';
import { collection, renderEndpoint, renderProject } from '../render/resources.ts';
import type { RouteHandler, RouteSchemas, TypedRequest } from '../route-entry.ts';
import { queryString } from '../route-kit.ts';
import { createOne, enforceThenRead, noContentAfter, showOne, updateOne } from './one-resource.ts';

const PREFIX = '/OS-EP-FILTER';

function renderEndpointGroup(g: EndpointGroupRecord, v3: string): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    filters: g.filters,
    links: { self: `${v3}${PREFIX}/endpoint_groups/${g.id}` },
  };
}

/*
 * OS-EP-FILTER (keystone/api/os_ep_filter.py): endpoint groups, and which endpoints and endpoint groups are
 * associated with which projects. The associations are stored and listed only: token catalogs are not filtered by
 * them here (Keystone's sql catalog driver does filter a project's token catalog once the project has associations).
 */

type OneGroup = { params: typeof EndpointGroupParams };
type GroupProject = { params: typeof EndpointGroupProjectParams };
type OneProject = { params: typeof ProjectParams };
type ProjectEndpoint = { params: typeof ProjectEndpointParams };

/** A list of what is associated with the resource the URL names, at `path` (after the extension's prefix). */
function associated<S extends RouteSchemas, R>(
  name: string,
  read: (services: Services, params: TypedRequest<S>['params']) => Promise<R[]>,
  render: (record: R, v3: string) => unknown,
  path: (params: TypedRequest<S>['params']) => string,
): RouteHandler<S> {
  return async (request, _reply, kit, policy) => {
    await kit.enforce(request, policy);
    const v3 = kit.v3Url(request);
    const records = await read(kit.services, request.params);
    return collection(
      name,
      records.map((r) => render(r, v3)),
      `${v3}${PREFIX}${path(request.params)}`,
    );
  };
}

// ---- endpoint groups

export const listEndpointGroups: RouteHandler<{ querystring: typeof EndpointGroupListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const groups = await kit.services.endpointFilter.listEndpointGroups({ name: queryString(request.query.name) });
  return collection(
    'endpoint_groups',
    groups.map((g) => renderEndpointGroup(g, v3)),
    `${v3}${PREFIX}/endpoint_groups`,
  );
};

export const createEndpointGroup: RouteHandler<{ body: typeof EndpointGroupCreate }> = createOne(
  'endpoint_group',
  (services, { body: { endpoint_group: body } }) =>
    services.endpointFilter.createEndpointGroup({
      name: body.name,
      description: body.description,
      filters: body.filters,
      unmodelled: unmodelledEndpointGroupAttributes(body),
    }),
  renderEndpointGroup,
);

export const getEndpointGroup: RouteHandler<OneGroup> = showOne(
  'endpoint_group',
  enforceThenRead((services, params) => services.endpointFilter.getEndpointGroup(params.endpoint_group_id)),
  renderEndpointGroup,
);

export const updateEndpointGroup: RouteHandler<OneGroup & { body: typeof EndpointGroupUpdate }> = updateOne(
  'endpoint_group',
  (services, { params, body: { endpoint_group: body } }) => {
    const id = (body as Record<string, unknown>).id;
    if (id !== undefined && id !== params.endpoint_group_id) throw new ValidationError('Cannot change ID');
    return services.endpointFilter.updateEndpointGroup(params.endpoint_group_id, {
      name: body.name,
      description: body.description,
      filters: body.filters,
      unmodelled: unmodelledEndpointGroupAttributes(body),
    });
  },
  renderEndpointGroup,
);

export const deleteEndpointGroup: RouteHandler<OneGroup> = noContentAfter((services, params) =>
  services.endpointFilter.deleteEndpointGroup(params.endpoint_group_id),
);

export const listEndpointsInGroup: RouteHandler<OneGroup> = associated(
  'endpoints',
  (services, params) => services.endpointFilter.endpointsInGroup(params.endpoint_group_id),
  renderEndpoint,
  (params) => `/endpoint_groups/${params.endpoint_group_id}/endpoints`,
);

export const listProjectsForEndpointGroup: RouteHandler<OneGroup> = associated(
  'projects',
  (services, params) => services.endpointFilter.projectsForEndpointGroup(params.endpoint_group_id),
  renderProject,
  (params) => `/endpoint_groups/${params.endpoint_group_id}/projects`,
);

// ---- endpoint group ↔ project

export const getEndpointGroupInProject: RouteHandler<GroupProject> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const { endpoint_group_id: groupId, project_id: projectId } = request.params;
  await kit.services.endpointFilter.checkEndpointGroupInProject(groupId, projectId);
  return {
    project_endpoint_group: {
      endpoint_group_id: groupId,
      project_id: projectId,
      // Keystone renders this link without its base URL; we give the absolute one, as every other link.
      links: { self: `${kit.v3Url(request)}${PREFIX}/endpoint_groups/${groupId}/projects/${projectId}` },
    },
  };
};

export const addEndpointGroupToProject: RouteHandler<GroupProject> = noContentAfter((services, params) =>
  services.endpointFilter.addEndpointGroupToProject(params.endpoint_group_id, params.project_id),
);

export const removeEndpointGroupFromProject: RouteHandler<GroupProject> = noContentAfter((services, params) =>
  services.endpointFilter.removeEndpointGroupFromProject(params.endpoint_group_id, params.project_id),
);

export const listEndpointGroupsForProject: RouteHandler<OneProject> = associated(
  'endpoint_groups',
  (services, params) => services.endpointFilter.endpointGroupsForProject(params.project_id),
  renderEndpointGroup,
  (params) => `/projects/${params.project_id}/endpoint_groups`,
);

// ---- endpoint ↔ project

/** Keystone answers the check with 204, for GET as for HEAD. */
export const checkEndpointInProject: RouteHandler<ProjectEndpoint> = noContentAfter((services, params) =>
  services.endpointFilter.checkEndpointInProject(params.project_id, params.endpoint_id),
);

export const addEndpointToProject: RouteHandler<ProjectEndpoint> = noContentAfter((services, params) =>
  services.endpointFilter.addEndpointToProject(params.project_id, params.endpoint_id),
);

export const removeEndpointFromProject: RouteHandler<ProjectEndpoint> = noContentAfter((services, params) =>
  services.endpointFilter.removeEndpointFromProject(params.project_id, params.endpoint_id),
);

export const listEndpointsForProject: RouteHandler<OneProject> = associated(
  'endpoints',
  (services, params) => services.endpointFilter.endpointsForProject(params.project_id),
  renderEndpoint,
  (params) => `/projects/${params.project_id}/endpoints`,
);

export const listProjectsForEndpoint: RouteHandler<{ params: typeof EndpointParams }> = associated(
  'projects',
  (services, params) => services.endpointFilter.projectsForEndpoint(params.endpoint_id),
  renderProject,
  (params) => `/endpoints/${params.endpoint_id}/projects`,
);

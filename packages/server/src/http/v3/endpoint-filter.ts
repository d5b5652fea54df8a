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
import type { EndpointGroupRecord } from '../../services/catalog/endpoint-filter-driver.ts';
import { unmodelledEndpointGroupAttributes } from '../../services/catalog/endpoint-filter-service.ts';
import { collection, renderEndpoint, renderProject } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, noContent, queryString } from '../route-kit.ts';

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

export const createEndpointGroup: RouteHandler<{ body: typeof EndpointGroupCreate }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { endpoint_group: body } = request.body;
  const group = await kit.services.endpointFilter.createEndpointGroup({
    name: body.name,
    description: body.description,
    filters: body.filters,
    unmodelled: unmodelledEndpointGroupAttributes(body),
  });
  return created(reply, { endpoint_group: renderEndpointGroup(group, kit.v3Url(request)) });
};

export const getEndpointGroup: RouteHandler<OneGroup> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  return {
    endpoint_group: renderEndpointGroup(
      await kit.services.endpointFilter.getEndpointGroup(request.params.endpoint_group_id),
      kit.v3Url(request),
    ),
  };
};

export const updateEndpointGroup: RouteHandler<OneGroup & { body: typeof EndpointGroupUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const { endpoint_group: body } = request.body;
  const id = (body as Record<string, unknown>).id;
  if (id !== undefined && id !== request.params.endpoint_group_id) throw new ValidationError('Cannot change ID');
  const group = await kit.services.endpointFilter.updateEndpointGroup(request.params.endpoint_group_id, {
    name: body.name,
    description: body.description,
    filters: body.filters,
    unmodelled: unmodelledEndpointGroupAttributes(body),
  });
  return { endpoint_group: renderEndpointGroup(group, kit.v3Url(request)) };
};

export const deleteEndpointGroup: RouteHandler<OneGroup> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.deleteEndpointGroup(request.params.endpoint_group_id);
  return noContent(reply);
};

export const listEndpointsInGroup: RouteHandler<OneGroup> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const endpoints = await kit.services.endpointFilter.endpointsInGroup(request.params.endpoint_group_id);
  return collection(
    'endpoints',
    endpoints.map((e) => renderEndpoint(e, v3)),
    `${v3}${PREFIX}/endpoint_groups/${request.params.endpoint_group_id}/endpoints`,
  );
};

export const listProjectsForEndpointGroup: RouteHandler<OneGroup> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const projects = await kit.services.endpointFilter.projectsForEndpointGroup(request.params.endpoint_group_id);
  return collection(
    'projects',
    projects.map((p) => renderProject(p, v3)),
    `${v3}${PREFIX}/endpoint_groups/${request.params.endpoint_group_id}/projects`,
  );
};

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

export const addEndpointGroupToProject: RouteHandler<GroupProject> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.addEndpointGroupToProject(
    request.params.endpoint_group_id,
    request.params.project_id,
  );
  return noContent(reply);
};

export const removeEndpointGroupFromProject: RouteHandler<GroupProject> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.removeEndpointGroupFromProject(
    request.params.endpoint_group_id,
    request.params.project_id,
  );
  return noContent(reply);
};

export const listEndpointGroupsForProject: RouteHandler<OneProject> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const groups = await kit.services.endpointFilter.endpointGroupsForProject(request.params.project_id);
  return collection(
    'endpoint_groups',
    groups.map((g) => renderEndpointGroup(g, v3)),
    `${v3}${PREFIX}/projects/${request.params.project_id}/endpoint_groups`,
  );
};

// ---- endpoint ↔ project

/** Keystone answers the check with 204, for GET as for HEAD. */
export const checkEndpointInProject: RouteHandler<ProjectEndpoint> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.checkEndpointInProject(request.params.project_id, request.params.endpoint_id);
  return noContent(reply);
};

export const addEndpointToProject: RouteHandler<ProjectEndpoint> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.addEndpointToProject(request.params.project_id, request.params.endpoint_id);
  return noContent(reply);
};

export const removeEndpointFromProject: RouteHandler<ProjectEndpoint> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  await kit.services.endpointFilter.removeEndpointFromProject(request.params.project_id, request.params.endpoint_id);
  return noContent(reply);
};

export const listEndpointsForProject: RouteHandler<OneProject> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const endpoints = await kit.services.endpointFilter.endpointsForProject(request.params.project_id);
  return collection(
    'endpoints',
    endpoints.map((e) => renderEndpoint(e, v3)),
    `${v3}${PREFIX}/projects/${request.params.project_id}/endpoints`,
  );
};

export const listProjectsForEndpoint: RouteHandler<{ params: typeof EndpointParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  const v3 = kit.v3Url(request);
  const projects = await kit.services.endpointFilter.projectsForEndpoint(request.params.endpoint_id);
  return collection(
    'projects',
    projects.map((p) => renderProject(p, v3)),
    `${v3}${PREFIX}/endpoints/${request.params.endpoint_id}/projects`,
  );
};

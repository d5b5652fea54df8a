import type { FastifyInstance, FastifyReply } from 'fastify';
import { EndpointGroupCreate, EndpointGroupUpdate } from '@xloud/identity-schemas';
import { ValidationError } from '../../errors.ts';
import type { EndpointGroupRecord } from '../../services/catalog/endpoint-filter-driver.ts';
import { unmodelledEndpointGroupAttributes } from '../../services/catalog/endpoint-filter-service.ts';
import { collection, renderEndpoint, renderProject } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';

type GroupParams = { endpoint_group_id: string };
type GroupProjectParams = { endpoint_group_id: string; project_id: string };
type ProjectParams = { project_id: string };
type ProjectEndpointParams = { project_id: string; endpoint_id: string };
type EndpointParams = { endpoint_id: string };

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

/**
 * OS-EP-FILTER (keystone/api/os_ep_filter.py): endpoint groups, and which endpoints and endpoint groups are
 * associated with which projects. The associations are stored and listed only: token catalogs are not filtered by
 * them here (Keystone's sql catalog driver does filter a project's token catalog once the project has associations).
 */
export function endpointFilterRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;
  const filter = services.endpointFilter;

  // ---- endpoint groups

  app.get(`${PREFIX}/endpoint_groups`, async (request) => {
    await kit.enforce(request, 'identity:list_endpoint_groups');
    const q = request.query as Record<string, unknown>;
    const v3 = kit.v3Url(request);
    const groups = await filter.listEndpointGroups({ name: queryString(q.name) });
    return collection('endpoint_groups', groups.map((g) => renderEndpointGroup(g, v3)), `${v3}${PREFIX}/endpoint_groups`);
  });

  app.post(`${PREFIX}/endpoint_groups`, { schema: { body: EndpointGroupCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_endpoint_group');
    const { endpoint_group: body } = request.body as EndpointGroupCreate;
    const group = await filter.createEndpointGroup({
      name: body.name,
      description: body.description,
      filters: body.filters,
      unmodelled: unmodelledEndpointGroupAttributes(body),
    });
    return created(reply, { endpoint_group: renderEndpointGroup(group, kit.v3Url(request)) });
  });

  app.get<{ Params: GroupParams }>(`${PREFIX}/endpoint_groups/:endpoint_group_id`, async (request) => {
    await kit.enforce(request, 'identity:get_endpoint_group');
    return { endpoint_group: renderEndpointGroup(await filter.getEndpointGroup(request.params.endpoint_group_id), kit.v3Url(request)) };
  });

  app.patch<{ Params: GroupParams }>(`${PREFIX}/endpoint_groups/:endpoint_group_id`, { schema: { body: EndpointGroupUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_endpoint_group');
    const { endpoint_group: body } = request.body as EndpointGroupUpdate;
    const id = (body as Record<string, unknown>).id;
    if (id !== undefined && id !== request.params.endpoint_group_id) throw new ValidationError('Cannot change ID');
    const group = await filter.updateEndpointGroup(request.params.endpoint_group_id, {
      name: body.name,
      description: body.description,
      filters: body.filters,
      unmodelled: unmodelledEndpointGroupAttributes(body),
    });
    return { endpoint_group: renderEndpointGroup(group, kit.v3Url(request)) };
  });

  app.delete<{ Params: GroupParams }>(`${PREFIX}/endpoint_groups/:endpoint_group_id`, async (request, reply) => {
    await kit.enforce(request, 'identity:delete_endpoint_group');
    await filter.deleteEndpointGroup(request.params.endpoint_group_id);
    return noContent(reply);
  });

  app.get<{ Params: GroupParams }>(`${PREFIX}/endpoint_groups/:endpoint_group_id/endpoints`, async (request) => {
    await kit.enforce(request, 'identity:list_endpoints_associated_with_endpoint_group');
    const v3 = kit.v3Url(request);
    const endpoints = await filter.endpointsInGroup(request.params.endpoint_group_id);
    return collection('endpoints', endpoints.map((e) => renderEndpoint(e, v3)), `${v3}${PREFIX}/endpoint_groups/${request.params.endpoint_group_id}/endpoints`);
  });

  app.get<{ Params: GroupParams }>(`${PREFIX}/endpoint_groups/:endpoint_group_id/projects`, async (request) => {
    await kit.enforce(request, 'identity:list_projects_associated_with_endpoint_group');
    const v3 = kit.v3Url(request);
    const projects = await filter.projectsForEndpointGroup(request.params.endpoint_group_id);
    return collection('projects', projects.map((p) => renderProject(p, v3)), `${v3}${PREFIX}/endpoint_groups/${request.params.endpoint_group_id}/projects`);
  });

  // ---- endpoint group ↔ project

  const groupProject = `${PREFIX}/endpoint_groups/:endpoint_group_id/projects/:project_id`;

  app.get<{ Params: GroupProjectParams }>(groupProject, async (request) => {
    await kit.enforce(request, 'identity:get_endpoint_group_in_project');
    const { endpoint_group_id: groupId, project_id: projectId } = request.params;
    await filter.checkEndpointGroupInProject(groupId, projectId);
    return {
      project_endpoint_group: {
        endpoint_group_id: groupId,
        project_id: projectId,
        // Keystone renders this link without its base URL; we give the absolute one, as every other link.
        links: { self: `${kit.v3Url(request)}${PREFIX}/endpoint_groups/${groupId}/projects/${projectId}` },
      },
    };
  });

  app.put<{ Params: GroupProjectParams }>(groupProject, async (request, reply) => {
    await kit.enforce(request, 'identity:add_endpoint_group_to_project');
    await filter.addEndpointGroupToProject(request.params.endpoint_group_id, request.params.project_id);
    return noContent(reply);
  });

  app.delete<{ Params: GroupProjectParams }>(groupProject, async (request, reply) => {
    await kit.enforce(request, 'identity:remove_endpoint_group_from_project');
    await filter.removeEndpointGroupFromProject(request.params.endpoint_group_id, request.params.project_id);
    return noContent(reply);
  });

  app.get<{ Params: ProjectParams }>(`${PREFIX}/projects/:project_id/endpoint_groups`, async (request) => {
    await kit.enforce(request, 'identity:list_endpoint_groups_for_project');
    const v3 = kit.v3Url(request);
    const groups = await filter.endpointGroupsForProject(request.params.project_id);
    return collection('endpoint_groups', groups.map((g) => renderEndpointGroup(g, v3)), `${v3}${PREFIX}/projects/${request.params.project_id}/endpoint_groups`);
  });

  // ---- endpoint ↔ project

  const projectEndpoint = `${PREFIX}/projects/:project_id/endpoints/:endpoint_id`;

  // Keystone answers the check with 204, for GET as for HEAD.
  app.get<{ Params: ProjectEndpointParams }>(projectEndpoint, async (request, reply: FastifyReply) => {
    await kit.enforce(request, 'identity:check_endpoint_in_project');
    await filter.checkEndpointInProject(request.params.project_id, request.params.endpoint_id);
    return noContent(reply);
  });

  app.put<{ Params: ProjectEndpointParams }>(projectEndpoint, async (request, reply) => {
    await kit.enforce(request, 'identity:add_endpoint_to_project');
    await filter.addEndpointToProject(request.params.project_id, request.params.endpoint_id);
    return noContent(reply);
  });

  app.delete<{ Params: ProjectEndpointParams }>(projectEndpoint, async (request, reply) => {
    await kit.enforce(request, 'identity:remove_endpoint_from_project');
    await filter.removeEndpointFromProject(request.params.project_id, request.params.endpoint_id);
    return noContent(reply);
  });

  app.get<{ Params: ProjectParams }>(`${PREFIX}/projects/:project_id/endpoints`, async (request) => {
    await kit.enforce(request, 'identity:list_endpoints_for_project');
    const v3 = kit.v3Url(request);
    const endpoints = await filter.endpointsForProject(request.params.project_id);
    return collection('endpoints', endpoints.map((e) => renderEndpoint(e, v3)), `${v3}${PREFIX}/projects/${request.params.project_id}/endpoints`);
  });

  app.get<{ Params: EndpointParams }>(`${PREFIX}/endpoints/:endpoint_id/projects`, async (request) => {
    await kit.enforce(request, 'identity:list_projects_for_endpoint');
    const v3 = kit.v3Url(request);
    const projects = await filter.projectsForEndpoint(request.params.endpoint_id);
    return collection('projects', projects.map((p) => renderProject(p, v3)), `${v3}${PREFIX}/endpoints/${request.params.endpoint_id}/projects`);
  });
}

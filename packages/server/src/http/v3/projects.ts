import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProjectCreate, ProjectTagsUpdate, ProjectUpdate } from '@xloud/identity-schemas';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Project } from '../../services/resource/resource-service.ts';
import { paginated } from '../render/pagination.ts';
import { renderProject } from '../render/resources.ts';
import { created, noContent, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { splitExtra } from './extra.ts';

type Params = { project_id: string };
type TagParams = { project_id: string; tag: string };
const MODELLED = ['id', 'name', 'description', 'domain_id', 'enabled', 'is_domain', 'parent_id', 'tags', 'options'];

const projectTarget = (p: Project) => ({ target: { project: { id: p.id, domain_id: p.isDomain ? null : p.domainId } } });
const csv = (value: unknown) => (value === undefined ? undefined : String(value).split(',').filter((t) => t.length > 0));

export function projectRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/projects', async (request) => {
    const token = await kit.authenticate(request);
    await kit.enforce(request, 'identity:list_projects', { target: { domain_id: token.domain?.id } });
    const q = request.query as Record<string, unknown>;
    let projects = await services.resource.listProjects({
      domainId: queryString(q.domain_id),
      name: queryString(q.name),
      enabled: queryFlag(q.enabled),
      isDomain: queryFlag(q.is_domain),
      parentId: queryString(q.parent_id),
      tags: csv(q.tags),
      tagsAny: csv(q['tags-any']),
      notTags: csv(q['not-tags']),
      notTagsAny: csv(q['not-tags-any']),
      textMatches: textMatches(q, { text: { name: 'name', domain_id: 'domainId', parent_id: 'parentId' }, other: ['enabled', 'is_domain'] }),
    });
    if (token.domain) projects = projects.filter((p) => p.domainId === token.domain!.id);
    const v3 = kit.v3Url(request);
    return paginated('projects', projects, q, `${v3}/projects`, (p) => renderProject(p, v3), kit.listLimit('resource'));
  });

  app.post('/projects', { schema: { body: ProjectCreate } }, async (request, reply) => {
    const token = await kit.authenticate(request);
    const { project: body } = request.body as ProjectCreate;
    // As Keystone: a missing domain_id is the token's domain, else the default domain — never the parent's.
    const domainId = body.domain_id ?? token.domain?.id ?? services.defaultDomainId;
    await kit.enforce(request, 'identity:create_project', { target: { project: { ...body, domain_id: domainId } } });
    const [, extra] = splitExtra(body, MODELLED);
    const project = await services.resource.createProject({
      name: body.name,
      domainId,
      parentId: body.parent_id,
      isDomain: body.is_domain,
      enabled: body.enabled,
      description: body.description,
      tags: body.tags,
      extra,
    });
    return created(reply, { project: renderProject(project, kit.v3Url(request)) });
  });

  async function loadAndEnforce(request: FastifyRequest, projectId: string, action: string): Promise<Project> {
    await kit.authenticate(request);
    const project = await services.resource.getProject(projectId);
    await kit.enforce(request, action, projectTarget(project));
    return project;
  }

  app.get<{ Params: Params }>('/projects/:project_id', async (request) => {
    const project = await loadAndEnforce(request, request.params.project_id, 'identity:get_project');
    const q = request.query as Record<string, unknown>;
    const v3 = kit.v3Url(request);
    const body: Record<string, unknown> = renderProject(project, v3);
    if (queryFlag(q.parents_as_ids)) body.parents = await parentsAsIds(project);
    if (queryFlag(q.subtree_as_ids)) body.subtree = await subtreeAsIds(project.id);
    if (queryFlag(q.parents_as_list)) body.parents = (await services.resource.ancestors(project)).map((p) => ({ project: renderProject(p, v3) }));
    if (queryFlag(q.subtree_as_list)) body.subtree = (await services.resource.subtree(project.id)).map((p) => ({ project: renderProject(p, v3) }));
    return { project: body };
  });

  async function parentsAsIds(project: Project): Promise<Record<string, unknown> | null> {
    const chain = await services.resource.ancestors(project);
    let nested: Record<string, unknown> | null = project.isDomain ? null : { [project.domainId]: null };
    for (const ancestor of chain.reverse()) nested = { [ancestor.id]: nested };
    return nested;
  }

  async function subtreeAsIds(projectId: string): Promise<Record<string, unknown> | null> {
    const all = await services.resource.subtree(projectId);
    const build = (id: string): Record<string, unknown> | null => {
      const children = all.filter((p) => p.parentId === id);
      return children.length === 0 ? null : Object.fromEntries(children.map((c) => [c.id, build(c.id)]));
    };
    return build(projectId);
  }

  app.patch<{ Params: Params }>('/projects/:project_id', { schema: { body: ProjectUpdate } }, async (request) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:update_project');
    const { project: body } = request.body as ProjectUpdate;
    const [, extra] = splitExtra(body, MODELLED);
    const project = await services.resource.updateProject(request.params.project_id, {
      name: body.name,
      enabled: body.enabled,
      description: body.description,
      domainId: body.domain_id ?? undefined,
      isDomain: body.is_domain,
      parentId: body.parent_id,
      tags: body.tags,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { project: renderProject(project, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/projects/:project_id', async (request, reply) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:delete_project');
    await services.resource.deleteProject(request.params.project_id);
    return noContent(reply);
  });

  app.get<{ Params: Params }>('/projects/:project_id/tags', async (request) => {
    const project = await loadAndEnforce(request, request.params.project_id, 'identity:list_project_tags');
    return { tags: project.tags, links: { self: `${kit.v3Url(request)}/projects/${project.id}/tags`, previous: null, next: null } };
  });

  app.put<{ Params: Params }>('/projects/:project_id/tags', { schema: { body: ProjectTagsUpdate } }, async (request) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:update_project_tags');
    const tags = await services.resource.replaceTags(request.params.project_id, (request.body as ProjectTagsUpdate).tags);
    return { tags, links: { self: `${kit.v3Url(request)}/projects/${request.params.project_id}/tags`, previous: null, next: null } };
  });

  app.delete<{ Params: Params }>('/projects/:project_id/tags', async (request, reply) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:delete_project_tags');
    await services.resource.replaceTags(request.params.project_id, []);
    return noContent(reply);
  });

  const checkTag = async (request: FastifyRequest<{ Params: TagParams }>, reply: import('fastify').FastifyReply) => {
    const project = await loadAndEnforce(request, request.params.project_id, 'identity:get_project_tag');
    if (!project.tags.includes(request.params.tag)) throw NotFoundError.resource('tag', request.params.tag);
    return noContent(reply);
  };
  app.head<{ Params: TagParams }>('/projects/:project_id/tags/:tag', checkTag);
  app.get<{ Params: TagParams }>('/projects/:project_id/tags/:tag', checkTag);

  app.put<{ Params: TagParams }>('/projects/:project_id/tags/:tag', async (request, reply) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:create_project_tag');
    const tag = request.params.tag;
    if (tag.length === 0 || tag.length > 255 || tag.includes(',') || tag.includes('/')) {
      throw new ValidationError(`Invalid input for field 'tag': '${tag}' is not a valid tag.`);
    }
    await services.resource.addTag(request.params.project_id, tag);
    return reply
      .code(201)
      .header('Location', `${kit.v3Url(request)}/projects/${request.params.project_id}/tags/${encodeURIComponent(tag)}`)
      .send();
  });

  app.delete<{ Params: TagParams }>('/projects/:project_id/tags/:tag', async (request, reply) => {
    await loadAndEnforce(request, request.params.project_id, 'identity:delete_project_tag');
    await services.resource.removeTag(request.params.project_id, request.params.tag);
    return noContent(reply);
  });
}

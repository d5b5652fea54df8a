import type { FastifyRequest } from 'fastify';
import type {
  ProjectCreate,
  ProjectGetQuery,
  ProjectListQuery,
  ProjectParams,
  ProjectTagParams,
  ProjectTagsUpdate,
  ProjectUpdate,
} from '@xloud/identity-schemas';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Project } from '../../services/resource/resource-service.ts';
import { type PageReader, paginated } from '../render/pagination.ts';
import { renderProject } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, noContent, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { enforceNewInDomain } from './new-in-domain.ts';
import { noContentAfter, updateOne } from './one-resource.ts';

type OneProject = { params: typeof ProjectParams };
type OneTag = { params: typeof ProjectTagParams };
const MODELLED = ['id', 'name', 'description', 'domain_id', 'enabled', 'is_domain', 'parent_id', 'tags', 'options'];

const projectTarget = (p: Project) => ({
  target: { project: { id: p.id, domain_id: p.isDomain ? null : p.domainId } },
});
const csv = (value: unknown) =>
  value === undefined
    ? undefined
    : String(value)
        .split(',')
        .filter((t) => t.length > 0);

/** The project the URL names, the route's rule enforced against it. */
async function loadAndEnforce(
  kit: RouteKit,
  request: FastifyRequest & { params: { project_id: string } },
  action: string,
): Promise<Project> {
  await kit.authenticate(request);
  const project = await kit.services.resource.getProject(request.params.project_id);
  await kit.enforce(request, action, projectTarget(project));
  return project;
}

export const listProjects: RouteHandler<{ querystring: typeof ProjectListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const token = await kit.authenticate(request);
  await kit.enforce(request, policy, { target: { domain_id: token.domain?.id } });
  const q = request.query;
  const isDomain = queryFlag(q.is_domain);
  let domainId = queryString(q.domain_id);
  const v3 = kit.v3Url(request);
  const list = (read: PageReader<Project>) =>
    paginated('projects', q, `${v3}/projects`, (p) => renderProject(p, v3), kit.listLimit('resource'), read);
  if (token.domain) {
    // A domain-scoped token sees the projects of its domain only: never a domain (whose domain_id is the root
    // sentinel), nothing of another domain_id.
    if (isDomain === true || (domainId !== undefined && domainId !== token.domain.id)) return list(async () => []);
    domainId = token.domain.id;
  }
  const filter = {
    domainId,
    name: queryString(q.name),
    enabled: queryFlag(q.enabled),
    isDomain,
    parentId: queryString(q.parent_id),
    tags: csv(q.tags),
    tagsAny: csv(q['tags-any']),
    notTags: csv(q['not-tags']),
    notTagsAny: csv(q['not-tags-any']),
    textMatches: textMatches(q, {
      text: { name: 'name', domain_id: 'domainId', parent_id: 'parentId' },
      other: ['enabled', 'is_domain'],
    }),
  };
  return list((page) => kit.services.resource.listProjects(filter, page));
};

export const createProject: RouteHandler<{ body: typeof ProjectCreate }> = async (request, reply, kit, policy) => {
  const { project: body } = request.body;
  const domainId = await enforceNewInDomain(kit, request, policy, 'project', body);
  const [, extra] = splitExtra(body, MODELLED);
  const project = await kit.services.resource.createProject({
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
};

export const getProject: RouteHandler<OneProject & { querystring: typeof ProjectGetQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const { services } = kit;
  const project = await loadAndEnforce(kit, request, policy);
  const q = request.query;
  const v3 = kit.v3Url(request);
  const body: Record<string, unknown> = renderProject(project, v3);
  if (queryFlag(q.parents_as_ids)) body.parents = await parentsAsIds(kit, project);
  if (queryFlag(q.subtree_as_ids)) body.subtree = await subtreeAsIds(kit, project.id);
  if (queryFlag(q.parents_as_list))
    body.parents = (await services.resource.ancestors(project)).map((p) => ({ project: renderProject(p, v3) }));
  if (queryFlag(q.subtree_as_list))
    body.subtree = (await services.resource.subtree(project.id)).map((p) => ({ project: renderProject(p, v3) }));
  return { project: body };
};

async function parentsAsIds(kit: RouteKit, project: Project): Promise<Record<string, unknown> | null> {
  const chain = await kit.services.resource.ancestors(project);
  let nested: Record<string, unknown> | null = project.isDomain ? null : { [project.domainId]: null };
  for (const ancestor of chain.reverse()) nested = { [ancestor.id]: nested };
  return nested;
}

async function subtreeAsIds(kit: RouteKit, projectId: string): Promise<Record<string, unknown> | null> {
  const all = await kit.services.resource.subtree(projectId);
  const build = (id: string): Record<string, unknown> | null => {
    const children = all.filter((p) => p.parentId === id);
    return children.length === 0 ? null : Object.fromEntries(children.map((c) => [c.id, build(c.id)]));
  };
  return build(projectId);
}

export const updateProject: RouteHandler<OneProject & { body: typeof ProjectUpdate }> = updateOne(
  'project',
  (services, { params, body: { project: body } }) =>
    services.resource.updateProject(params.project_id, {
      name: body.name,
      enabled: body.enabled,
      description: body.description,
      domainId: body.domain_id ?? undefined,
      isDomain: body.is_domain,
      parentId: body.parent_id,
      tags: body.tags,
      extra: extraToUpdate(body, MODELLED),
    }),
  renderProject,
  loadAndEnforce,
);

export const deleteProject: RouteHandler<OneProject> = noContentAfter(
  (services, params) => services.resource.deleteProject(params.project_id),
  loadAndEnforce,
);

/**
 * The links of a tag list, as Keystone gives them: `self` alone, and it is the v3 root plus the query string, not the
 * tags' own path (keystone/api/projects.py calls full_url() with no path). Kept so, for clients that compare.
 */
function tagLinks(request: FastifyRequest, kit: RouteKit): { self: string } {
  const query = request.url.indexOf('?');
  return { self: `${kit.v3Url(request)}${query === -1 ? '' : request.url.slice(query)}` };
}

export const listProjectTags: RouteHandler<OneProject> = async (request, _reply, kit, policy) => {
  const project = await loadAndEnforce(kit, request, policy);
  return { tags: project.tags, links: tagLinks(request, kit) };
};

export const replaceProjectTags: RouteHandler<OneProject & { body: typeof ProjectTagsUpdate }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await loadAndEnforce(kit, request, policy);
  const tags = await kit.services.resource.replaceTags(request.params.project_id, request.body.tags);
  return { tags, links: tagLinks(request, kit) };
};

export const deleteProjectTags: RouteHandler<OneProject> = noContentAfter(
  (services, params) => services.resource.replaceTags(params.project_id, []),
  loadAndEnforce,
);

/** GET and HEAD: 204 when the project has the tag. */
export const checkProjectTag: RouteHandler<OneTag> = async (request, reply, kit, policy) => {
  const project = await loadAndEnforce(kit, request, policy);
  if (!project.tags.includes(request.params.tag)) throw NotFoundError.resource('tag', request.params.tag);
  return noContent(reply);
};

export const addProjectTag: RouteHandler<OneTag> = async (request, reply, kit, policy) => {
  await loadAndEnforce(kit, request, policy);
  const tag = request.params.tag;
  if (tag.length === 0 || tag.length > 255 || tag.includes(',') || tag.includes('/')) {
    throw new ValidationError(`Invalid input for field 'tag': '${tag}' is not a valid tag.`);
  }
  await kit.services.resource.addTag(request.params.project_id, tag);
  return reply
    .code(201)
    .header('Location', `${kit.v3Url(request)}/projects/${request.params.project_id}/tags/${encodeURIComponent(tag)}`)
    .send();
};

export const deleteProjectTag: RouteHandler<OneTag> = noContentAfter(
  (services, params) => services.resource.removeTag(params.project_id, params.tag),
  loadAndEnforce,
);

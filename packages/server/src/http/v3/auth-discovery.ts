import { ForbiddenError } from '../../errors.ts';
import { collection, renderDomain, renderProject } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { catalogOf } from './auth-tokens.ts';

/* What the caller's token can be scoped to: /v3/auth/{projects,domains,system,catalog}. */

export const listAuthProjects: RouteHandler = async (request, _reply, kit, policy) => {
  const { services } = kit;
  const token = await kit.enforce(request, policy);
  const projects = await services.assignments.projectsForUser(token.user.id);
  const domainIds = [...new Set(projects.map((p) => p.domainId))];
  const domains = new Map((await services.resource.listDomains({ ids: domainIds })).map((d) => [d.id, d]));
  const usable = projects.filter((p) => p.enabled && domains.get(p.domainId)?.enabled);
  const v3 = kit.v3Url(request);
  return collection(
    'projects',
    usable.map((p) => renderProject(p, v3)),
    `${v3}/auth/projects`,
  );
};

export const listAuthDomains: RouteHandler = async (request, _reply, kit, policy) => {
  const token = await kit.enforce(request, policy);
  const domains = (await kit.services.assignments.domainsForUser(token.user.id)).filter((d) => d.enabled);
  const v3 = kit.v3Url(request);
  return collection(
    'domains',
    domains.map((d) => renderDomain(d, v3)),
    `${v3}/auth/domains`,
  );
};

export const getAuthSystem: RouteHandler = async (request, _reply, kit, policy) => {
  const token = await kit.enforce(request, policy);
  const hasSystem = await kit.services.assignments.hasSystemRole(token.user.id);
  return {
    system: hasSystem ? [{ all: true }] : [],
    links: { self: `${kit.v3Url(request)}/auth/system` },
  };
};

export const getAuthCatalog: RouteHandler = async (request, _reply, kit, policy) => {
  const token = await kit.enforce(request, policy);
  if (!token.project && !token.domain && !token.system) {
    throw new ForbiddenError('A scoped token is required to get a catalog.');
  }
  return {
    catalog: await catalogOf(kit, token),
    links: { self: `${kit.v3Url(request)}/auth/catalog` },
  };
};

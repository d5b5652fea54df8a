import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../../errors.ts';
import { collection, renderDomain, renderProject } from '../render/resources.ts';
import type { RouteKit } from '../route-kit.ts';
import { catalogOf } from './auth-tokens.ts';

/** What the caller's token can be scoped to: /v3/auth/{projects,domains,system,catalog}. */
export function authDiscoveryRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  const listProjects = async (request: import('fastify').FastifyRequest) => {
    const token = await kit.enforce(request, 'identity:get_auth_projects');
    const projects = await services.assignments.projectsForUser(token.user.id);
    const domains = new Map((await services.resource.listDomains({})).map((d) => [d.id, d]));
    const usable = projects.filter((p) => p.enabled && domains.get(p.domainId)?.enabled);
    const v3 = kit.v3Url(request);
    return collection('projects', usable.map((p) => renderProject(p, v3)), `${v3}/auth/projects`);
  };
  app.get('/auth/projects', listProjects);
  app.get('/OS-FEDERATION/projects', listProjects);

  const listDomains = async (request: import('fastify').FastifyRequest) => {
    const token = await kit.enforce(request, 'identity:get_auth_domains');
    const domains = (await services.assignments.domainsForUser(token.user.id)).filter((d) => d.enabled);
    const v3 = kit.v3Url(request);
    return collection('domains', domains.map((d) => renderDomain(d, v3)), `${v3}/auth/domains`);
  };
  app.get('/auth/domains', listDomains);
  app.get('/OS-FEDERATION/domains', listDomains);

  app.get('/auth/system', async (request) => {
    const token = await kit.enforce(request, 'identity:get_auth_system');
    const hasSystem = await services.assignments.hasSystemRole(token.user.id);
    return { system: hasSystem ? [{ all: true }] : [], links: { self: `${kit.v3Url(request)}/auth/system`, previous: null, next: null } };
  });

  app.get('/auth/catalog', async (request) => {
    const token = await kit.enforce(request, 'identity:get_auth_catalog');
    if (!token.project && !token.domain && !token.system) {
      throw new ForbiddenError('A scoped token is required to get a catalog.');
    }
    return { catalog: await catalogOf(kit, token), links: { self: `${kit.v3Url(request)}/auth/catalog`, previous: null, next: null } };
  });
}

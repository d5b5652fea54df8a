import type { FastifyInstance } from 'fastify';
import { DomainCreate, DomainUpdate } from '@xloud/identity-schemas';
import { paginated } from '../render/pagination.ts';
import { renderDomain } from '../render/resources.ts';
import { created, noContent, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { splitExtra } from './extra.ts';

type Params = { domain_id: string };

export function domainRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  app.get('/domains', async (request) => {
    const token = await kit.authenticate(request);
    const query = request.query as Record<string, unknown>;
    await kit.enforce(request, 'identity:list_domains', { target: { domain_id: token.domain?.id } });
    let domains = await services.resource.listDomains({
      name: queryString(query.name),
      enabled: queryFlag(query.enabled),
      textMatches: textMatches(query, { text: { name: 'name' }, other: ['enabled'] }),
    });
    if (token.domain) domains = domains.filter((d) => d.id === token.domain!.id);
    const v3 = kit.v3Url(request);
    return paginated('domains', domains, query, `${v3}/domains`, (d) => renderDomain(d, v3), kit.listLimit('resource'));
  });

  app.post('/domains', { schema: { body: DomainCreate } }, async (request, reply) => {
    await kit.enforce(request, 'identity:create_domain');
    const { domain: body } = request.body as DomainCreate;
    const [known, extra] = splitExtra(body, ['id', 'name', 'description', 'enabled', 'tags', 'options']);
    const domain = await services.resource.createDomain({
      id: known.id as string | undefined,
      name: body.name,
      enabled: body.enabled,
      description: body.description,
      extra,
    });
    return created(reply, { domain: renderDomain(domain, kit.v3Url(request)) });
  });

  app.get<{ Params: Params }>('/domains/:domain_id', async (request) => {
    const domain = await services.resource.getDomain(request.params.domain_id);
    await kit.enforce(request, 'identity:get_domain', { target: { domain: { id: domain.id } } });
    return { domain: renderDomain(domain, kit.v3Url(request)) };
  });

  app.patch<{ Params: Params }>('/domains/:domain_id', { schema: { body: DomainUpdate } }, async (request) => {
    await kit.enforce(request, 'identity:update_domain', { target: { domain: { id: request.params.domain_id } } });
    const { domain: body } = request.body as DomainUpdate;
    const [, extra] = splitExtra(body, ['id', 'name', 'description', 'enabled', 'tags', 'options']);
    const domain = await services.resource.updateDomain(request.params.domain_id, {
      name: body.name,
      enabled: body.enabled,
      description: body.description,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
    return { domain: renderDomain(domain, kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>('/domains/:domain_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_domain', { target: { domain: { id: request.params.domain_id } } });
    await services.resource.deleteDomain(request.params.domain_id);
    return noContent(reply);
  });
}

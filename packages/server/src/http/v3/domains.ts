import type { DomainCreate, DomainListQuery, DomainParams, DomainUpdate } from '@xloud/identity-schemas';
import type { ProjectRecord } from '../../services/resource/resource-driver.ts';
import { paginated } from '../render/pagination.ts';
import { renderDomain } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, queryFlag, queryString, type RouteKit } from '../route-kit.ts';
import { textMatches } from '../text-filters.ts';
import { extraToUpdate, splitExtra } from './extra.ts';
import { noContentAfter, updateOne } from './one-resource.ts';

type OneDomain = { params: typeof DomainParams };
const MODELLED = ['id', 'name', 'description', 'enabled', 'tags', 'options'];

/** The route's rule, against the domain the URL names. */
const enforceOnDomain = (kit: RouteKit, request: TypedRequest<OneDomain>, policy: string) =>
  kit.enforce(request, policy, { target: { domain: { id: request.params.domain_id } } });

export const listDomains: RouteHandler<{ querystring: typeof DomainListQuery }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const token = await kit.authenticate(request);
  const query = request.query;
  await kit.enforce(request, policy, { target: { domain_id: token.domain?.id } });
  const filter = {
    name: queryString(query.name),
    enabled: queryFlag(query.enabled),
    textMatches: textMatches(query, { text: { name: 'name' }, other: ['enabled'] }),
    // A domain-scoped token sees its own domain only.
    ids: token.domain ? [token.domain.id] : undefined,
  };
  const v3 = kit.v3Url(request);
  return paginated(
    'domains',
    query,
    `${v3}/domains`,
    (d: ProjectRecord) => renderDomain(d, v3),
    kit.listLimit('resource'),
    (page) => kit.services.resource.listDomains(filter, page),
  );
};

export const createDomain: RouteHandler<{ body: typeof DomainCreate }> = async (request, reply, kit, policy) => {
  await kit.enforce(request, policy);
  const { domain: body } = request.body;
  const [known, extra] = splitExtra(body, MODELLED);
  const domain = await kit.services.resource.createDomain({
    id: known.id as string | undefined,
    name: body.name,
    enabled: body.enabled,
    description: body.description,
    extra,
  });
  return created(reply, { domain: renderDomain(domain, kit.v3Url(request)) });
};

export const getDomain: RouteHandler<OneDomain> = async (request, _reply, kit, policy) => {
  const domain = await kit.services.resource.getDomain(request.params.domain_id);
  await kit.enforce(request, policy, { target: { domain: { id: domain.id } } });
  return { domain: renderDomain(domain, kit.v3Url(request)) };
};

export const updateDomain: RouteHandler<OneDomain & { body: typeof DomainUpdate }> = updateOne(
  'domain',
  (services, { params, body: { domain: body } }) =>
    services.resource.updateDomain(params.domain_id, {
      name: body.name,
      enabled: body.enabled,
      description: body.description,
      extra: extraToUpdate(body, MODELLED),
    }),
  renderDomain,
  enforceOnDomain,
);

export const deleteDomain: RouteHandler<OneDomain> = noContentAfter(
  (services, params) => services.resource.deleteDomain(params.domain_id),
  enforceOnDomain,
);

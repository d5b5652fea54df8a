import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainConfigBody } from '@xloud/identity-schemas';
import { noContent, type RouteKit } from '../route-kit.ts';

type Params = { domain_id: string; group?: string; option?: string };
type DefaultParams = { group?: string; option?: string };

/** The one group any token may read (for the default domain only): the password rules. */
const SECURITY_COMPLIANCE = 'security_compliance';

/**
 * Domain-specific configuration (keystone/api/domains.py, config part): `/v3/domains/{domain_id}/config[/{group}
 * [/{option}]]` and the defaults at `/v3/domains/config[/{group}[/{option}]]/default`. The configuration is stored
 * and served only; this server has no LDAP backend, so no domain's identity driver changes because of it.
 */
export function domainConfigRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;
  const configs = services.domainConfigs;

  const configOf = (request: FastifyRequest) => (request.body as DomainConfigBody).config ?? {};

  async function show(request: FastifyRequest<{ Params: Params }>) {
    const { domain_id: domainId, group, option } = request.params;
    let config: Record<string, unknown>;
    if (group === SECURITY_COMPLIANCE) {
      await kit.enforce(request, 'identity:get_security_compliance_domain_config');
      config = configs.getSecurityCompliance(domainId, option);
    } else {
      await kit.enforce(request, 'identity:get_domain_config');
      config = await configs.get(domainId, group, option);
    }
    // Keystone looks the domain up first but reports a missing one only now, after policy and the config lookup.
    await services.resource.getDomain(domainId);
    return { config };
  }

  async function update(request: FastifyRequest<{ Params: Params }>) {
    const { domain_id: domainId, group, option } = request.params;
    await kit.enforce(request, 'identity:update_domain_config');
    await services.resource.getDomain(domainId);
    return { config: await configs.update(domainId, configOf(request), group, option) };
  }

  async function remove(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const { domain_id: domainId, group, option } = request.params;
    await kit.enforce(request, 'identity:delete_domain_config');
    await services.resource.getDomain(domainId);
    await configs.delete(domainId, group, option);
    return noContent(reply);
  }

  for (const path of ['/domains/:domain_id/config', '/domains/:domain_id/config/:group', '/domains/:domain_id/config/:group/:option']) {
    app.get<{ Params: Params }>(path, show);
    app.patch<{ Params: Params }>(path, { schema: { body: DomainConfigBody } }, update);
    app.delete<{ Params: Params }>(path, remove);
  }

  // A first configuration is 201; replacing an existing one is 200, as in Keystone.
  app.put<{ Params: Params }>('/domains/:domain_id/config', { schema: { body: DomainConfigBody } }, async (request, reply) => {
    const { domain_id: domainId } = request.params;
    await kit.enforce(request, 'identity:create_domain_config');
    await services.resource.getDomain(domainId);
    const { created, config } = await configs.create(domainId, configOf(request));
    return reply.code(created ? 201 : 200).send({ config });
  });

  for (const path of ['/domains/config/default', '/domains/config/:group/default', '/domains/config/:group/:option/default']) {
    app.get<{ Params: DefaultParams }>(path, async (request) => {
      await kit.enforce(request, 'identity:get_domain_config_default');
      return { config: configs.getDefault(request.params.group, request.params.option) };
    });
  }
}

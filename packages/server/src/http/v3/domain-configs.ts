import type { DomainConfigBody, DomainConfigDefaultParams, DomainConfigParams } from '@xloud/identity-schemas';
import type { RouteHandler } from '../route-entry.ts';
import { noContent } from '../route-kit.ts';

/*
 * Domain-specific configuration (keystone/api/domains.py, config part): `/v3/domains/{domain_id}/config[/{group}
 * [/{option}]]` and the defaults at `/v3/domains/config[/{group}[/{option}]]/default`. The configuration is stored
 * and served only; this server has no LDAP backend, so no domain's identity driver changes because of it.
 */

type Config = { params: typeof DomainConfigParams };

/** The one group any token may read (for the default domain only): the password rules. */
const SECURITY_COMPLIANCE = 'security_compliance';

/** Reading a domain's configuration; its security_compliance group has a rule of its own. */
type DomainConfigReadPolicies = { config: string; securityCompliance: string };

export const getDomainConfig: RouteHandler<Config, DomainConfigReadPolicies> = async (request, _reply, kit, policy) => {
  const { domain_id: domainId, group, option } = request.params;
  const configs = kit.services.domainConfigs;
  let config: Record<string, unknown>;
  if (group === SECURITY_COMPLIANCE) {
    await kit.enforce(request, policy.securityCompliance);
    config = configs.getSecurityCompliance(domainId, option);
  } else {
    await kit.enforce(request, policy.config);
    config = await configs.get(domainId, group, option);
  }
  // Keystone looks the domain up first but reports a missing one only now, after policy and the config lookup.
  await kit.services.resource.getDomain(domainId);
  return { config };
};

export const updateDomainConfig: RouteHandler<Config & { body: typeof DomainConfigBody }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  const { domain_id: domainId, group, option } = request.params;
  await kit.enforce(request, policy);
  await kit.services.resource.getDomain(domainId);
  return { config: await kit.services.domainConfigs.update(domainId, request.body.config ?? {}, group, option) };
};

export const deleteDomainConfig: RouteHandler<Config> = async (request, reply, kit, policy) => {
  const { domain_id: domainId, group, option } = request.params;
  await kit.enforce(request, policy);
  await kit.services.resource.getDomain(domainId);
  await kit.services.domainConfigs.delete(domainId, group, option);
  return noContent(reply);
};

/** A first configuration is 201; replacing an existing one is 200, as in Keystone. */
export const createDomainConfig: RouteHandler<Config & { body: typeof DomainConfigBody }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const { domain_id: domainId } = request.params;
  await kit.enforce(request, policy);
  await kit.services.resource.getDomain(domainId);
  const { created, config } = await kit.services.domainConfigs.create(domainId, request.body.config ?? {});
  return reply.code(created ? 201 : 200).send({ config });
};

export const getDomainConfigDefault: RouteHandler<{ params: typeof DomainConfigDefaultParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy);
  return { config: kit.services.domainConfigs.getDefault(request.params.group, request.params.option) };
};

import type { FastifyRequest } from 'fastify';
import type { RouteKit } from '../route-kit.ts';

/**
 * Enforces the route's rule for creating a user, group or project, and returns the domain it goes in, as Keystone
 * picks it: the body's domain_id, else the token's domain, else the default domain (never a parent project's).
 * The rule sees the new resource with that domain.
 */
export async function enforceNewInDomain(
  kit: RouteKit,
  request: FastifyRequest,
  policy: string,
  kind: 'user' | 'group' | 'project',
  resource: Record<string, unknown> & { domain_id?: string | null },
): Promise<string> {
  const token = await kit.authenticate(request);
  const domainId = resource.domain_id ?? token.domain?.id ?? kit.services.defaultDomainId;
  await kit.enforce(request, policy, { target: { [kind]: { ...resource, domain_id: domainId } } });
  return domainId;
}

import type { FastifyInstance } from 'fastify';
import type { RouteKit } from './route-kit.ts';
import { v3RouteTable } from './route-table.ts';
import { applicationCredentialRoutes } from './v3/application-credentials.ts';
import { authDiscoveryRoutes } from './v3/auth-discovery.ts';
import { authTokenRoutes } from './v3/auth-tokens.ts';
import { catalogRoutes } from './v3/catalog.ts';
import { credentialRoutes } from './v3/credentials.ts';
import { domainConfigRoutes } from './v3/domain-configs.ts';
import { ec2CredentialRoutes } from './v3/ec2-credentials.ts';
import { endpointFilterRoutes } from './v3/endpoint-filter.ts';
import { grantRoutes } from './v3/grants.ts';
import { policyRoutes } from './v3/policies.ts';
import { roleAssignmentRoutes } from './v3/role-assignments.ts';
import { roleRoutes } from './v3/roles.ts';
import { trustRoutes } from './v3/trusts.ts';
import { xloudAuditEventRoutes } from './v3/xloud-audit-events.ts';
import { xloudPolicyCheckRoutes } from './v3/xloud-policy-check.ts';
import { xloudUserRoutes } from './v3/xloud-users.ts';

/** Modules not yet in the route table (being moved over). */
const legacyModules: Array<(app: FastifyInstance, kit: RouteKit) => void> = [
  authTokenRoutes,
  authDiscoveryRoutes,
  roleRoutes,
  grantRoutes,
  roleAssignmentRoutes,
  catalogRoutes,
  applicationCredentialRoutes,
  credentialRoutes,
  policyRoutes,
  trustRoutes,
  ec2CredentialRoutes,
  endpointFilterRoutes,
  domainConfigRoutes,
  xloudPolicyCheckRoutes,
  xloudUserRoutes,
  xloudAuditEventRoutes,
];

/** Registers the v3 route table on a scope (mounted under /v3 and /identity/v3). */
export function registerV3Routes(scope: FastifyInstance, kit: RouteKit): void {
  for (const entry of v3RouteTable) {
    scope.route({ method: entry.method, url: entry.path, schema: entry.schema, handler: (request, reply) => entry.run(request, reply, kit) });
  }
  for (const register of legacyModules) register(scope, kit);
}

import type { FastifyInstance } from 'fastify';
import type { RouteKit } from './route-kit.ts';
import { applicationCredentialRoutes } from './v3/application-credentials.ts';
import { authDiscoveryRoutes } from './v3/auth-discovery.ts';
import { authTokenRoutes } from './v3/auth-tokens.ts';
import { catalogRoutes } from './v3/catalog.ts';
import { credentialRoutes } from './v3/credentials.ts';
import { domainRoutes } from './v3/domains.ts';
import { domainConfigRoutes } from './v3/domain-configs.ts';
import { ec2CredentialRoutes } from './v3/ec2-credentials.ts';
import { endpointFilterRoutes } from './v3/endpoint-filter.ts';
import { grantRoutes } from './v3/grants.ts';
import { policyRoutes } from './v3/policies.ts';
import { groupRoutes } from './v3/groups.ts';
import { projectRoutes } from './v3/projects.ts';
import { roleAssignmentRoutes } from './v3/role-assignments.ts';
import { roleRoutes } from './v3/roles.ts';
import { trustRoutes } from './v3/trusts.ts';
import { userRoutes } from './v3/users.ts';
import { xloudAuditEventRoutes } from './v3/xloud-audit-events.ts';
import { xloudPolicyCheckRoutes } from './v3/xloud-policy-check.ts';
import { xloudUserRoutes } from './v3/xloud-users.ts';

/** Every v3 route module; the same table is mounted under /v3 and /identity/v3. */
export const v3RouteModules: Array<(app: FastifyInstance, kit: RouteKit) => void> = [
  authTokenRoutes,
  authDiscoveryRoutes,
  domainRoutes,
  projectRoutes,
  userRoutes,
  groupRoutes,
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

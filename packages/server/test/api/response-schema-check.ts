/**
 * Checks every successful JSON answer of the API suite against the response schema of its route, so a renderer
 * cannot drift from the wire format @xloud/identity-schemas publishes (and the SDK's types are derived from).
 * On by default for the in-process server; `XLOUD_TEST_RESPONSE_SCHEMAS=0` turns it off (e.g. against an external
 * target whose answers are not ours to fix).
 */
import { ResponseSchemas, type ResponseSchemaName } from '@xloud/identity-schemas';
import { Value } from 'typebox/value';
import { isExternalTarget } from '../helpers/target.ts';

/** Method and path (relative to /v3, `:name` for a parameter) → the schema of its success body. */
const ROUTE_RESPONSES: Array<[method: string, path: string, schema: ResponseSchemaName]> = [
  ['GET', '', 'VersionResponse'],
  ['POST', '/auth/tokens', 'TokenResponse'],
  ['GET', '/auth/tokens', 'TokenResponse'],
  ['GET', '/auth/tokens/OS-PKI/revoked', 'RevokedTokenList'],
  ['GET', '/OS-PKI/revoked', 'RevokedTokenList'],
  ['GET', '/OS-REVOKE/events', 'RevocationEventList'],
  ['GET', '/auth/projects', 'ProjectList'],
  ['GET', '/OS-FEDERATION/projects', 'ProjectList'],
  ['GET', '/auth/domains', 'DomainList'],
  ['GET', '/OS-FEDERATION/domains', 'DomainList'],
  ['GET', '/auth/system', 'AuthSystemResponse'],
  ['GET', '/auth/catalog', 'CatalogResponse'],

  ['GET', '/domains', 'DomainList'],
  ['POST', '/domains', 'DomainResponse'],
  ['GET', '/domains/config/default', 'DomainConfigResponse'],
  ['GET', '/domains/config/:group/default', 'DomainConfigResponse'],
  ['GET', '/domains/config/:group/:option/default', 'DomainConfigResponse'],
  ['GET', '/domains/:id', 'DomainResponse'],
  ['PATCH', '/domains/:id', 'DomainResponse'],
  ['PUT', '/domains/:id/config', 'DomainConfigResponse'],
  ['GET', '/domains/:id/config', 'DomainConfigResponse'],
  ['PATCH', '/domains/:id/config', 'DomainConfigResponse'],
  ['GET', '/domains/:id/config/:group', 'DomainConfigResponse'],
  ['PATCH', '/domains/:id/config/:group', 'DomainConfigResponse'],
  ['GET', '/domains/:id/config/:group/:option', 'DomainConfigResponse'],
  ['PATCH', '/domains/:id/config/:group/:option', 'DomainConfigResponse'],

  ['GET', '/projects', 'ProjectList'],
  ['POST', '/projects', 'ProjectResponse'],
  ['GET', '/projects/:id', 'ProjectResponse'],
  ['PATCH', '/projects/:id', 'ProjectResponse'],
  ['GET', '/projects/:id/tags', 'ProjectTags'],
  ['PUT', '/projects/:id/tags', 'ProjectTags'],

  ['GET', '/users', 'UserList'],
  ['POST', '/users', 'UserResponse'],
  ['GET', '/users/:id', 'UserResponse'],
  ['PATCH', '/users/:id', 'UserResponse'],
  ['GET', '/users/:id/groups', 'GroupList'],
  ['GET', '/users/:id/projects', 'ProjectList'],
  ['POST', '/users/:id/application_credentials', 'ApplicationCredentialCreated'],
  ['GET', '/users/:id/application_credentials', 'ApplicationCredentialList'],
  ['GET', '/users/:id/application_credentials/:id', 'ApplicationCredentialResponse'],
  ['GET', '/users/:id/access_rules', 'AccessRuleList'],
  ['GET', '/users/:id/access_rules/:id', 'AccessRuleResponse'],
  ['GET', '/users/:id/credentials/OS-EC2', 'Ec2CredentialList'],
  ['POST', '/users/:id/credentials/OS-EC2', 'Ec2CredentialResponse'],
  ['GET', '/users/:id/credentials/OS-EC2/:id', 'Ec2CredentialResponse'],

  ['GET', '/groups', 'GroupList'],
  ['POST', '/groups', 'GroupResponse'],
  ['GET', '/groups/:id', 'GroupResponse'],
  ['PATCH', '/groups/:id', 'GroupResponse'],
  ['GET', '/groups/:id/users', 'UserList'],

  ['GET', '/roles', 'RoleList'],
  ['POST', '/roles', 'RoleResponse'],
  ['GET', '/roles/:id', 'RoleResponse'],
  ['PATCH', '/roles/:id', 'RoleResponse'],
  ['GET', '/roles/:id/implies', 'RoleInferenceResponse'],
  ['PUT', '/roles/:id/implies/:id', 'ImpliedRoleResponse'],
  ['GET', '/roles/:id/implies/:id', 'ImpliedRoleResponse'],
  ['GET', '/role_inferences', 'RoleInferenceList'],
  ['GET', '/role_assignments', 'RoleAssignmentList'],
  ['GET', '/:target/:id/:actor/:id/roles', 'RoleList'],
  ['GET', '/OS-INHERIT/:target/:id/:actor/:id/roles/inherited_to_projects', 'RoleList'],
  ['GET', '/system/:actor/:id/roles', 'RoleList'],

  ['GET', '/regions', 'RegionList'],
  ['POST', '/regions', 'RegionResponse'],
  ['PUT', '/regions/:id', 'RegionResponse'],
  ['GET', '/regions/:id', 'RegionResponse'],
  ['PATCH', '/regions/:id', 'RegionResponse'],
  ['GET', '/services', 'ServiceList'],
  ['POST', '/services', 'ServiceResponse'],
  ['GET', '/services/:id', 'ServiceResponse'],
  ['PATCH', '/services/:id', 'ServiceResponse'],
  ['GET', '/endpoints', 'EndpointList'],
  ['POST', '/endpoints', 'EndpointResponse'],
  ['GET', '/endpoints/:id', 'EndpointResponse'],
  ['PATCH', '/endpoints/:id', 'EndpointResponse'],

  ['GET', '/credentials', 'CredentialList'],
  ['POST', '/credentials', 'CredentialResponse'],
  ['GET', '/credentials/:id', 'CredentialResponse'],
  ['PATCH', '/credentials/:id', 'CredentialResponse'],
  ['GET', '/policies', 'PolicyList'],
  ['POST', '/policies', 'PolicyResponse'],
  ['GET', '/policies/:id', 'PolicyResponse'],
  ['PATCH', '/policies/:id', 'PolicyResponse'],

  ['POST', '/OS-TRUST/trusts', 'TrustResponse'],
  ['GET', '/OS-TRUST/trusts', 'TrustList'],
  ['GET', '/OS-TRUST/trusts/:id', 'TrustResponse'],
  ['GET', '/OS-TRUST/trusts/:id/roles', 'RoleList'],
  ['GET', '/OS-TRUST/trusts/:id/roles/:id', 'RoleResponse'],

  ['GET', '/OS-EP-FILTER/endpoint_groups', 'EndpointGroupList'],
  ['POST', '/OS-EP-FILTER/endpoint_groups', 'EndpointGroupResponse'],
  ['GET', '/OS-EP-FILTER/endpoint_groups/:id', 'EndpointGroupResponse'],
  ['PATCH', '/OS-EP-FILTER/endpoint_groups/:id', 'EndpointGroupResponse'],
  ['GET', '/OS-EP-FILTER/endpoint_groups/:id/endpoints', 'EndpointList'],
  ['GET', '/OS-EP-FILTER/endpoint_groups/:id/projects', 'ProjectList'],
  ['GET', '/OS-EP-FILTER/endpoint_groups/:id/projects/:id', 'ProjectEndpointGroupResponse'],
  ['GET', '/OS-EP-FILTER/projects/:id/endpoint_groups', 'EndpointGroupList'],
  ['GET', '/OS-EP-FILTER/projects/:id/endpoints', 'EndpointList'],
  ['GET', '/OS-EP-FILTER/endpoints/:id/projects', 'ProjectList'],

  ['POST', '/OS-XLOUD/policy-check', 'PolicyCheckResponse'],
  ['PATCH', '/OS-XLOUD/users/:id/profile', 'UserResponse'],
  ['GET', '/OS-XLOUD/users/:id/sign-ins', 'SignInList'],
  ['GET', '/OS-XLOUD/audit-events', 'AuditEventList'],
];

/** Literal segments win over parameters, so `/domains/config/default` is never read as `/domains/:id/…`. */
const specificity = (path: string) =>
  path
    .split('/')
    .map((s) => (s.startsWith(':') ? '0' : '1'))
    .join('');

const ROUTES = ROUTE_RESPONSES.map(([method, path, schema]) => ({
  method,
  schema,
  pattern: new RegExp(`^${path.replace(/:[a-z_]+/g, '[^/]+')}$`),
  specificity: specificity(path),
})).sort((a, b) => (a.specificity < b.specificity ? 1 : a.specificity > b.specificity ? -1 : 0));

export const responseSchemaCheckEnabled = (): boolean =>
  process.env.XLOUD_TEST_RESPONSE_SCHEMAS !== undefined
    ? process.env.XLOUD_TEST_RESPONSE_SCHEMAS !== '0'
    : !isExternalTarget();

/** The v3 path of a request URL, or undefined for paths outside the v3 API (discovery at `/`, the console). */
function v3Path(url: string): string | undefined {
  const { pathname } = new URL(url);
  const match = /^(?:\/identity)?\/v3(\/.*)?$/.exec(pathname);
  if (!match) return undefined;
  return (match[1] ?? '').replace(/\/$/, '');
}

function responseSchemaFor(method: string, url: string): ResponseSchemaName | undefined {
  const path = v3Path(url);
  if (path === undefined) return undefined;
  return ROUTES.find((r) => r.method === method && r.pattern.test(path))?.schema;
}

/**
 * Throws, naming the route, the schema and every schema error, when a 2xx JSON body of a v3 route does not match.
 * A 2xx JSON body of a v3 route with no schema in the table is an error too: every route must be described.
 */
export function assertResponseMatchesSchema(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
): void {
  if (
    status < 200 ||
    status > 299 ||
    body === undefined ||
    (contentType ?? '').split(';')[0]?.trim() !== 'application/json'
  )
    return;
  const path = v3Path(url);
  if (path === undefined) return;
  const name = responseSchemaFor(method, url);
  if (name === undefined)
    throw new Error(`${method} ${url}: ${status} with a JSON body, but no response schema is mapped to this route`);
  const schema = ResponseSchemas[name];
  if (Value.Check(schema, body)) return;
  const errors = Value.Errors(schema, body)
    .slice(0, 10)
    .map(
      (e) =>
        `  ${e.instancePath || '/'}: ${e.message}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''}`,
    );
  throw new Error(
    `${method} ${url}: the ${status} body does not match ${name}:\n${errors.join('\n')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
  );
}

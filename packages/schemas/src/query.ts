import { Type, type TObject, type TOptional, type TUnion, type TString, type TArray } from 'typebox';

/*
 * The query strings of the v3 routes. Keystone ignores a query parameter it does not know, and filters lists by
 * `<attribute>__<comparator>` keys (`name__icontains`), so every schema here admits any other key. A value is what
 * Fastify's parser gives: a string (`?enabled` is ''), or all the values of a repeated key. Nothing is coerced:
 * the routes read booleans and numbers Keystone's way (`queryFlag`, `queryString`).
 */

/** One query parameter: a string, or an array of strings when the key is repeated. */
const QueryValue = Type.Union([Type.String(), Type.Array(Type.String())]);
type QueryValue = TUnion<[TString, TArray<TString>]>;

/** A query string naming the keys a route reads; any other key is accepted and ignored (or a list filter). */
function queryOf<const K extends string>(names: readonly K[]): TObject<{ [N in K]: TOptional<QueryValue> }> {
  const properties: Record<string, TOptional<QueryValue>> = {};
  for (const name of names) properties[name] = Type.Optional(QueryValue);
  return Type.Object(properties as { [N in K]: TOptional<QueryValue> }, { additionalProperties: true });
}

/** limit and marker: the pagination every paginated list reads. */
const PAGE = ['limit', 'marker'] as const;

export const UserListQuery = queryOf([...PAGE, 'domain_id', 'name', 'enabled', 'password_expires_at']);
export const UserProjectsQuery = queryOf(['enabled', 'name']);
export const DomainListQuery = queryOf([...PAGE, 'name', 'enabled']);
export const ProjectListQuery = queryOf([
  ...PAGE,
  'domain_id',
  'name',
  'enabled',
  'is_domain',
  'parent_id',
  'tags',
  'tags-any',
  'not-tags',
  'not-tags-any',
]);
export const ProjectGetQuery = queryOf(['parents_as_ids', 'subtree_as_ids', 'parents_as_list', 'subtree_as_list']);
export const GroupListQuery = queryOf([...PAGE, 'domain_id', 'name']);
export const RoleListQuery = queryOf(['domain_id', 'name']);
export const RoleAssignmentListQuery = queryOf([
  'effective',
  'include_names',
  'include_subtree',
  'user.id',
  'group.id',
  'role.id',
  'scope.project.id',
  'scope.domain.id',
  'scope.system',
  'scope.OS-INHERIT:inherited_to',
]);
/** POST, GET and HEAD /auth/tokens: `nocatalog` leaves the catalog out; `allow_expired` validates an expired token. */
export const TokenQuery = queryOf(['nocatalog', 'allow_expired']);
export const RevokeEventListQuery = queryOf(['since']);
export const RegionListQuery = queryOf(['parent_region_id']);
export const ServiceListQuery = queryOf(['type', 'name']);
export const EndpointListQuery = queryOf(['service_id', 'interface', 'region_id']);
export const EndpointGroupListQuery = queryOf(['name']);
export const CredentialListQuery = queryOf(['user_id', 'type']);
export const PolicyListQuery = queryOf(['type']);
export const TrustListQuery = queryOf(['trustor_user_id', 'trustee_user_id']);
export const ApplicationCredentialListQuery = queryOf(['name']);
export const AuditEventListQuery = queryOf(['limit', 'marker', 'user_id', 'action', 'outcome', 'since', 'until']);
export const SignInListQuery = queryOf(['limit']);

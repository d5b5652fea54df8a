import { Type, type TOptional, type TString } from 'typebox';

/*
 * The path parameters of the v3 routes. Fastify hands them over as strings, always; these schemas type them and
 * never reject (an unknown id is a 404 from the service, as in Keystone).
 */

type PathParams<K extends string, O extends string> = { [N in K]: TString } & { [N in O]: TOptional<TString> };

/** `{ user_id: string }` and the like: every name a required string; `optional` ones may be absent (route variants). */
function pathParams<const K extends string, const O extends string = never>(
  names: readonly K[],
  optional: readonly O[] = [],
) {
  const properties: Record<string, TString | TOptional<TString>> = {};
  for (const name of names) properties[name] = Type.String();
  for (const name of optional) properties[name] = Type.Optional(Type.String());
  return Type.Object(properties as PathParams<K, O>);
}

export const UserParams = pathParams(['user_id']);
export const DomainParams = pathParams(['domain_id']);
export const ProjectParams = pathParams(['project_id']);
export const ProjectTagParams = pathParams(['project_id', 'tag']);
export const GroupParams = pathParams(['group_id']);
export const GroupMemberParams = pathParams(['group_id', 'user_id']);
export const RoleParams = pathParams(['role_id']);
export const PriorRoleParams = pathParams(['prior_role_id']);
export const RoleInferenceParams = pathParams(['prior_role_id', 'implies_role_id']);
export const RegionParams = pathParams(['region_id']);
/** PUT /regions/{region_id} names a new region: Keystone's region ids are free text up to 255 characters. */
export const NewRegionParams = Type.Object({ region_id: Type.String({ minLength: 1, maxLength: 255 }) });
export const ServiceParams = pathParams(['service_id']);
export const EndpointParams = pathParams(['endpoint_id']);
export const CredentialParams = pathParams(['credential_id']);
export const Ec2CredentialParams = pathParams(['user_id', 'credential_id']);
export const PolicyParams = pathParams(['policy_id']);
export const TrustParams = pathParams(['trust_id']);
export const TrustRoleParams = pathParams(['trust_id', 'role_id']);
export const ConsumerParams = pathParams(['consumer_id']);
export const RequestTokenParams = pathParams(['request_token_id']);
export const AccessTokenParams = pathParams(['user_id', 'access_token_id']);
export const AccessTokenRoleParams = pathParams(['user_id', 'access_token_id', 'role_id']);
export const ApplicationCredentialParams = pathParams(['user_id', 'application_credential_id']);
export const AccessRuleParams = pathParams(['user_id', 'access_rule_id']);
export const EndpointGroupParams = pathParams(['endpoint_group_id']);
export const EndpointGroupProjectParams = pathParams(['endpoint_group_id', 'project_id']);
export const ProjectEndpointParams = pathParams(['project_id', 'endpoint_id']);
/** /domains/{domain_id}/config[/{group}[/{option}]] */
export const DomainConfigParams = pathParams(['domain_id'], ['group', 'option']);
/** /domains/config[/{group}[/{option}]]/default */
export const DomainConfigDefaultParams = pathParams([], ['group', 'option']);
/**
 * A role grant: one actor (user_id or group_id), one target (project_id, domain_id, or none for the system) and,
 * on a single grant, the role_id.
 */
export const GrantParams = pathParams([], ['user_id', 'group_id', 'project_id', 'domain_id', 'role_id']);

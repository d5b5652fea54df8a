import type {
  AccessRuleParams,
  ApplicationCredentialCreate,
  ApplicationCredentialListQuery,
  ApplicationCredentialParams,
  UserParams,
} from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import type { ApplicationCredentialRecord } from '../../services/application-credential/application-credential-driver.ts';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import { collection, renderRole } from '../render/resources.ts';
import type { RouteHandler } from '../route-entry.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';

type OwnerParams = { params: typeof UserParams };

/** A role as Keystone shows it in an application credential: whole (get_role), but without its links. */
function credentialRole(role: RoleRecord, v3: string): Record<string, unknown> {
  const { links: _links, ...whole } = renderRole(role, v3);
  return whole;
}

async function render(
  kit: RouteKit,
  c: ApplicationCredentialRecord,
  v3: string,
  roles?: RoleRecord[],
): Promise<Record<string, unknown>> {
  const roleRecords = roles ?? (await kit.services.roles.listRoles({ ids: c.roleIds }));
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    user_id: c.userId,
    project_id: c.projectId,
    system: c.system,
    expires_at: toKeystoneResourceTime(c.expiresAt),
    unrestricted: c.unrestricted,
    roles: roleRecords.map((r) => credentialRole(r, v3)),
    access_rules: c.accessRules,
    links: { self: `${v3}/users/${c.userId}/application_credentials/${c.id}` },
  };
}

/** The policy target: the user named in the URL owns what is asked for. */
const owner = (request: { params: { user_id: string } }) => ({ target: { user: { id: request.params.user_id } } });

export const createApplicationCredential: RouteHandler<
  OwnerParams & { body: typeof ApplicationCredentialCreate }
> = async (request, reply, kit, policy) => {
  const token = await kit.enforce(request, policy, owner(request));
  const { application_credential: body } = request.body;
  const { credential, secret, roles } = await kit.services.applicationCredentials.create(
    request.params.user_id,
    {
      userId: token.user.id,
      projectId: token.project?.id ?? null,
      roles: token.roles,
      applicationCredential: token.applicationCredential && { unrestricted: token.applicationCredential.unrestricted },
    },
    {
      name: body.name,
      secret: body.secret,
      description: body.description,
      expiresAt: body.expires_at,
      roles: body.roles,
      unrestricted: body.unrestricted ?? undefined,
      accessRules: body.access_rules,
    },
  );
  const rendered = await render(kit, credential, kit.v3Url(request), roles);
  return created(reply, { application_credential: { ...rendered, secret } });
};

export const listApplicationCredentials: RouteHandler<
  OwnerParams & { querystring: typeof ApplicationCredentialListQuery }
> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy, owner(request));
  const list = await kit.services.applicationCredentials.list(request.params.user_id, queryString(request.query.name));
  const v3 = kit.v3Url(request);
  return collection(
    'application_credentials',
    await Promise.all(list.map((c) => render(kit, c, v3))),
    `${v3}/users/${request.params.user_id}/application_credentials`,
  );
};

export const getApplicationCredential: RouteHandler<{ params: typeof ApplicationCredentialParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy, owner(request));
  const credential = await kit.services.applicationCredentials.get(
    request.params.user_id,
    request.params.application_credential_id,
  );
  return { application_credential: await render(kit, credential, kit.v3Url(request)) };
};

export const deleteApplicationCredential: RouteHandler<{ params: typeof ApplicationCredentialParams }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const token = await kit.enforce(request, policy, owner(request));
  await kit.services.applicationCredentials.delete(request.params.user_id, request.params.application_credential_id, {
    applicationCredential: token.applicationCredential && { unrestricted: token.applicationCredential.unrestricted },
  });
  return noContent(reply);
};

export const listAccessRules: RouteHandler<OwnerParams> = async (request, _reply, kit, policy) => {
  await kit.enforce(request, policy, owner(request));
  const v3 = kit.v3Url(request);
  const rules = await kit.services.applicationCredentials.listAccessRules(request.params.user_id);
  return collection(
    'access_rules',
    rules.map((r) => ({ ...r, links: { self: `${v3}/users/${request.params.user_id}/access_rules/${r.id}` } })),
    `${v3}/users/${request.params.user_id}/access_rules`,
  );
};

export const getAccessRule: RouteHandler<{ params: typeof AccessRuleParams }> = async (
  request,
  _reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy, owner(request));
  const rule = await kit.services.applicationCredentials.getAccessRule(
    request.params.user_id,
    request.params.access_rule_id,
  );
  return {
    access_rule: {
      ...rule,
      links: { self: `${kit.v3Url(request)}/users/${request.params.user_id}/access_rules/${rule.id}` },
    },
  };
};

export const deleteAccessRule: RouteHandler<{ params: typeof AccessRuleParams }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  await kit.enforce(request, policy, owner(request));
  await kit.services.applicationCredentials.deleteAccessRule(request.params.user_id, request.params.access_rule_id);
  return noContent(reply);
};

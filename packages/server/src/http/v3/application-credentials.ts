import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApplicationCredentialCreate } from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import type { ApplicationCredentialRecord } from '../../services/application-credential/application-credential-driver.ts';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import { collection } from '../render/resources.ts';
import { created, noContent, queryString, type RouteKit } from '../route-kit.ts';

type Params = { user_id: string };
type ItemParams = { user_id: string; application_credential_id: string };
type RuleParams = { user_id: string; access_rule_id: string };

export function applicationCredentialRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;

  async function render(c: ApplicationCredentialRecord, v3: string, roles?: RoleRecord[]): Promise<Record<string, unknown>> {
    const roleRecords = roles ?? (await services.roles.listRoles({ ids: c.roleIds }));
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      user_id: c.userId,
      project_id: c.projectId,
      system: c.system,
      expires_at: toKeystoneResourceTime(c.expiresAt),
      unrestricted: c.unrestricted,
      roles: roleRecords.map((r) => ({ id: r.id, name: r.name, domain_id: r.domainId })),
      access_rules: c.accessRules,
      links: { self: `${v3}/users/${c.userId}/application_credentials/${c.id}` },
    };
  }

  const owner = (request: FastifyRequest<{ Params: Params }>) => ({ target: { user: { id: request.params.user_id } } });

  app.post<{ Params: Params }>('/users/:user_id/application_credentials', { schema: { body: ApplicationCredentialCreate } }, async (request, reply) => {
    const token = await kit.enforce(request, 'identity:create_application_credential', owner(request));
    const { application_credential: body } = request.body as ApplicationCredentialCreate;
    const { credential, secret, roles } = await services.applicationCredentials.create(
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
    const rendered = await render(credential, kit.v3Url(request), roles);
    return created(reply, { application_credential: { ...rendered, secret } });
  });

  app.get<{ Params: Params }>('/users/:user_id/application_credentials', async (request) => {
    await kit.enforce(request, 'identity:list_application_credentials', owner(request));
    const q = request.query as Record<string, unknown>;
    const list = await services.applicationCredentials.list(request.params.user_id, queryString(q.name));
    const v3 = kit.v3Url(request);
    return collection('application_credentials', await Promise.all(list.map((c) => render(c, v3))), `${v3}/users/${request.params.user_id}/application_credentials`);
  });

  app.get<{ Params: ItemParams }>('/users/:user_id/application_credentials/:application_credential_id', async (request) => {
    await kit.enforce(request, 'identity:get_application_credential', owner(request));
    const credential = await services.applicationCredentials.get(request.params.user_id, request.params.application_credential_id);
    return { application_credential: await render(credential, kit.v3Url(request)) };
  });

  app.delete<{ Params: ItemParams }>('/users/:user_id/application_credentials/:application_credential_id', async (request, reply) => {
    const token = await kit.enforce(request, 'identity:delete_application_credential', owner(request));
    await services.applicationCredentials.delete(request.params.user_id, request.params.application_credential_id, {
      applicationCredential: token.applicationCredential && { unrestricted: token.applicationCredential.unrestricted },
    });
    return noContent(reply);
  });

  app.get<{ Params: Params }>('/users/:user_id/access_rules', async (request) => {
    await kit.enforce(request, 'identity:list_access_rules', owner(request));
    const v3 = kit.v3Url(request);
    const rules = await services.applicationCredentials.listAccessRules(request.params.user_id);
    return collection(
      'access_rules',
      rules.map((r) => ({ ...r, links: { self: `${v3}/users/${request.params.user_id}/access_rules/${r.id}` } })),
      `${v3}/users/${request.params.user_id}/access_rules`,
    );
  });

  app.get<{ Params: RuleParams }>('/users/:user_id/access_rules/:access_rule_id', async (request) => {
    await kit.enforce(request, 'identity:get_access_rule', owner(request));
    const rule = await services.applicationCredentials.getAccessRule(request.params.user_id, request.params.access_rule_id);
    return { access_rule: { ...rule, links: { self: `${kit.v3Url(request)}/users/${request.params.user_id}/access_rules/${rule.id}` } } };
  });

  app.delete<{ Params: RuleParams }>('/users/:user_id/access_rules/:access_rule_id', async (request, reply) => {
    await kit.enforce(request, 'identity:delete_access_rule', owner(request));
    await services.applicationCredentials.deleteAccessRule(request.params.user_id, request.params.access_rule_id);
    return noContent(reply);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Ec2CredentialCreate } from '@xloud/identity-schemas';
import { NotFoundError } from '../../errors.ts';
import type { Ec2Credential } from '../../services/credential/ec2-credential-service.ts';
import { ec2CredentialId } from '../../services/credential/ec2-credential-service.ts';
import { collection } from '../render/resources.ts';
import { created, noContent, type RouteKit } from '../route-kit.ts';
import { requirePrimaryAuth } from './credentials.ts';

type UserParams = { user_id: string };
type Params = { user_id: string; credential_id: string };

function renderEc2(c: Ec2Credential, v3: string): Record<string, unknown> {
  return {
    user_id: c.userId,
    tenant_id: c.projectId,
    access: c.access,
    secret: c.secret,
    trust_id: c.trustId,
    links: { self: `${v3}/users/${c.userId}/credentials/OS-EC2/${c.access}` },
  };
}

/**
 * OS-EC2 (keystone/api/users.py): EC2 key pairs of a user, addressed by access key. Delegated tokens (trusts,
 * application credentials) are refused outright, as the reference does since LP#2159643 and as /v3/credentials
 * does here, so a stolen delegation cannot mint or read long-lived EC2 keys; `trust_id` is therefore always null.
 */
export function ec2CredentialRoutes(app: FastifyInstance, kit: RouteKit): void {
  const { services } = kit;
  const base = '/users/:user_id/credentials/OS-EC2';

  app.get<{ Params: UserParams }>(base, async (request) => {
    const token = await kit.enforce(request, 'identity:ec2_list_credentials');
    requirePrimaryAuth(token);
    await services.identity.getUser(request.params.user_id);
    const v3 = kit.v3Url(request);
    const credentials = await services.ec2Credentials.list(request.params.user_id);
    return collection('credentials', credentials.map((c) => renderEc2(c, v3)), `${v3}/users/${request.params.user_id}/credentials/OS-EC2`);
  });

  app.post<{ Params: UserParams }>(base, { schema: { body: Ec2CredentialCreate } }, async (request, reply) => {
    const { user_id: userId } = request.params;
    const token = await kit.enforce(request, 'identity:ec2_create_credential', { target: { credential: { user_id: userId } } });
    await services.identity.getUser(userId);
    const tenantId = (request.body as Ec2CredentialCreate).tenant_id;
    // Keystone looks the project up as given; absent or null reads as Python's None.
    if (tenantId === undefined || tenantId === null) throw NotFoundError.resource('project', 'None');
    await services.resource.getProject(tenantId);
    requirePrimaryAuth(token);
    const credential = await services.ec2Credentials.create(userId, tenantId);
    return created(reply, { credential: renderEc2(credential, kit.v3Url(request)) });
  });

  /**
   * Keystone's order: the credential is looked up by the hash of the access key before policy (so a missing one
   * is a 404 for everyone, which Tempest relies on), the policy target is its owner, then the user in the URL must
   * exist and own it, and only then is a delegated token refused.
   */
  async function loadAndEnforce(request: FastifyRequest<{ Params: Params }>, action: string): Promise<void> {
    await kit.authenticate(request);
    const { user_id: userId, credential_id: access } = request.params;
    const credential = await services.ec2Credentials.describe(access);
    if (!credential) throw NotFoundError.resource('credential', ec2CredentialId(access));
    const token = await kit.enforce(request, action, {
      target: { credential: { id: credential.id, user_id: credential.userId, project_id: credential.projectId, type: credential.type } },
    });
    await services.identity.getUser(userId);
    // Keystone serves any user's key pair under any user's URL once policy passed; we require the URL to name the owner.
    if (credential.userId !== userId) throw NotFoundError.resource('credential', credential.id);
    requirePrimaryAuth(token);
  }

  app.get<{ Params: Params }>(`${base}/:credential_id`, async (request) => {
    await loadAndEnforce(request, 'identity:ec2_get_credential');
    return { credential: renderEc2(await services.ec2Credentials.get(request.params.credential_id), kit.v3Url(request)) };
  });

  app.delete<{ Params: Params }>(`${base}/:credential_id`, async (request, reply) => {
    await loadAndEnforce(request, 'identity:ec2_delete_credential');
    await services.ec2Credentials.delete(request.params.credential_id);
    return noContent(reply);
  });
}

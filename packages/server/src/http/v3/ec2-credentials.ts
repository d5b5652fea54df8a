import type { Ec2CredentialCreate, Ec2CredentialParams, UserParams } from '@xloud/identity-schemas';
import { NotFoundError } from '../../errors.ts';
import type { Ec2Credential } from '../../services/credential/ec2-credential-service.ts';
import { ec2CredentialId } from '../../services/credential/ec2-credential-service.ts';
import { collection } from '../render/resources.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { created, noContent, type RouteKit } from '../route-kit.ts';
import { requirePrimaryAuth } from './credentials.ts';

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

/*
 * OS-EC2 (keystone/api/users.py): EC2 key pairs of a user, addressed by access key. Delegated tokens (trusts,
 * application credentials) are refused outright, as the reference does since LP#2159643 and as /v3/credentials
 * does here, so a stolen delegation cannot mint or read long-lived EC2 keys; `trust_id` is therefore always null.
 */
type OwnerParams = { params: typeof UserParams };
type OneEc2 = { params: typeof Ec2CredentialParams };

export const listEc2Credentials: RouteHandler<OwnerParams> = async (request, _reply, kit, policy) => {
  const token = await kit.enforce(request, policy);
  requirePrimaryAuth(token);
  await kit.services.identity.getUser(request.params.user_id);
  const v3 = kit.v3Url(request);
  const credentials = await kit.services.ec2Credentials.list(request.params.user_id);
  return collection(
    'credentials',
    credentials.map((c) => renderEc2(c, v3)),
    `${v3}/users/${request.params.user_id}/credentials/OS-EC2`,
  );
};

export const createEc2Credential: RouteHandler<OwnerParams & { body: typeof Ec2CredentialCreate }> = async (
  request,
  reply,
  kit,
  policy,
) => {
  const { services } = kit;
  const { user_id: userId } = request.params;
  const token = await kit.enforce(request, policy, { target: { credential: { user_id: userId } } });
  await services.identity.getUser(userId);
  const tenantId = request.body.tenant_id;
  // Keystone looks the project up as given; absent or null reads as Python's None.
  if (tenantId === undefined || tenantId === null) throw NotFoundError.resource('project', 'None');
  await services.resource.getProject(tenantId);
  requirePrimaryAuth(token);
  const credential = await services.ec2Credentials.create(userId, tenantId);
  return created(reply, { credential: renderEc2(credential, kit.v3Url(request)) });
};

/**
 * Keystone's order: the credential is looked up by the hash of the access key before policy (so a missing one
 * is a 404 for everyone, which Tempest relies on), the policy target is its owner, then the user in the URL must
 * exist and own it, and only then is a delegated token refused.
 */
async function loadAndEnforce(kit: RouteKit, request: TypedRequest<OneEc2>, action: string): Promise<void> {
  const { services } = kit;
  await kit.authenticate(request);
  const { user_id: userId, credential_id: access } = request.params;
  const credential = await services.ec2Credentials.describe(access);
  if (!credential) throw NotFoundError.resource('credential', ec2CredentialId(access));
  const token = await kit.enforce(request, action, {
    target: {
      credential: {
        id: credential.id,
        user_id: credential.userId,
        project_id: credential.projectId,
        type: credential.type,
      },
    },
  });
  await services.identity.getUser(userId);
  // Keystone serves any user's key pair under any user's URL once policy passed; we require the URL to name the owner.
  if (credential.userId !== userId) throw NotFoundError.resource('credential', credential.id);
  requirePrimaryAuth(token);
}

export const getEc2Credential: RouteHandler<OneEc2> = async (request, _reply, kit, policy) => {
  await loadAndEnforce(kit, request, policy);
  return {
    credential: renderEc2(await kit.services.ec2Credentials.get(request.params.credential_id), kit.v3Url(request)),
  };
};

export const deleteEc2Credential: RouteHandler<OneEc2> = async (request, reply, kit, policy) => {
  await loadAndEnforce(kit, request, policy);
  await kit.services.ec2Credentials.delete(request.params.credential_id);
  return noContent(reply);
};

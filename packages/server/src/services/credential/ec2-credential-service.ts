import { createHash } from 'node:crypto';
import { NotFoundError, UnauthorizedError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { Credential, CredentialService, CredentialSummary } from './credential-service.ts';

/** An EC2 key pair as `/v3/users/{user_id}/credentials/OS-EC2` shows it (Keystone's _convert_v3_to_ec2_credential). */
export interface Ec2Credential {
  userId: string;
  projectId: string | null;
  access: string | null;
  secret: string | null;
  trustId: string | null;
}

const EC2_CREDENTIAL_TYPE = 'ec2';

/** Keystone's utils.hash_access_key: an ec2 credential's id is the SHA-256 of its access key. */
export const ec2CredentialId = (access: string): string => createHash('sha256').update(access, 'utf8').digest('hex');

/** A blob that is not a JSON object reads as one with no keys (Keystone would fail on it with a 500). */
function blobOf(credential: Credential): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(credential.blob);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toEc2(credential: Credential): Ec2Credential {
  const blob = blobOf(credential);
  return {
    userId: credential.userId,
    projectId: credential.projectId,
    access: text(blob.access),
    secret: text(blob.secret),
    trustId: text(blob.trust_id),
  };
}

/**
 * The OS-EC2 view of credentials: key pairs stored by the credential service as type `ec2` (blob
 * `{"access", "secret", "trust_id"}`, encrypted at rest like every credential) and addressed by access key.
 * The same rows are visible through `/v3/credentials`, as in Keystone.
 */
export class Ec2CredentialService {
  constructor(private readonly credentials: CredentialService) {}

  /** The stored credential behind an access key (for policy targets), without decrypting it. */
  describe(access: string): Promise<CredentialSummary | undefined> {
    return this.credentials.describe(ec2CredentialId(access));
  }

  /** A new random key pair for the user on the project; the id is derived from the access key. */
  async create(userId: string, projectId: string, trustId: string | null = null): Promise<Ec2Credential> {
    const blob = { access: newId(), secret: newId(), trust_id: trustId };
    return toEc2(
      await this.credentials.create({ userId, projectId, type: EC2_CREDENTIAL_TYPE, blob: JSON.stringify(blob) }),
    );
  }

  async list(userId: string): Promise<Ec2Credential[]> {
    return (await this.credentials.list({ userId, type: EC2_CREDENTIAL_TYPE })).map(toEc2);
  }

  /** 404 when no credential has this access key; Keystone's 401 when the one that does is not an ec2 credential. */
  async get(access: string): Promise<Ec2Credential> {
    return toEc2(await this.credentials.get(await this.find(access)));
  }

  async delete(access: string): Promise<void> {
    await this.credentials.delete(await this.find(access));
  }

  private async find(access: string): Promise<string> {
    const id = ec2CredentialId(access);
    const credential = await this.credentials.describe(id);
    if (!credential) throw NotFoundError.resource('credential', id);
    if (credential.type !== EC2_CREDENTIAL_TYPE) throw new UnauthorizedError('EC2 access key not found.');
    return id;
  }
}

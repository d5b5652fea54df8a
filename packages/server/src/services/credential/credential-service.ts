import { createHash } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { ServiceContext } from '../service-context.ts';
import type { CredentialRecord } from './credential-driver.ts';
import type { CredentialProvider } from './credential-provider.ts';

/** A credential as the API shows it: the blob decrypted. Only ever built on the way out of this service. */
export interface Credential {
  id: string;
  userId: string;
  projectId: string | null;
  type: string;
  blob: string;
  extra: Record<string, unknown>;
}

export type CredentialSummary = Omit<Credential, 'blob'>;

export interface CredentialInput {
  userId: string;
  projectId?: string | null;
  type: string;
  blob: string;
  extra?: Record<string, unknown>;
}

export type CredentialPatch = Partial<Omit<CredentialInput, 'extra'>> & { extra?: Record<string, unknown> };

/** Keystone's ValidationError(attribute, target) wording. */
const missing = (attribute: string) =>
  new ValidationError(
    `Expecting to find ${attribute} in credential. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
  );

const isEc2 = (type: string) => type.toLowerCase() === 'ec2';

/** Keys an ec2 blob may carry that bind it to a delegation; an update must not add, change or drop them. */
const PINNED_EC2_KEYS = ['trust_id', 'app_cred_id', 'access_token_id', 'access_id'] as const;

/** An ec2 blob must be a JSON object with an `access` key (keystone/api/credentials.py `_validate_blob_json`). */
function parseEc2Blob(blob: string): Record<string, unknown> & { access: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    throw new ValidationError('Invalid blob in credential');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.keys(parsed).length === 0)
    throw missing('blob');
  const access = (parsed as Record<string, unknown>).access;
  if (access === undefined || access === null) throw missing('access');
  // Keystone hashes access.encode('utf8'), which fails (500) on anything but a string; we say why instead.
  if (typeof access !== 'string') throw missing('access');
  return parsed as Record<string, unknown> & { access: string };
}

/**
 * Credentials (Keystone's "credential" subsystem): secrets such as EC2 key pairs and TOTP seeds, owned by a user,
 * encrypted at rest by the CredentialProvider. Plaintext blobs exist only in requests, responses and this class.
 */
export class CredentialService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly provider: CredentialProvider,
    /** `[credential] user_limit`; -1 is unlimited. */
    private readonly userLimit: number,
  ) {}

  async get(id: string): Promise<Credential> {
    return this.decrypt(await this.load(id));
  }

  /**
   * The credential without its secret, or undefined: policy targets are built from this before existence is
   * checked (as Keystone does), and nothing is decrypted for a caller who may turn out not to be allowed.
   */
  async describe(id: string): Promise<CredentialSummary | undefined> {
    const record = await this.ctx.store.credentials.getCredential(id);
    return (
      record && {
        id: record.id,
        userId: record.userId,
        projectId: record.projectId,
        type: record.type,
        extra: record.extra,
      }
    );
  }

  async list(filter: { userId?: string; type?: string; projectId?: string }): Promise<Credential[]> {
    return (await this.ctx.store.credentials.listCredentials(filter)).map((r) => this.decrypt(r));
  }

  async create(input: CredentialInput): Promise<Credential> {
    const projectId = input.projectId ?? null;
    // An ec2 credential is useless without a project: its tokens are scoped to it.
    if (input.type === 'ec2' && !projectId)
      throw ValidationError.field('project_id', "'project_id' is a required property");
    let id = newId();
    if (isEc2(input.type)) {
      // The id is derived from the access key so /v3/ec2tokens can find the credential by it.
      id = createHash('sha256').update(parseEc2Blob(input.blob).access, 'utf8').digest('hex');
    }
    await this.assertLimitNotExceeded(input.userId);
    const record: CredentialRecord = {
      id,
      userId: input.userId,
      projectId,
      type: input.type,
      ...this.encrypt(input.type, input.blob),
      extra: input.extra ?? {},
    };
    await this.ctx.store.credentials.createCredential(record);
    this.ctx.audit.resource('created', 'credential', id);
    return { id, userId: record.userId, projectId, type: record.type, blob: input.blob, extra: record.extra };
  }

  /** Checks that belong to the credential itself; who may update is the caller's business (policy). */
  async update(id: string, patch: CredentialPatch): Promise<Credential> {
    const current = await this.get(id);
    if (patch.blob !== undefined && isEc2(current.type)) {
      const next = parseEc2Blob(patch.blob);
      const previous = parseObject(current.blob);
      for (const key of PINNED_EC2_KEYS) {
        if (JSON.stringify(previous[key]) !== JSON.stringify(next[key]))
          throw new ValidationError(`${key} can not be updated for credential`);
      }
    }
    const type = patch.type ?? current.type;
    // Keystone checks only a change of type; we also refuse to unset the project of an ec2 credential.
    const projectId = patch.projectId !== undefined ? patch.projectId : current.projectId;
    if ((patch.type !== undefined || patch.projectId !== undefined) && isEc2(type) && !projectId)
      throw missing('project_id');
    const blob = patch.blob ?? current.blob;
    // Re-encrypt when the blob or its encoding (ec2 blobs are stored JSON-encoded, as Keystone does) changes.
    const reencrypt = patch.blob !== undefined || (type === 'ec2') !== (current.type === 'ec2');
    await this.ctx.store.credentials.updateCredential(id, {
      userId: patch.userId,
      projectId: patch.projectId,
      type: patch.type,
      ...(reencrypt ? this.encrypt(type, blob) : {}),
      extra: patch.extra === undefined ? undefined : { ...current.extra, ...patch.extra },
    });
    this.ctx.audit.resource('updated', 'credential', id);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.load(id);
    await this.ctx.store.credentials.deleteCredential(id);
    this.ctx.audit.resource('deleted', 'credential', id);
  }

  /** For IdentityService.deleteUser: Keystone removes a deleted user's credentials. */
  deleteForUser(userId: string): Promise<void> {
    return this.ctx.store.credentials.deleteForUser(userId);
  }

  /** For ResourceService.deleteProject: Keystone removes a deleted project's credentials. */
  deleteForProject(projectId: string): Promise<void> {
    return this.ctx.store.credentials.deleteForProject(projectId);
  }

  /** True when every stored credential is encrypted with the primary key (so a rotation loses nothing). */
  async allEncryptedWithPrimaryKey(): Promise<boolean> {
    const primary = this.provider.primaryKeyHash();
    return (await this.ctx.store.credentials.listCredentials({})).every((c) => c.keyHash === primary);
  }

  /** `credential migrate`: re-encrypts every credential not under the primary key; returns how many. */
  async reencryptWithPrimaryKey(): Promise<number> {
    const primary = this.provider.primaryKeyHash();
    let count = 0;
    for (const record of await this.ctx.store.credentials.listCredentials({})) {
      if (record.keyHash === primary) continue;
      const plaintext = this.provider.decrypt(record.encryptedBlob);
      const { encryptedBlob, keyHash } = this.provider.encrypt(plaintext);
      await this.ctx.store.credentials.updateCredential(record.id, { encryptedBlob, keyHash });
      count += 1;
    }
    return count;
  }

  private async load(id: string): Promise<CredentialRecord> {
    const record = await this.ctx.store.credentials.getCredential(id);
    if (!record) throw NotFoundError.resource('credential', id);
    return record;
  }

  private async assertLimitNotExceeded(userId: string): Promise<void> {
    if (this.userLimit < 0) return;
    if ((await this.ctx.store.credentials.listCredentials({ userId })).length >= this.userLimit) {
      throw new ForbiddenError(
        `Unable to create additional credentials, maximum of ${this.userLimit} already exceeded for user.`,
      );
    }
  }

  /** Keystone JSON-encodes ec2 blobs before encrypting them (type compared exactly, as it does). */
  private encrypt(type: string, blob: string): { encryptedBlob: string; keyHash: string } {
    return this.provider.encrypt(type === 'ec2' ? JSON.stringify(blob) : blob);
  }

  private decrypt(record: CredentialRecord): Credential {
    const plaintext = this.provider.decrypt(record.encryptedBlob);
    return {
      id: record.id,
      userId: record.userId,
      projectId: record.projectId,
      type: record.type,
      blob: record.type === 'ec2' ? decodeEc2Plaintext(plaintext) : plaintext,
      extra: record.extra,
    };
  }
}

/**
 * An ec2 plaintext is normally a JSON string literal. Keystone also leaves raw JSON objects behind (blobs from
 * before bug 1259584, or updated without `type`); those are returned as stored, which is the text the client sent.
 */
function decodeEc2Plaintext(plaintext: string): string {
  try {
    const value: unknown = JSON.parse(plaintext);
    return typeof value === 'string' ? value : plaintext;
  } catch {
    return plaintext;
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

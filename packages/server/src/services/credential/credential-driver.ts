/** Storage port for credentials (`/v3/credentials`; OS-EC2 key pairs are credentials of type ec2). Blobs cross this port encrypted only. */
export interface CredentialRecord {
  id: string;
  userId: string;
  projectId: string | null;
  type: string;
  /** Fernet token of the secret; the plaintext never reaches storage. */
  encryptedBlob: string;
  /** SHA-1 of the key that encrypted the blob (Keystone's `key_hash`); null for rows written before 002. */
  keyHash: string | null;
  extra: Record<string, unknown>;
}

export interface CredentialDriver {
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentials(filter: { userId?: string; type?: string; projectId?: string }): Promise<CredentialRecord[]>;
  /** 409 (ConflictError) when the id exists: an ec2 credential's id is derived from its access key. */
  createCredential(credential: CredentialRecord): Promise<void>;
  updateCredential(id: string, patch: Partial<Omit<CredentialRecord, 'id'>>): Promise<void>;
  deleteCredential(id: string): Promise<void>;
  /** Keystone deletes a user's credentials with the user. */
  deleteForUser(userId: string): Promise<void>;
  /** …and a project's credentials with the project. */
  deleteForProject(projectId: string): Promise<void>;
}

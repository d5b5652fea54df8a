/** Storage port for revocation events (Keystone never stores tokens). */
export interface RevocationEventRecord {
  id?: number;
  domainId: string | null;
  projectId: string | null;
  userId: string | null;
  roleId: string | null;
  trustId: string | null;
  consumerId: string | null;
  accessTokenId: string | null;
  issuedBefore: string;
  expiresAt: string | null;
  revokedAt: string;
  auditId: string | null;
  auditChainId: string | null;
}

export interface RevokeDriver {
  add(event: RevocationEventRecord): Promise<void>;
  list(since?: string): Promise<RevocationEventRecord[]>;
  /** Events that could match a token issued at issuedAt; the caller does the exact match. */
  candidates(issuedAt: string): Promise<RevocationEventRecord[]>;
  pruneRevokedBefore(cutoff: string): Promise<void>;
}

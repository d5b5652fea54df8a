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
  /**
   * Events that could match a token (Keystone's SQL pre-filter: issued after the token, and naming none
   * or one of its user ids, its project and its audit ids); the caller does the exact match. With `trustId`, the
   * events naming that trust's trustor or trustee are among them too (their ids need not be known yet).
   */
  candidates(token: {
    issuedAt: string;
    userIds: string[];
    projectId?: string;
    auditIds: string[];
    trustId?: string;
  }): Promise<RevocationEventRecord[]>;
  pruneRevokedBefore(cutoff: string): Promise<void>;
  /** How many events are stored (the revocation-events gauge). */
  count(): Promise<number>;
}

/** Storage port for OS-TRUST delegations. */
export interface TrustRecord {
  id: string;
  trustorUserId: string;
  trusteeUserId: string;
  projectId: string | null;
  impersonation: boolean;
  expiresAt: string | null;
  remainingUses: number | null;
  allowRedelegation: boolean;
  redelegatedTrustId: string | null;
  redelegationCount: number | null;
  createdAt: string;
  extra: Record<string, unknown>;
  roleIds: string[];
}

export interface TrustDriver {
  get(id: string): Promise<TrustRecord | undefined>;
  list(filter: { trustorUserId?: string; trusteeUserId?: string }): Promise<TrustRecord[]>;
  create(trust: TrustRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** Atomically takes one use; false when none is left. Unlimited trusts always succeed. */
  consumeUse(id: string): Promise<boolean>;
  deleteForUser(userId: string): Promise<string[]>;
}

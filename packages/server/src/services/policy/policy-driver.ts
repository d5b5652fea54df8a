/** Storage port for policy blobs (`/v3/policies`): documents the server stores for other services, never enforces. */
export interface PolicyRecord {
  id: string;
  type: string;
  blob: string;
  extra: Record<string, unknown>;
}

export interface PolicyDriver {
  getPolicy(id: string): Promise<PolicyRecord | undefined>;
  listPolicies(filter: { type?: string }): Promise<PolicyRecord[]>;
  createPolicy(policy: PolicyRecord): Promise<void>;
  updatePolicy(id: string, patch: Partial<Omit<PolicyRecord, 'id'>>): Promise<void>;
  deletePolicy(id: string): Promise<void>;
}

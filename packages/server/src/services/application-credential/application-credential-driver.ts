/** Storage port for application credentials and their access rules. */
export interface AccessRuleRecord {
  id: string;
  service: string;
  path: string;
  method: string;
}

export interface ApplicationCredentialRecord {
  id: string;
  name: string;
  secretHash: string;
  description: string | null;
  userId: string;
  projectId: string | null;
  system: string | null;
  expiresAt: string | null;
  /** null when the creator did not say: Keystone shows null, and restricts such a credential as if false. */
  unrestricted: boolean | null;
  createdAt: string;
  roleIds: string[];
  accessRules: AccessRuleRecord[];
}

export interface ApplicationCredentialDriver {
  get(id: string): Promise<ApplicationCredentialRecord | undefined>;
  getByName(userId: string, name: string): Promise<ApplicationCredentialRecord | undefined>;
  list(filter: { userId?: string; name?: string; projectId?: string }): Promise<ApplicationCredentialRecord[]>;
  create(credential: ApplicationCredentialRecord): Promise<void>;
  /** Replaces the stored secret hash (re-sealing after a credential key rotation); the secret stays the same. */
  updateSecretHash(id: string, secretHash: string): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteForProject(projectId: string): Promise<void>;
  listAccessRules(userId: string): Promise<AccessRuleRecord[]>;
  getAccessRule(userId: string, id: string): Promise<AccessRuleRecord | undefined>;
  /** Returns false when an application credential still uses the rule. */
  deleteAccessRule(userId: string, id: string): Promise<boolean>;
}

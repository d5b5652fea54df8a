/**
 * The database schema as Kysely sees it. Booleans are stored as 0/1 integers and
 * timestamps as fixed-width ISO-8601 UTC strings so that SQLite, PostgreSQL and
 * MySQL compare and sort them identically.
 */
import type { Generated } from 'kysely';
import type { AssignmentType } from '../services/assignment/assignment-driver.ts';
import type { UserRecord } from '../services/identity/identity-driver.ts';
import type { SnakeCaseKeys } from '../wire-case.ts';

type Flag = number;
type IsoTime = string;

/** Global roles carry this sentinel domain so (name, domain_id) stays unique. */
export const GLOBAL_ROLE_SENTINEL = '<<null>>';

export interface ProjectTable {
  id: string;
  name: string;
  domain_id: string;
  parent_id: string | null;
  is_domain: Flag;
  enabled: Flag;
  description: string | null;
  extra: string;
}

interface ProjectTagTable {
  project_id: string;
  name: string;
}

/**
 * The identity_user row is the UserRecord with its names snake_cased: a user attribute a client sets is declared once,
 * in @xloud/identity-schemas (user-attributes.ts), plus its migration. Only what SQL stores differently is spelt out.
 */
export type UserTable = SnakeCaseKeys<Omit<UserRecord, 'enabled' | 'extra' | 'options'>> & {
  enabled: Flag;
  extra: string;
  options: string;
};

interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  created_at: IsoTime;
}

export interface GroupTable {
  id: string;
  domain_id: string;
  name: string;
  description: string | null;
  extra: string;
}

interface GroupMembershipTable {
  user_id: string;
  group_id: string;
}

export interface RoleTable {
  id: string;
  name: string;
  domain_id: string;
  description: string | null;
  options: string;
  extra: string;
}

interface ImpliedRoleTable {
  prior_role_id: string;
  implied_role_id: string;
}

export interface AssignmentTable {
  type: AssignmentType;
  actor_id: string;
  target_id: string;
  role_id: string;
  inherited: Flag;
}

export interface RegionTable {
  id: string;
  description: string;
  parent_region_id: string | null;
  extra: string;
}

export interface ServiceTable {
  id: string;
  type: string;
  enabled: Flag;
  extra: string;
}

export interface EndpointTable {
  id: string;
  interface: string;
  service_id: string;
  url: string;
  region_id: string | null;
  enabled: Flag;
  extra: string;
}

export interface ApplicationCredentialTable {
  id: string;
  name: string;
  secret_hash: string;
  description: string | null;
  user_id: string;
  project_id: string | null;
  system: string | null;
  expires_at: IsoTime | null;
  /** NULL: the creator did not say (restricted, as false). */
  unrestricted: Flag | null;
  created_at: IsoTime;
}

interface ApplicationCredentialRoleTable {
  application_credential_id: string;
  role_id: string;
}

interface AccessRuleTable {
  id: string;
  external_id: string;
  user_id: string;
  service: string;
  path: string;
  method: string;
}

interface ApplicationCredentialAccessRuleTable {
  application_credential_id: string;
  access_rule_id: string;
}

export interface CredentialTable {
  id: string;
  user_id: string;
  project_id: string | null;
  type: string;
  /** The Fernet token of the secret, never the plaintext (Keystone's `encrypted_blob`). */
  blob: string;
  extra: string;
  /** SHA-1 of the credential key that encrypted `blob` (002). */
  key_hash: string | null;
}

/** Policy blobs (`/v3/policies`), opaque to the server (002). */
export interface PolicyTable {
  id: string;
  type: string;
  blob: string;
  extra: string;
}

export interface RevocationEventTable {
  id: Generated<number>;
  domain_id: string | null;
  project_id: string | null;
  user_id: string | null;
  role_id: string | null;
  trust_id: string | null;
  consumer_id: string | null;
  access_token_id: string | null;
  issued_before: IsoTime;
  expires_at: IsoTime | null;
  revoked_at: IsoTime;
  audit_id: string | null;
  audit_chain_id: string | null;
}

export interface TrustTable {
  id: string;
  trustor_user_id: string;
  trustee_user_id: string;
  project_id: string | null;
  impersonation: Flag;
  expires_at: IsoTime | null;
  remaining_uses: number | null;
  allow_redelegation: Flag;
  redelegated_trust_id: string | null;
  redelegation_count: number | null;
  created_at: IsoTime;
  extra: string;
}

/** OS-OAUTH1 (migration 014): `secret` columns hold Fernet ciphertext sealed with the credential key repository. */
export interface OAuth1ConsumerTable {
  id: string;
  description: string | null;
  secret: string;
  secret_key_hash: string;
  extra: string;
}

export interface OAuth1RequestTokenTable {
  id: string;
  secret: string;
  secret_key_hash: string;
  verifier: string | null;
  authorizing_user_id: string | null;
  requested_project_id: string;
  role_ids: string | null;
  consumer_id: string;
  expires_at: IsoTime | null;
}

export interface OAuth1AccessTokenTable {
  id: string;
  secret: string;
  secret_key_hash: string;
  authorizing_user_id: string;
  project_id: string;
  role_ids: string;
  consumer_id: string;
  expires_at: IsoTime | null;
}

interface TrustRoleTable {
  trust_id: string;
  role_id: string;
}

interface ChangeCounterTable {
  id: number;
  value: number;
}

/** OS-EP-FILTER: an endpoint associated with a project (006). */
interface ProjectEndpointTable {
  endpoint_id: string;
  project_id: string;
}

/** OS-EP-FILTER endpoint groups; `filters` is JSON text (006). */
export interface EndpointGroupTable {
  id: string;
  name: string;
  description: string | null;
  filters: string;
}

interface ProjectEndpointGroupTable {
  endpoint_group_id: string;
  project_id: string;
}

/** One domain-specific configuration option; `value` is JSON text (007). */
interface DomainConfigTable {
  domain_id: string;
  group_name: string;
  option_name: string;
  value: string;
  sensitive: Flag;
}

/** OS-XLOUD sign-in activity (migration 008). */
export interface SignInTable {
  id: Generated<number>;
  user_id: string;
  attempted_at: IsoTime;
  method: string;
  success: Flag;
  source_address: string | null;
  user_agent: string | null;
}

/** The audit trail (migration 009). */
export interface AuditEventTable {
  id: string;
  event_type: string;
  action: string;
  outcome: string;
  initiator_user_id: string | null;
  target_type: string;
  target_id: string | null;
  project_id: string | null;
  domain_id: string | null;
  event_time: IsoTime;
  request_id: string | null;
  payload: string;
}

/** Fernet and credential keys in the database (migration 010, `key_repository = sql://`). */
interface FernetKeyTable {
  /** 'token' ([fernet_tokens]) or 'credential' ([credential]). */
  repository: string;
  key_index: number;
  /** The key's text sealed with the key-encryption key (crypto/key-encryption.ts). */
  sealed_key: string;
  created_at: IsoTime;
}

/** The newest TOTP step each user signed in with (migration 013): passcodes are single-use. */
interface TotpStepUsedTable {
  user_id: string;
  last_step: number;
}

/** Auth receipts that completed a sign-in, by SHA-256 digest, until they expire (migration 013). */
interface UsedAuthReceiptTable {
  digest: string;
  expires_at: IsoTime;
}

/** A TOTP secret being enrolled through self-service, encrypted with the credential keys (migration 014). */
interface MfaPendingEnrolmentTable {
  user_id: string;
  encrypted_secret: string;
  key_hash: string;
  expires_at: IsoTime;
}

/** Two-factor switched on through self-service, and the `totp` credential it created (migration 014). */
interface MfaEnrolmentTable {
  user_id: string;
  credential_id: string;
  enabled_at: IsoTime;
}

/** One-time recovery codes, sealed (migration 014). */
interface MfaRecoveryCodeTable {
  id: string;
  user_id: string;
  sealed_code: string;
}

export interface Database {
  project: ProjectTable;
  project_tag: ProjectTagTable;
  identity_user: UserTable;
  password_history: PasswordHistoryTable;
  identity_group: GroupTable;
  group_membership: GroupMembershipTable;
  role: RoleTable;
  implied_role: ImpliedRoleTable;
  assignment: AssignmentTable;
  region: RegionTable;
  service: ServiceTable;
  endpoint: EndpointTable;
  application_credential: ApplicationCredentialTable;
  application_credential_role: ApplicationCredentialRoleTable;
  access_rule: AccessRuleTable;
  application_credential_access_rule: ApplicationCredentialAccessRuleTable;
  credential: CredentialTable;
  policy: PolicyTable;
  revocation_event: RevocationEventTable;
  trust: TrustTable;
  trust_role: TrustRoleTable;
  change_counter: ChangeCounterTable;
  project_endpoint: ProjectEndpointTable;
  endpoint_group: EndpointGroupTable;
  project_endpoint_group: ProjectEndpointGroupTable;
  domain_config: DomainConfigTable;
  sign_in: SignInTable;
  audit_event: AuditEventTable;
  fernet_key: FernetKeyTable;
  totp_step_used: TotpStepUsedTable;
  used_auth_receipt: UsedAuthReceiptTable;
  mfa_pending_enrolment: MfaPendingEnrolmentTable;
  mfa_enrolment: MfaEnrolmentTable;
  mfa_recovery_code: MfaRecoveryCodeTable;
  oauth1_consumer: OAuth1ConsumerTable;
  oauth1_request_token: OAuth1RequestTokenTable;
  oauth1_access_token: OAuth1AccessTokenTable;
}

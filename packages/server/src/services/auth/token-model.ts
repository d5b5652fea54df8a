import type { ApplicationCredentialRecord } from '../application-credential/application-credential-driver.ts';
import type { RoleRecord } from '../assignment/assignment-driver.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { ProjectRecord } from '../resource/resource-driver.ts';
import type { TrustRecord } from '../trust/trust-driver.ts';

/** The token's user without the password hash: a token (and the validation cache holding it) needs no secret. */
type TokenUser = Omit<UserRecord, 'passwordHash'>;

/** The token's application credential without the secret's hash, for the same reason. */
type TokenApplicationCredential = Omit<ApplicationCredentialRecord, 'secretHash'>;

/** A validated token with everything recomputed from the database, as Keystone's TokenModel. */
export interface TokenModel {
  id: string;
  user: TokenUser;
  userDomain: ProjectRecord;
  methods: string[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  project?: ProjectRecord;
  projectDomain?: ProjectRecord;
  domain?: ProjectRecord;
  system?: 'all';
  roles: RoleRecord[];
  applicationCredential?: TokenApplicationCredential;
  trust?: TrustRecord;
  /** A token issued with the `oauth1` method: the access token it was made with and that token's consumer. */
  oauth1?: { accessTokenId: string; consumerId: string };
  /**
   * Whether the project is the [resource] admin project; set only for project-scoped tokens (not trust-scoped
   * ones, as Keystone renders them) and only when that project is configured.
   */
  isAdminProject?: boolean;
}

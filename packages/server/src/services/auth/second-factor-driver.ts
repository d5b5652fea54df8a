/** A TOTP secret being enrolled through self-service: encrypted with the credential keys, never in clear. */
export interface PendingEnrolmentRecord {
  userId: string;
  encryptedSecret: string;
  /** Which credential key encrypted it (as the credential table's key_hash). */
  keyHash: string;
  expiresAt: string;
}

/** Two-factor switched on through self-service. */
export interface MfaEnrolmentRecord {
  userId: string;
  /** The `totp` credential the enrolment created. */
  credentialId: string;
  enabledAt: string;
}

/** A one-time recovery code, sealed (services/auth/recovery-codes.ts). */
export interface RecoveryCodeRecord {
  id: string;
  userId: string;
  sealedCode: string;
}

/** Storage port that makes second factors single-use across every node sharing the database. */
export interface SecondFactorDriver {
  /**
   * Records that the user signed in with the TOTP passcode of `step`; false when a passcode of that step or a
   * later one was already used (a replay). Atomic: of two concurrent sign-ins with one passcode, one wins.
   */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  /** Marks a receipt (by digest) as used until it expires; false when it was used already. */
  claimReceipt(digest: string, expiresAt: string): Promise<boolean>;
  /** Forgets receipts that expired before `now`: they are refused for their expiry anyway. */
  purgeReceipts(now: string): Promise<void>;
  /** Everything of the user's: TOTP mark, pending enrolment, enrolment, recovery codes. */
  deleteForUser(userId: string): Promise<void>;

  getPendingEnrolment(userId: string): Promise<PendingEnrolmentRecord | undefined>;
  /** Creates or replaces the user's pending enrolment. */
  putPendingEnrolment(record: PendingEnrolmentRecord): Promise<void>;
  /** False when there was none (another request took it first). */
  deletePendingEnrolment(userId: string): Promise<boolean>;
  /** Every pending enrolment (for `credential migrate` / `rotate`: they are encrypted with the credential keys). */
  listPendingEnrolments(): Promise<PendingEnrolmentRecord[]>;
  updatePendingEnrolmentSecret(userId: string, encryptedSecret: string, keyHash: string): Promise<void>;

  getEnrolment(userId: string): Promise<MfaEnrolmentRecord | undefined>;
  createEnrolment(record: MfaEnrolmentRecord): Promise<void>;
  deleteEnrolment(userId: string): Promise<void>;

  /** The user's recovery codes; every user's when userId is undefined (for `credential migrate`). */
  listRecoveryCodes(userId?: string): Promise<RecoveryCodeRecord[]>;
  /** Replaces all of the user's recovery codes with these. */
  replaceRecoveryCodes(userId: string, codes: RecoveryCodeRecord[]): Promise<void>;
  /** Uses a code up; false when it was gone already (used by a concurrent request). Atomic. */
  claimRecoveryCode(id: string): Promise<boolean>;
  updateRecoveryCodeSeal(id: string, sealedCode: string): Promise<void>;
}

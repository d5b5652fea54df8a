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
  deleteForUser(userId: string): Promise<void>;
}

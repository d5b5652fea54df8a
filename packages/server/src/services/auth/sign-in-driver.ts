/** Storage port for sign-in activity: authentication attempts on known users (an OS-XLOUD extension). */
export interface SignInRecord {
  userId: string;
  /** When the attempt was made (stored ISO-8601 UTC). */
  attemptedAt: string;
  /** The auth method that identified the user: password, application_credential, totp. */
  method: string;
  success: boolean;
  sourceAddress: string | null;
  userAgent: string | null;
}

export interface SignInDriver {
  /** Stores the attempts, in one statement. */
  add(...records: SignInRecord[]): Promise<void>;
  /** Newest first. */
  listForUser(userId: string, limit: number): Promise<SignInRecord[]>;
  /** Deletes all but the newest `keep` attempts of the user. */
  pruneForUser(userId: string, keep: number): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

/** One password check whose place in the hashing gate is already taken; see PasswordPolicy.reserveCheck. */
export interface ReservedPasswordCheck {
  verify(password: string, storedHash: string): Promise<boolean>;
  /** Gives the place up when the check is not needed after all; a no-op after verify. */
  cancel(): void;
}

/** How new passwords are hashed and judged, from [identity] and [security_compliance]. */
export interface PasswordPolicy {
  /** Both go through the hashing gate: PasswordHashingBusyError (503) when it is full. */
  hash(password: string): Promise<string>;
  verify(password: string, storedHash: string): Promise<boolean>;
  /**
   * Takes a place in the hashing gate now, or throws PasswordHashingBusyError: a login asks before anything
   * counts (its lockout attempt), so a refused login is never a failed one. `clientGone`: the place is given up
   * if the client disconnects while it waits.
   */
  reserveCheck(clientGone?: AbortSignal): ReservedPasswordCheck;
  maxPasswordLength: number;
  /** [security_compliance] password_regex, with its description for the error. */
  regex?: { pattern: RegExp; description: string | undefined };
  /** [security_compliance] unique_last_password_count. */
  uniqueLastPasswordCount: number;
  /** [security_compliance] minimum_password_age, days. */
  minimumPasswordAgeDays: number;
  /** [security_compliance] password_expires_days. */
  passwordExpiresDays?: number;
  /** [security_compliance] lockout_failure_attempts / lockout_duration (s). */
  lockout?: { attempts: number; durationSeconds: number };
  /** [security_compliance] change_password_upon_first_use. */
  changePasswordUponFirstUse: boolean;
}

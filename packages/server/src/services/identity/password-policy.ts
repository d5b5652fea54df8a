/** How new passwords are hashed and judged, from [identity] and [security_compliance]. */
export interface PasswordPolicy {
  hash(password: string): Promise<string>;
  verify(password: string, storedHash: string): Promise<boolean>;
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

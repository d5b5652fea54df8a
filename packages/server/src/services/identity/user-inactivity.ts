import type { Clock } from '../../clock.ts';
import type { UserRecord } from './identity-driver.ts';

const DAY_MS = 86_400_000;

/** Whole UTC days since the epoch: Keystone keeps last_active_at as a date, so only the day counts. */
const utcDay = (iso: string): number => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/**
 * [security_compliance] disable_user_account_days_inactive, as Keystone's User.enabled (identity/backends/
 * sql_model.py): an enabled user whose last activity (last_active_at, else the day it was created) is N or
 * more days old counts as disabled, unless it has the ignore_user_inactivity option. Nothing is written:
 * re-enabling the user (enabled=true) records activity again and so lifts it.
 */
export class UserInactivityRule {
  constructor(
    /** Unset: users never become inactive. */
    readonly maxDaysInactive: number | undefined,
    private readonly clock: Clock,
  ) {}

  get active(): boolean {
    return this.maxDaysInactive !== undefined;
  }

  isInactive(user: UserRecord): boolean {
    if (this.maxDaysInactive === undefined || user.options.ignore_user_inactivity === true) return false;
    const lastActive = user.lastActiveAt ?? user.createdAt;
    return utcDay(this.clock.now().toISOString()) - utcDay(lastActive) >= this.maxDaysInactive;
  }

  /** The user as the API and authentication see it. */
  effective(user: UserRecord): UserRecord {
    return user.enabled && this.isInactive(user) ? { ...user, enabled: false } : user;
  }
}

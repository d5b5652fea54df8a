import type { Kysely } from 'kysely';
import type { SecondFactorDriver } from '../../services/auth/second-factor-driver.ts';
import type { Database } from '../tables.ts';
import { isUniqueViolation } from './sql-helpers.ts';

/** Inserts a row; false when its primary key is taken (the one outcome a claim may meet besides success). */
async function insertUnlessTaken(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export class SecondFactorSql implements SecondFactorDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async claimTotpStep(userId: string, step: number) {
    // Move the mark forward if the user has one; else create it. A concurrent claim makes the insert collide.
    const moved = await this.db
      .updateTable('totp_step_used')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where('last_step', '<', step)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) > 0) return true;
    return insertUnlessTaken(() =>
      this.db.insertInto('totp_step_used').values({ user_id: userId, last_step: step }).execute(),
    );
  }

  claimReceipt(digest: string, expiresAt: string) {
    return insertUnlessTaken(() =>
      this.db.insertInto('used_auth_receipt').values({ digest, expires_at: expiresAt }).execute(),
    );
  }

  async purgeReceipts(now: string) {
    await this.db.deleteFrom('used_auth_receipt').where('expires_at', '<', now).execute();
  }

  async deleteForUser(userId: string) {
    await this.db.deleteFrom('totp_step_used').where('user_id', '=', userId).execute();
  }
}

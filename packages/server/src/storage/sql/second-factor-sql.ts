import type { Kysely } from 'kysely';
import type {
  MfaEnrolmentRecord,
  PendingEnrolmentRecord,
  RecoveryCodeRecord,
  SecondFactorDriver,
} from '../../services/auth/second-factor-driver.ts';
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
    await this.db.deleteFrom('mfa_pending_enrolment').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('mfa_enrolment').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('mfa_recovery_code').where('user_id', '=', userId).execute();
  }

  async getPendingEnrolment(userId: string) {
    const row = await this.db
      .selectFrom('mfa_pending_enrolment')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toPending(row);
  }

  async putPendingEnrolment(r: PendingEnrolmentRecord) {
    // Delete then insert, in one transaction by the caller or not: the primary key makes a racing insert fail loudly.
    await this.db.deleteFrom('mfa_pending_enrolment').where('user_id', '=', r.userId).execute();
    await this.db
      .insertInto('mfa_pending_enrolment')
      .values({ user_id: r.userId, encrypted_secret: r.encryptedSecret, key_hash: r.keyHash, expires_at: r.expiresAt })
      .execute();
  }

  async deletePendingEnrolment(userId: string) {
    const result = await this.db.deleteFrom('mfa_pending_enrolment').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listPendingEnrolments() {
    return (await this.db.selectFrom('mfa_pending_enrolment').selectAll().execute()).map(toPending);
  }

  async updatePendingEnrolmentSecret(userId: string, encryptedSecret: string, keyHash: string) {
    await this.db
      .updateTable('mfa_pending_enrolment')
      .set({ encrypted_secret: encryptedSecret, key_hash: keyHash })
      .where('user_id', '=', userId)
      .execute();
  }

  async getEnrolment(userId: string): Promise<MfaEnrolmentRecord | undefined> {
    const row = await this.db.selectFrom('mfa_enrolment').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && { userId: row.user_id, credentialId: row.credential_id, enabledAt: row.enabled_at };
  }

  async createEnrolment(r: MfaEnrolmentRecord) {
    await this.db
      .insertInto('mfa_enrolment')
      .values({ user_id: r.userId, credential_id: r.credentialId, enabled_at: r.enabledAt })
      .execute();
  }

  async deleteEnrolment(userId: string) {
    await this.db.deleteFrom('mfa_enrolment').where('user_id', '=', userId).execute();
  }

  async listRecoveryCodes(userId?: string): Promise<RecoveryCodeRecord[]> {
    let query = this.db.selectFrom('mfa_recovery_code').selectAll();
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, userId: row.user_id, sealedCode: row.sealed_code }));
  }

  async replaceRecoveryCodes(userId: string, codes: RecoveryCodeRecord[]) {
    await this.db.deleteFrom('mfa_recovery_code').where('user_id', '=', userId).execute();
    if (codes.length === 0) return;
    await this.db
      .insertInto('mfa_recovery_code')
      .values(codes.map((c) => ({ id: c.id, user_id: c.userId, sealed_code: c.sealedCode })))
      .execute();
  }

  async claimRecoveryCode(id: string) {
    const result = await this.db.deleteFrom('mfa_recovery_code').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async updateRecoveryCodeSeal(id: string, sealedCode: string) {
    await this.db.updateTable('mfa_recovery_code').set({ sealed_code: sealedCode }).where('id', '=', id).execute();
  }
}

function toPending(row: {
  user_id: string;
  encrypted_secret: string;
  key_hash: string;
  expires_at: string;
}): PendingEnrolmentRecord {
  return {
    userId: row.user_id,
    encryptedSecret: row.encrypted_secret,
    keyHash: row.key_hash,
    expiresAt: row.expires_at,
  };
}

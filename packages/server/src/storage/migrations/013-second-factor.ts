import type { Kysely, Migration } from 'kysely';

/**
 * Single use for second factors, across every node that shares the database:
 * - totp_step_used: the newest TOTP time step a user signed in with; a passcode of that step or an earlier one
 *   is refused, so an observed passcode cannot be replayed within its window.
 * - used_auth_receipt: auth receipts that already completed a sign-in (by digest), until they expire.
 */
export const migration = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('totp_step_used')
      .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('last_step', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('used_auth_receipt')
      .addColumn('digest', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('used_auth_receipt_expires_at_idx')
      .on('used_auth_receipt')
      .column('expires_at')
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

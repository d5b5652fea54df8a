import type { Kysely, Migration } from 'kysely';

/**
 * Self-service two-factor (OS-XLOUD mfa):
 * - mfa_pending_enrolment: the TOTP secret a user is enrolling, until a passcode proves the authenticator has it
 *   (or it expires). The secret is encrypted with the credential key repository, as credential blobs are;
 *   key_hash names the key, for `xloud-manage credential migrate` / `rotate`.
 * - mfa_enrolment: users whose two-factor was switched on through self-service, and the `totp` credential that did it.
 * - mfa_recovery_code: one-time recovery codes, sealed (never stored in clear; see services/auth/recovery-codes.ts).
 * Plain columns on every database (SQLite, PostgreSQL, MariaDB): nothing here needs a dialect of its own.
 */
export const migration = (): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mfa_pending_enrolment')
      .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('encrypted_secret', 'varchar(512)', (c) => c.notNull())
      .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('mfa_enrolment')
      .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('credential_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('enabled_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('mfa_recovery_code')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('sealed_code', 'varchar(512)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mfa_recovery_code_user_id_idx').on('mfa_recovery_code').column('user_id').execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

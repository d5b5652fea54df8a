import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/** Keystone keeps a user's email among its free-form attributes, with no length limit; so do we. */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // SQLite does not enforce varchar lengths, so only PostgreSQL and MySQL need the change.
    if (dialect === 'postgres') await sql`ALTER TABLE identity_user ALTER COLUMN email TYPE text`.execute(db);
    if (dialect === 'mysql') await sql`ALTER TABLE identity_user MODIFY email mediumtext`.execute(db);
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

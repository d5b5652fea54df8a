import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * OS-XLOUD sign-in activity: one row per authentication attempt on a known user, kept to the newest few per
 * user. Listing and pruning both read (user_id, attempted_at), hence the one index.
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const autoIncrementId = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
    await db.schema
      .createTable('sign_in')
      .addColumn('id', 'integer', autoIncrementId)
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('attempted_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('method', 'varchar(64)', (c) => c.notNull())
      .addColumn('success', 'integer', (c) => c.notNull())
      .addColumn('source_address', 'varchar(64)')
      .addColumn('user_agent', 'varchar(255)')
      .execute();
    await db.schema
      .createIndex('sign_in_user_attempted_at_idx')
      .on('sign_in')
      .columns(['user_id', 'attempted_at'])
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

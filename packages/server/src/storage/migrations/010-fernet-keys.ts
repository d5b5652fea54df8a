import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * Key repositories in the database (`key_repository = sql://`): one row per key, numbered as Keystone numbers its
 * key files (0 staged, highest primary), the key itself sealed with the key-encryption key from the environment.
 */
export const migration = (_dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('fernet_key')
      .addColumn('repository', 'varchar(16)', (c) => c.notNull())
      .addColumn('key_index', 'integer', (c) => c.notNull())
      .addColumn('sealed_key', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('fernet_key_pk', ['repository', 'key_index'])
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

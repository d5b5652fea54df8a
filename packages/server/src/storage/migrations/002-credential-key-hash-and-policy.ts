import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/**
 * Credentials are encrypted at rest: `credential.blob` holds the Fernet token and `key_hash` names the key
 * that made it (so `credential rotate` can refuse while any credential still needs an older key).
 * Adds the `policy` table behind `/v3/policies`. Never edit a released migration: add a new one.
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    await db.schema.alterTable('credential').addColumn('key_hash', 'varchar(64)').execute();
    await db.schema.createIndex('credential_user_idx').on('credential').column('user_id').execute();
    await db.schema.createIndex('credential_project_idx').on('credential').column('project_id').execute();

    await db.schema
      .createTable('policy')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('type', 'varchar(255)', (c) => c.notNull())
      .addColumn('blob', text, (c) => c.notNull())
      .addColumn('extra', text, (c) => c.notNull())
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

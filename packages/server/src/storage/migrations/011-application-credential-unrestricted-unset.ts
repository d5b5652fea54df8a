import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/**
 * `application_credential.unrestricted` may be NULL: the creator did not say. Keystone keeps that apart from false
 * and shows null (it restricts the credential all the same). Rows written before keep the false they were given.
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'postgres') {
      await sql`ALTER TABLE application_credential ALTER COLUMN unrestricted DROP NOT NULL, ALTER COLUMN unrestricted DROP DEFAULT`.execute(
        db,
      );
    } else if (dialect === 'mysql') {
      await sql`ALTER TABLE application_credential MODIFY unrestricted integer NULL DEFAULT NULL`.execute(db);
    } else {
      await rebuildForSqlite(db, dialect);
    }
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

/** SQLite cannot drop a NOT NULL: the table is created anew (as 001-initial did, but for that column) and refilled. */
async function rebuildForSqlite(db: Kysely<unknown>, dialect: DialectKind): Promise<void> {
  const id = 'varchar(64)' as const;
  const time = 'varchar(32)' as const;
  await db.schema
    .createTable('application_credential_011')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', longText(dialect))
    .addColumn('user_id', id, (c) => c.notNull())
    .addColumn('project_id', id)
    .addColumn('system', 'varchar(16)')
    .addColumn('expires_at', time)
    .addColumn('unrestricted', 'integer')
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('application_credential_user_name_uq', ['user_id', 'name'])
    .execute();
  await sql`INSERT INTO application_credential_011 (id, name, secret_hash, description, user_id, project_id, system, expires_at, unrestricted, created_at)
    SELECT id, name, secret_hash, description, user_id, project_id, system, expires_at, unrestricted, created_at FROM application_credential`.execute(
    db,
  );
  await db.schema.dropTable('application_credential').execute();
  await db.schema.alterTable('application_credential_011').renameTo('application_credential').execute();
}

import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/**
 * OS-OAUTH1 delegation: consumers, request tokens, access tokens (Keystone's consumer, request_token and
 * access_token tables). Unlike Keystone, the secrets are not stored in clear: HMAC-SHA1 verification needs the
 * consumer secret and the token secret themselves, so they are sealed with the credential key repository (as
 * credential blobs are) and `secret_key_hash` names the key that sealed them.
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    await db.schema
      .createTable('oauth1_consumer')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('description', 'varchar(255)')
      .addColumn('secret', 'varchar(255)', (c) => c.notNull())
      .addColumn('secret_key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('extra', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('oauth1_request_token')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('secret', 'varchar(255)', (c) => c.notNull())
      .addColumn('secret_key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('verifier', 'varchar(64)')
      .addColumn('authorizing_user_id', 'varchar(64)')
      .addColumn('requested_project_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('role_ids', text)
      .addColumn('consumer_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)')
      .execute();
    await db.schema
      .createIndex('oauth1_request_token_consumer_idx')
      .on('oauth1_request_token')
      .column('consumer_id')
      .execute();
    await db.schema
      .createTable('oauth1_access_token')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('secret', 'varchar(255)', (c) => c.notNull())
      .addColumn('secret_key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('authorizing_user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('project_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('role_ids', text, (c) => c.notNull())
      .addColumn('consumer_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)')
      .execute();
    await db.schema
      .createIndex('oauth1_access_token_user_idx')
      .on('oauth1_access_token')
      .column('authorizing_user_id')
      .execute();
    await db.schema
      .createIndex('oauth1_access_token_consumer_idx')
      .on('oauth1_access_token')
      .column('consumer_id')
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

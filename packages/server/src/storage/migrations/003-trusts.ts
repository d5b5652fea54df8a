import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/** OS-TRUST: delegation of a trustor's roles on a project to a trustee. */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    await db.schema
      .createTable('trust')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('trustor_user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('trustee_user_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('project_id', 'varchar(64)')
      .addColumn('impersonation', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)')
      .addColumn('remaining_uses', 'integer')
      .addColumn('allow_redelegation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('redelegated_trust_id', 'varchar(64)')
      .addColumn('redelegation_count', 'integer')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('extra', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('trust_trustor_idx').on('trust').column('trustor_user_id').execute();
    await db.schema.createIndex('trust_trustee_idx').on('trust').column('trustee_user_id').execute();
    await db.schema
      .createTable('trust_role')
      .addColumn('trust_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('role_id', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('trust_role_pk', ['trust_id', 'role_id'])
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

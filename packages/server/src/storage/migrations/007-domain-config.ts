import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/**
 * Domain-specific configuration, one row per option. Keystone splits whitelisted and sensitive options into two
 * tables; one table with a `sensitive` flag keeps the same guarantee (sensitive rows are never read for the API).
 * `group`/`option` are SQL keywords, hence the `_name` suffix. `value` is JSON text.
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    await db.schema
      .createTable('domain_config')
      .addColumn('domain_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('group_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('option_name', 'varchar(255)', (c) => c.notNull())
      .addColumn('value', text, (c) => c.notNull())
      .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('domain_config_pk', ['domain_id', 'group_name', 'option_name'])
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

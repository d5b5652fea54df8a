import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText } from './mysql-schema.ts';

/** OS-EP-FILTER: endpoints and endpoint groups associated with projects (Keystone's catalog tables of the same names). */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    await db.schema
      .createTable('project_endpoint')
      .addColumn('endpoint_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('project_id', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_endpoint_pk', ['endpoint_id', 'project_id'])
      .execute();
    await db.schema.createIndex('project_endpoint_project_idx').on('project_endpoint').column('project_id').execute();
    await db.schema
      .createTable('endpoint_group')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('description', text)
      .addColumn('filters', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('project_endpoint_group')
      .addColumn('endpoint_group_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('project_id', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_endpoint_group_pk', ['endpoint_group_id', 'project_id'])
      .execute();
    await db.schema
      .createIndex('project_endpoint_group_project_idx')
      .on('project_endpoint_group')
      .column('project_id')
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

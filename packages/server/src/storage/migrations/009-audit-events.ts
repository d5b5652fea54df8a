import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * The audit trail: every audit event (sign-ins, changes to identity resources), whatever the notification
 * driver, kept [audit] retention_days. Listed newest first, filtered by initiator and purged by time, hence
 * the two indexes.
 */
export const migration = (_dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('audit_event')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('event_type', 'varchar(255)', (c) => c.notNull())
      .addColumn('action', 'varchar(255)', (c) => c.notNull())
      .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
      .addColumn('initiator_user_id', 'varchar(64)')
      .addColumn('target_type', 'varchar(64)', (c) => c.notNull())
      .addColumn('target_id', 'varchar(64)')
      .addColumn('project_id', 'varchar(64)')
      .addColumn('domain_id', 'varchar(64)')
      .addColumn('event_time', 'varchar(32)', (c) => c.notNull())
      .addColumn('request_id', 'varchar(64)')
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_event_time_idx').on('audit_event').columns(['event_time', 'id']).execute();
    await db.schema
      .createIndex('audit_event_initiator_time_idx')
      .on('audit_event')
      .columns(['initiator_user_id', 'event_time'])
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

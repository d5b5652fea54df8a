import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';
import { longText, useBinaryCollation } from './mysql-schema.ts';

/** The initial schema. Never edit a released migration: add a new one. */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const text = longText(dialect);
    // Before any table: they take the database's collation (see mysql-schema.ts).
    if (dialect === 'mysql') await useBinaryCollation(db);
    const autoIncrementId = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
    const flag = 'integer' as const;
    const id = 'varchar(64)' as const;
    const time = 'varchar(32)' as const;

    await db.schema
      .createTable('project')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('name', 'varchar(64)', (c) => c.notNull())
      .addColumn('domain_id', id, (c) => c.notNull())
      .addColumn('parent_id', id)
      .addColumn('is_domain', flag, (c) => c.notNull().defaultTo(0))
      .addColumn('enabled', flag, (c) => c.notNull().defaultTo(1))
      .addColumn('description', text)
      .addColumn('extra', text, (c) => c.notNull())
      .addUniqueConstraint('project_domain_name_uq', ['domain_id', 'name'])
      .execute();
    await db.schema.createIndex('project_parent_idx').on('project').column('parent_id').execute();

    await db.schema
      .createTable('project_tag')
      .addColumn('project_id', id, (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_tag_pk', ['project_id', 'name'])
      .execute();

    await db.schema
      .createTable('identity_user')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('domain_id', id, (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('enabled', flag, (c) => c.notNull().defaultTo(1))
      .addColumn('default_project_id', id)
      .addColumn('description', text)
      .addColumn('email', 'varchar(255)')
      .addColumn('extra', text, (c) => c.notNull())
      .addColumn('options', text, (c) => c.notNull())
      .addColumn('password_hash', 'varchar(255)')
      .addColumn('password_created_at', time)
      .addColumn('password_expires_at', time)
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('last_active_at', time)
      .addColumn('failed_auth_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_auth_at', time)
      .addUniqueConstraint('user_domain_name_uq', ['domain_id', 'name'])
      .execute();

    await db.schema
      .createTable('password_history')
      .addColumn('id', 'integer', autoIncrementId)
      .addColumn('user_id', id, (c) => c.notNull())
      .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('password_history_user_idx').on('password_history').column('user_id').execute();

    await db.schema
      .createTable('identity_group')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('domain_id', id, (c) => c.notNull())
      .addColumn('name', 'varchar(64)', (c) => c.notNull())
      .addColumn('description', text)
      .addColumn('extra', text, (c) => c.notNull())
      .addUniqueConstraint('group_domain_name_uq', ['domain_id', 'name'])
      .execute();

    await db.schema
      .createTable('group_membership')
      .addColumn('user_id', id, (c) => c.notNull())
      .addColumn('group_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('group_membership_pk', ['user_id', 'group_id'])
      .execute();
    await db.schema.createIndex('group_membership_group_idx').on('group_membership').column('group_id').execute();

    await db.schema
      .createTable('role')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('domain_id', id, (c) => c.notNull())
      .addColumn('description', text)
      .addColumn('options', text, (c) => c.notNull())
      .addColumn('extra', text, (c) => c.notNull())
      .addUniqueConstraint('role_domain_name_uq', ['domain_id', 'name'])
      .execute();

    await db.schema
      .createTable('implied_role')
      .addColumn('prior_role_id', id, (c) => c.notNull())
      .addColumn('implied_role_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('implied_role_pk', ['prior_role_id', 'implied_role_id'])
      .execute();

    await db.schema
      .createTable('assignment')
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('actor_id', id, (c) => c.notNull())
      .addColumn('target_id', id, (c) => c.notNull())
      .addColumn('role_id', id, (c) => c.notNull())
      .addColumn('inherited', flag, (c) => c.notNull())
      .addPrimaryKeyConstraint('assignment_pk', ['type', 'actor_id', 'target_id', 'role_id', 'inherited'])
      .execute();
    await db.schema.createIndex('assignment_actor_idx').on('assignment').column('actor_id').execute();
    await db.schema.createIndex('assignment_target_idx').on('assignment').column('target_id').execute();
    await db.schema.createIndex('assignment_role_idx').on('assignment').column('role_id').execute();

    await db.schema
      .createTable('region')
      .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('description', 'varchar(255)', (c) => c.notNull())
      .addColumn('parent_region_id', 'varchar(255)')
      .addColumn('extra', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('service')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('type', 'varchar(255)', (c) => c.notNull())
      .addColumn('enabled', flag, (c) => c.notNull().defaultTo(1))
      .addColumn('extra', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('endpoint')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('interface', 'varchar(8)', (c) => c.notNull())
      .addColumn('service_id', id, (c) => c.notNull())
      .addColumn('url', text, (c) => c.notNull())
      .addColumn('region_id', 'varchar(255)')
      .addColumn('enabled', flag, (c) => c.notNull().defaultTo(1))
      .addColumn('extra', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('endpoint_service_idx').on('endpoint').column('service_id').execute();

    await db.schema
      .createTable('application_credential')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('secret_hash', 'varchar(255)', (c) => c.notNull())
      .addColumn('description', text)
      .addColumn('user_id', id, (c) => c.notNull())
      .addColumn('project_id', id)
      .addColumn('system', 'varchar(16)')
      .addColumn('expires_at', time)
      .addColumn('unrestricted', flag, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', time, (c) => c.notNull())
      .addUniqueConstraint('application_credential_user_name_uq', ['user_id', 'name'])
      .execute();

    await db.schema
      .createTable('application_credential_role')
      .addColumn('application_credential_id', id, (c) => c.notNull())
      .addColumn('role_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('application_credential_role_pk', ['application_credential_id', 'role_id'])
      .execute();

    await db.schema
      .createTable('access_rule')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('external_id', id, (c) => c.notNull())
      .addColumn('user_id', id, (c) => c.notNull())
      .addColumn('service', 'varchar(64)', (c) => c.notNull())
      .addColumn('path', 'varchar(128)', (c) => c.notNull())
      .addColumn('method', 'varchar(16)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('application_credential_access_rule')
      .addColumn('application_credential_id', id, (c) => c.notNull())
      .addColumn('access_rule_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('app_cred_access_rule_pk', ['application_credential_id', 'access_rule_id'])
      .execute();

    await db.schema
      .createTable('credential')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('user_id', id, (c) => c.notNull())
      .addColumn('project_id', id)
      .addColumn('type', 'varchar(255)', (c) => c.notNull())
      .addColumn('blob', text, (c) => c.notNull())
      .addColumn('extra', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('revocation_event')
      .addColumn('id', 'integer', autoIncrementId)
      .addColumn('domain_id', id)
      .addColumn('project_id', id)
      .addColumn('user_id', id)
      .addColumn('role_id', id)
      .addColumn('trust_id', id)
      .addColumn('consumer_id', id)
      .addColumn('access_token_id', id)
      .addColumn('issued_before', time, (c) => c.notNull())
      .addColumn('expires_at', time)
      .addColumn('revoked_at', time, (c) => c.notNull())
      .addColumn('audit_id', 'varchar(32)')
      .addColumn('audit_chain_id', 'varchar(32)')
      .execute();
    await db.schema
      .createIndex('revocation_user_idx')
      .on('revocation_event')
      .columns(['user_id', 'issued_before'])
      .execute();
    await db.schema
      .createIndex('revocation_project_idx')
      .on('revocation_event')
      .columns(['project_id', 'issued_before'])
      .execute();
    await db.schema
      .createIndex('revocation_audit_idx')
      .on('revocation_event')
      .columns(['audit_id', 'issued_before'])
      .execute();
    await db.schema.createIndex('revocation_revoked_at_idx').on('revocation_event').column('revoked_at').execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

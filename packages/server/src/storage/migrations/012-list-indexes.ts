import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/**
 * Indexes for the lists, which page in SQL (`WHERE <filter> = ? AND id > :marker ORDER BY id LIMIT n`): with the
 * filter column and the id in one index, a page is a range read in index order, with no sort of everything the
 * filter matches (a domain's 1,000 users, a parent's children) on every page.
 * - users, groups and projects by domain_id (the unique (domain_id, name) keys lead with domain_id, but sort by name);
 * - projects by parent_id: (parent_id, id) replaces 001's (parent_id), its prefix;
 * - project tags by name, for `tags` / `tags-any` (the primary key leads with project_id).
 */
export const migration = (dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('identity_user_domain_id_idx')
      .on('identity_user')
      .columns(['domain_id', 'id'])
      .execute();
    await db.schema
      .createIndex('identity_group_domain_id_idx')
      .on('identity_group')
      .columns(['domain_id', 'id'])
      .execute();
    await db.schema.createIndex('project_domain_id_idx').on('project').columns(['domain_id', 'id']).execute();
    await db.schema.createIndex('project_parent_id_idx').on('project').columns(['parent_id', 'id']).execute();
    // MySQL names the table of the index; SQLite and PostgreSQL know no `ON`.
    const drop = db.schema.dropIndex('project_parent_idx');
    await (dialect === 'mysql' ? drop.on('project') : drop).execute();
    await db.schema.createIndex('project_tag_name_idx').on('project_tag').columns(['name', 'project_id']).execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

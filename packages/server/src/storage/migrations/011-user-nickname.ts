import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/** Scratch: a throwaway user attribute, to count what a new one touches. */
export const migration = (_dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('identity_user').addColumn('nickname', 'varchar(64)').execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

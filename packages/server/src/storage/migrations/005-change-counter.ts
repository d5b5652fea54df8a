import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind.ts';

/** One row counting committed changes that affect cached data; nodes poll it to drop stale caches. */
export const migration = (_dialect: DialectKind): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('change_counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await (db as Kysely<{ change_counter: { id: number; value: number } }>)
      .insertInto('change_counter')
      .values({ id: 1, value: 0 })
      .execute();
  },
  async down(): Promise<void> {
    throw new Error('downgrades are not supported; restore a backup instead');
  },
});

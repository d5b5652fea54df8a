import type { Kysely } from 'kysely';
import {
  FernetKeysNotFoundError,
  planRotation,
  type RotationResult,
} from '../../token/providers/fernet/key-repository.ts';
import type { Database } from '../tables.ts';

export interface StoredFernetKey {
  index: number;
  /** Sealed with the key-encryption key; this layer never sees a key in the clear. */
  sealedKey: string;
  createdAt: string;
}

/** Table fernet_key: the `key_repository = sql://` repositories, numbered like Keystone's key files. */
export class FernetKeySql {
  constructor(private readonly db: Kysely<Database>) {}

  async list(repository: string): Promise<StoredFernetKey[]> {
    const rows = await this.db
      .selectFrom('fernet_key')
      .select(['key_index', 'sealed_key', 'created_at'])
      .where('repository', '=', repository)
      .orderBy('key_index', 'desc')
      .execute();
    return rows.map((row) => ({ index: Number(row.key_index), sealedKey: row.sealed_key, createdAt: row.created_at }));
  }

  /**
   * fernet_setup: staged key 0 and primary key 1, unless the repository has keys. Two nodes setting up at once
   * collide on the primary key; the loser finds the winner's keys.
   */
  async setup(
    repository: string,
    sealedStaged: string,
    sealedPrimary: string,
    now: string,
  ): Promise<{ created: boolean }> {
    if ((await this.list(repository)).length > 0) return { created: false };
    try {
      await this.db
        .insertInto('fernet_key')
        .values([
          { repository, key_index: 0, sealed_key: sealedStaged, created_at: now },
          { repository, key_index: 1, sealed_key: sealedPrimary, created_at: now },
        ])
        .execute();
      return { created: true };
    } catch (error) {
      if ((await this.list(repository)).length > 0) return { created: false };
      throw error;
    }
  }

  /** fernet_rotate in one transaction: a concurrent rotation collides on the primary key and fails whole. */
  async rotate(
    repository: string,
    maxActiveKeys: number,
    sealedNewStaged: string,
    now: string,
  ): Promise<RotationResult> {
    return this.db.transaction().execute(async (tx) => {
      const indexes = (
        await tx.selectFrom('fernet_key').select('key_index').where('repository', '=', repository).execute()
      ).map((r) => Number(r.key_index));
      if (!indexes.includes(0))
        throw new FernetKeysNotFoundError(
          `the ${repository} key repository in the database has no staged key 0; run setup first`,
        );
      const plan = planRotation(indexes, maxActiveKeys);
      await tx
        .updateTable('fernet_key')
        .set({ key_index: plan.primaryIndex })
        .where('repository', '=', repository)
        .where('key_index', '=', 0)
        .execute();
      await tx
        .insertInto('fernet_key')
        .values({ repository, key_index: 0, sealed_key: sealedNewStaged, created_at: now })
        .execute();
      if (plan.purgedIndexes.length > 0) {
        await tx
          .deleteFrom('fernet_key')
          .where('repository', '=', repository)
          .where('key_index', 'in', plan.purgedIndexes)
          .execute();
      }
      return plan;
    });
  }
}

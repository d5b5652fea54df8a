import type { Kysely, Selectable } from 'kysely';
import type { SignInDriver, SignInRecord } from '../../services/auth/sign-in-driver.ts';
import type { Database, SignInTable } from '../tables.ts';
import { fromFlag, toFlag } from './sql-helpers.ts';

const toRecord = (row: Selectable<SignInTable>): SignInRecord => ({
  userId: row.user_id,
  attemptedAt: row.attempted_at,
  method: row.method,
  success: fromFlag(row.success),
  sourceAddress: row.source_address,
  userAgent: row.user_agent,
});

export class SignInSql implements SignInDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async add(...records: SignInRecord[]) {
    if (records.length === 0) return;
    await this.db
      .insertInto('sign_in')
      .values(
        records.map((r) => ({
          user_id: r.userId,
          attempted_at: r.attemptedAt,
          method: r.method,
          success: toFlag(r.success),
          source_address: r.sourceAddress,
          user_agent: r.userAgent,
        })),
      )
      .execute();
  }

  async listForUser(userId: string, limit: number) {
    const rows = await this.db
      .selectFrom('sign_in')
      .selectAll()
      .where('user_id', '=', userId)
      // id breaks ties between attempts within the same millisecond.
      .orderBy('attempted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async pruneForUser(userId: string, keep: number) {
    // The keep-th newest time is the cut: both the lookup and the delete walk the (user_id, attempted_at) index.
    const cut = await this.db
      .selectFrom('sign_in')
      .select('attempted_at')
      .where('user_id', '=', userId)
      .orderBy('attempted_at', 'desc')
      .limit(1)
      .offset(keep - 1)
      .executeTakeFirst();
    if (!cut) return;
    await this.db
      .deleteFrom('sign_in')
      .where('user_id', '=', userId)
      .where('attempted_at', '<', cut.attempted_at)
      .execute();
  }

  async deleteForUser(userId: string) {
    await this.db.deleteFrom('sign_in').where('user_id', '=', userId).execute();
  }
}

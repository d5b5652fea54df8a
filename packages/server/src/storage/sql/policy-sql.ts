import type { Kysely, Selectable } from 'kysely';
import type { PolicyDriver, PolicyRecord } from '../../services/policy/policy-driver.ts';
import type { Database, PolicyTable } from '../tables.ts';
import { defined, insertOrConflict, parseJson } from './sql-helpers.ts';

const toPolicy = (row: Selectable<PolicyTable>): PolicyRecord => ({
  id: row.id,
  type: row.type,
  blob: row.blob,
  extra: parseJson(row.extra),
});

/** PostgreSQL text cannot hold NUL, so no stored key contains one: such a key matches nothing (not a 500). */
const storable = (value: string | undefined) => value === undefined || !value.includes('\0');

export class PolicySql implements PolicyDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async getPolicy(id: string) {
    if (!storable(id)) return undefined;
    const row = await this.db.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPolicy(row);
  }

  async listPolicies(filter: { type?: string }) {
    if (!storable(filter.type)) return [];
    let query = this.db.selectFrom('policy').selectAll();
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    return (await query.orderBy('id').execute()).map(toPolicy);
  }

  async createPolicy(p: PolicyRecord) {
    await insertOrConflict('policy', `Duplicate ID, ${p.id}`, () =>
      this.db
        .insertInto('policy')
        .values({ id: p.id, type: p.type, blob: p.blob, extra: JSON.stringify(p.extra) })
        .execute(),
    );
  }

  async updatePolicy(id: string, patch: Partial<Omit<PolicyRecord, 'id'>>) {
    const row = defined({
      type: patch.type,
      blob: patch.blob,
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length > 0) await this.db.updateTable('policy').set(row).where('id', '=', id).execute();
  }

  async deletePolicy(id: string) {
    await this.db.deleteFrom('policy').where('id', '=', id).execute();
  }
}

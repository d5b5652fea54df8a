import type { Kysely } from 'kysely';
import type {
  DomainConfigDriver,
  DomainConfigFilter,
  DomainConfigOption,
} from '../../services/resource/domain-config-driver.ts';
import type { Database } from '../tables.ts';
import { fromFlag, toFlag } from './sql-helpers.ts';

export class DomainConfigSql implements DomainConfigDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async listOptions(domainId: string, filter: DomainConfigFilter = {}) {
    let query = this.db.selectFrom('domain_config').selectAll().where('domain_id', '=', domainId);
    if (filter.group !== undefined) query = query.where('group_name', '=', filter.group);
    if (filter.option !== undefined) query = query.where('option_name', '=', filter.option);
    if (filter.sensitive !== undefined) query = query.where('sensitive', '=', toFlag(filter.sensitive));
    const rows = await query.execute();
    // Sorted here, by code unit, so every database (and collation) returns the same order.
    const key = (r: { group_name: string; option_name: string }) => `${r.group_name}\u0000${r.option_name}`;
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return rows.map(
      (row): DomainConfigOption => ({
        group: row.group_name,
        option: row.option_name,
        value: JSON.parse(row.value) as unknown,
        sensitive: fromFlag(row.sensitive),
      }),
    );
  }

  /** Delete-then-insert per option: portable across SQLite, PostgreSQL and MySQL; callers run it in a transaction. */
  async upsertOptions(domainId: string, options: DomainConfigOption[]) {
    for (const o of options) {
      await this.db
        .deleteFrom('domain_config')
        .where('domain_id', '=', domainId)
        .where('group_name', '=', o.group)
        .where('option_name', '=', o.option)
        .execute();
      await this.db
        .insertInto('domain_config')
        .values({
          domain_id: domainId,
          group_name: o.group,
          option_name: o.option,
          value: JSON.stringify(o.value),
          sensitive: toFlag(o.sensitive),
        })
        .execute();
    }
  }

  async deleteOptions(domainId: string, filter: { group?: string; option?: string } = {}) {
    let query = this.db.deleteFrom('domain_config').where('domain_id', '=', domainId);
    if (filter.group !== undefined) query = query.where('group_name', '=', filter.group);
    if (filter.option !== undefined) query = query.where('option_name', '=', filter.option);
    await query.execute();
  }
}

import { sql, type Kysely } from 'kysely';
import type { ChangeCounterDriver } from '../../services/change-counter-driver.ts';
import type { Database } from '../tables.ts';

export class ChangeCounterSql implements ChangeCounterDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async bump() {
    await this.db.updateTable('change_counter').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
  }

  async read() {
    const row = await this.db.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirst();
    return Number(row?.value ?? 0);
  }
}

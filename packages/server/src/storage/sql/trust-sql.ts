import type { Kysely, Selectable } from 'kysely';
import type { TrustDriver, TrustRecord } from '../../services/trust/trust-driver.ts';
import type { Database, TrustTable } from '../tables.ts';
import { fromFlag, parseJson, toFlag } from './sql-helpers.ts';

export class TrustSql implements TrustDriver {
  constructor(private readonly db: Kysely<Database>) {}

  private async hydrate(rows: Selectable<TrustTable>[]): Promise<TrustRecord[]> {
    if (rows.length === 0) return [];
    const roles = await this.db
      .selectFrom('trust_role')
      .selectAll()
      .where(
        'trust_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((row) => ({
      id: row.id,
      trustorUserId: row.trustor_user_id,
      trusteeUserId: row.trustee_user_id,
      projectId: row.project_id,
      impersonation: fromFlag(row.impersonation),
      expiresAt: row.expires_at,
      remainingUses: row.remaining_uses === null ? null : Number(row.remaining_uses),
      allowRedelegation: fromFlag(row.allow_redelegation),
      redelegatedTrustId: row.redelegated_trust_id,
      redelegationCount: row.redelegation_count === null ? null : Number(row.redelegation_count),
      createdAt: row.created_at,
      extra: parseJson(row.extra),
      roleIds: roles.filter((r) => r.trust_id === row.id).map((r) => r.role_id),
    }));
  }

  async get(id: string) {
    return (await this.hydrate(await this.db.selectFrom('trust').selectAll().where('id', '=', id).execute()))[0];
  }

  async list(filter: { trustorUserId?: string; trusteeUserId?: string }) {
    let query = this.db.selectFrom('trust').selectAll();
    if (filter.trustorUserId !== undefined) query = query.where('trustor_user_id', '=', filter.trustorUserId);
    if (filter.trusteeUserId !== undefined) query = query.where('trustee_user_id', '=', filter.trusteeUserId);
    return this.hydrate(await query.orderBy('id').execute());
  }

  async create(t: TrustRecord) {
    await this.db
      .insertInto('trust')
      .values({
        id: t.id,
        trustor_user_id: t.trustorUserId,
        trustee_user_id: t.trusteeUserId,
        project_id: t.projectId,
        impersonation: toFlag(t.impersonation),
        expires_at: t.expiresAt,
        remaining_uses: t.remainingUses,
        allow_redelegation: toFlag(t.allowRedelegation),
        redelegated_trust_id: t.redelegatedTrustId,
        redelegation_count: t.redelegationCount,
        created_at: t.createdAt,
        extra: JSON.stringify(t.extra),
      })
      .execute();
    if (t.roleIds.length > 0) {
      await this.db
        .insertInto('trust_role')
        .values(t.roleIds.map((roleId) => ({ trust_id: t.id, role_id: roleId })))
        .execute();
    }
  }

  async delete(id: string) {
    await this.db.deleteFrom('trust_role').where('trust_id', '=', id).execute();
    await this.db.deleteFrom('trust').where('id', '=', id).execute();
  }

  async consumeUse(id: string) {
    const result = await this.db
      .updateTable('trust')
      .set((eb) => ({ remaining_uses: eb('remaining_uses', '-', 1) }))
      .where('id', '=', id)
      .where('remaining_uses', '>', 0)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return true;
    const row = await this.db.selectFrom('trust').select('remaining_uses').where('id', '=', id).executeTakeFirst();
    return row !== undefined && row.remaining_uses === null;
  }

  async deleteForUser(userId: string) {
    const rows = await this.db
      .selectFrom('trust')
      .select('id')
      .where((eb) => eb.or([eb('trustor_user_id', '=', userId), eb('trustee_user_id', '=', userId)]))
      .execute();
    for (const { id } of rows) await this.delete(id);
    return rows.map((r) => r.id);
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { AuditOutcome } from '../../services/audit/audit-event.ts';
import type { AuditEventDriver, AuditEventFilter, AuditEventRecord } from '../../services/audit/audit-event-driver.ts';
import type { AuditEventTable, Database } from '../tables.ts';

const toRecord = (row: Selectable<AuditEventTable>): AuditEventRecord => ({
  id: row.id,
  eventType: row.event_type,
  action: row.action,
  outcome: row.outcome as AuditOutcome,
  initiatorUserId: row.initiator_user_id,
  targetType: row.target_type,
  targetId: row.target_id,
  projectId: row.project_id,
  domainId: row.domain_id,
  time: row.event_time,
  requestId: row.request_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
});

export class AuditEventSql implements AuditEventDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async addMany(records: AuditEventRecord[]) {
    if (records.length === 0) return;
    await this.db
      .insertInto('audit_event')
      .values(
        records.map((r) => ({
          id: r.id,
          event_type: r.eventType,
          action: r.action,
          outcome: r.outcome,
          initiator_user_id: r.initiatorUserId,
          target_type: r.targetType,
          target_id: r.targetId,
          project_id: r.projectId,
          domain_id: r.domainId,
          event_time: r.time,
          request_id: r.requestId,
          payload: JSON.stringify(r.payload),
        })),
      )
      .execute();
  }

  async list(filter: AuditEventFilter, limit: number) {
    let query = this.db.selectFrom('audit_event').selectAll();
    if (filter.userId !== undefined) query = query.where('initiator_user_id', '=', filter.userId);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
    if (filter.since !== undefined) query = query.where('event_time', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('event_time', '<=', filter.until);
    if (filter.marker !== undefined) {
      const marker = await this.db
        .selectFrom('audit_event')
        .select(['event_time', 'id'])
        .where('id', '=', filter.marker)
        .executeTakeFirst();
      if (marker) {
        query = query.where((eb) =>
          eb.or([
            eb('event_time', '<', marker.event_time),
            eb.and([eb('event_time', '=', marker.event_time), eb('id', '<', marker.id)]),
          ]),
        );
      }
    }
    const rows = await query.orderBy('event_time', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }

  async exists(id: string) {
    return (await this.db.selectFrom('audit_event').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async purgeBefore(before: string) {
    const result = await this.db.deleteFrom('audit_event').where('event_time', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

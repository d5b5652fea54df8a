import type { ServiceContext } from '../service-context.ts';
import type { AuditEvent } from './audit-event.ts';
import type { AuditEventFilter, AuditEventRecord } from './audit-event-driver.ts';
import { WriteBatch } from '../write-batch.ts';

export interface AuditLogSettings {
  /** [audit] retention_days; 0 keeps events forever. */
  retentionDays: number;
  /** Told about a write or purge that failed; the request that caused the event never is. */
  onError(error: unknown, what: string): void;
}

const DAY_MS = 86_400_000;

/**
 * The audit trail in the database (OS-XLOUD audit events). Writes happen off the request path, as the
 * sign-in log's do, several events per statement; reads first write what waits and wait for this process's
 * writes in flight, so an event just caused is listed.
 */
export class AuditLog {
  private readonly batch: WriteBatch<AuditEventRecord>;

  constructor(
    private readonly ctx: Pick<ServiceContext, 'store' | 'clock'>,
    private readonly settings: AuditLogSettings,
  ) {
    this.batch = new WriteBatch(
      (records) => this.ctx.store.auditEvents.addMany(records),
      (error) => this.report(error, 'audit event not recorded'),
    );
  }

  /** Stores the event with its CADF form; returns at once. */
  record(event: AuditEvent, payload: Record<string, unknown>): void {
    const record: AuditEventRecord = {
      id: event.id,
      eventType: event.eventType,
      action: event.action,
      outcome: event.outcome,
      initiatorUserId: event.initiator.userId ?? null,
      targetType: event.target.type,
      targetId: event.target.id ?? null,
      projectId: event.initiator.projectId ?? null,
      domainId: event.initiator.domainId ?? null,
      time: event.time.toISOString(),
      requestId: event.requestId ?? null,
      payload,
    };
    this.batch.add(record);
  }

  async list(filter: AuditEventFilter, limit: number): Promise<AuditEventRecord[] | 'unknown marker'> {
    await this.flush();
    if (filter.marker !== undefined && !(await this.ctx.store.auditEvents.exists(filter.marker)))
      return 'unknown marker';
    return this.ctx.store.auditEvents.list(filter, limit);
  }

  /** Deletes events older than retention_days (none when it is 0); returns how many. */
  async purge(): Promise<number> {
    if (this.settings.retentionDays <= 0) return 0;
    // What waits to be written is older than anything the purge keeps: written first, so it is judged too.
    await this.flush();
    const before = new Date(this.ctx.clock.now().getTime() - this.settings.retentionDays * DAY_MS).toISOString();
    try {
      return await this.ctx.store.auditEvents.purgeBefore(before);
    } catch (error) {
      this.report(error, 'old audit events not purged');
      return 0;
    }
  }

  async flush(): Promise<void> {
    await this.batch.flush();
  }

  private report(error: unknown, what: string): void {
    try {
      this.settings.onError(error, what);
    } catch {
      // Reporting must not become an unhandled rejection either.
    }
  }
}

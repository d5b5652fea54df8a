import type { AuditEvent, AuditSink } from '../services/audit/audit-event.ts';
import { basicPayload, cadfPayload } from './cadf-payload.ts';
import { osloNotification, type OsloNotification } from './oslo-message.ts';

/** Where a formatted notification goes: the message broker or the log. */
export interface NotificationDriver {
  send(notification: OsloNotification): void;
  close(): Promise<void>;
}

export interface NotifierOptions {
  /** [DEFAULT] notification_format. */
  format: 'cadf' | 'basic';
  /** [DEFAULT] notification_opt_out. */
  optOut: readonly string[];
  /** identity.<[DEFAULT] default_publisher_id or host name>. */
  publisherId: string;
  drivers: readonly NotificationDriver[];
  /** The identity service's id in the catalog (the CADF observer), if known. */
  observerId(): string | undefined;
  /** Every event with its CADF form, before opt-out: the audit trail in the database. */
  record?(event: AuditEvent, cadf: Record<string, unknown>): void;
}

/**
 * keystone.notifications' sending half: opt-out, then the payload in the configured format, then every driver.
 * emit() returns at once; drivers queue.
 */
export class Notifier implements AuditSink {
  private readonly optOut: ReadonlySet<string>;

  constructor(private readonly options: NotifierOptions) {
    this.optOut = new Set(options.optOut);
  }

  emit(event: AuditEvent): void {
    const cadf = cadfPayload(event, this.options.observerId());
    this.options.record?.(event, cadf);
    if (this.options.drivers.length === 0 || this.optedOut(event)) return;
    const payload = (this.options.format === 'basic' ? basicPayload(event) : undefined) ?? cadf;
    const notification = osloNotification(this.options.publisherId, event.eventType, payload, event.time);
    for (const driver of this.options.drivers) driver.send(notification);
  }

  /** Keystone's _check_notification_opt_out: authentication events are matched with their outcome appended. */
  private optedOut(event: AuditEvent): boolean {
    const key = event.eventType.includes('authenticate') ? `${event.eventType}.${event.outcome}` : event.eventType;
    return this.optOut.has(key);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.options.drivers.map((driver) => driver.close()));
  }
}

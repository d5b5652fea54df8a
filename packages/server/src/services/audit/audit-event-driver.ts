import type { AuditOutcome } from './audit-event.ts';

/** One row of the audit trail (migration 009); `payload` is the CADF event as notifications carry it. */
export interface AuditEventRecord {
  id: string;
  eventType: string;
  action: string;
  outcome: AuditOutcome;
  initiatorUserId: string | null;
  targetType: string;
  targetId: string | null;
  /** The scope of the initiator's token. */
  projectId: string | null;
  domainId: string | null;
  /** ISO-8601 UTC with milliseconds. */
  time: string;
  requestId: string | null;
  payload: Record<string, unknown>;
}

export interface AuditEventFilter {
  userId?: string;
  action?: string;
  outcome?: string;
  /** Inclusive bounds, ISO-8601 UTC. */
  since?: string;
  until?: string;
  /** The id of the last event of the previous page: the page starts after it. */
  marker?: string;
}

/** Storage port for the audit trail. */
export interface AuditEventDriver {
  /** Stores the records, in one statement where the database allows. */
  addMany(records: AuditEventRecord[]): Promise<void>;
  /** Newest first (time, then id), at most `limit`. */
  list(filter: AuditEventFilter, limit: number): Promise<AuditEventRecord[]>;
  /** Whether an event with this id is stored (an unknown marker is a 400, not an empty page). */
  exists(id: string): Promise<boolean>;
  /** Deletes events older than `before`; returns how many. */
  purgeBefore(before: string): Promise<number>;
}

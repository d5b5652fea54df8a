import type { AuditEvent, AuditEventList, AuditEventListQuery } from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import { ValidationError } from '../../errors.ts';
import type { AuditEventFilter, AuditEventRecord } from '../../services/audit/audit-event-driver.ts';
import type { RouteHandler, TypedRequest } from '../route-entry.ts';
import { queryString } from '../route-kit.ts';

type AuditEvents = { querystring: typeof AuditEventListQuery };

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const OUTCOMES = ['success', 'failure', 'pending'];

function limitFrom(value: unknown): number {
  const text = queryString(value);
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    throw ValidationError.field('limit', `'${text}' is not an integer between 1 and ${MAX_LIMIT}`);
  return limit;
}

/** since/until: any ISO-8601 time (a date alone is midnight UTC), compared in UTC. */
function timeFrom(value: unknown, name: string): string | undefined {
  const text = queryString(value);
  if (text === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw ValidationError.field(name, `'${text}' is not an ISO 8601 time`);
  return time.toISOString();
}

function filterFrom(query: Record<string, unknown>): AuditEventFilter {
  const outcome = queryString(query.outcome);
  if (outcome !== undefined && !OUTCOMES.includes(outcome))
    throw ValidationError.field('outcome', `expected one of ${OUTCOMES.join(', ')}`);
  return {
    userId: queryString(query.user_id),
    action: queryString(query.action),
    outcome,
    since: timeFrom(query.since, 'since'),
    until: timeFrom(query.until, 'until'),
    marker: queryString(query.marker),
  };
}

const renderEvent = (r: AuditEventRecord): AuditEvent => ({
  id: r.id,
  time: `${toKeystoneResourceTime(r.time)!}Z`,
  event_type: r.eventType,
  action: r.action,
  outcome: r.outcome,
  user_id: r.initiatorUserId,
  target_type: r.targetType,
  target_id: r.targetId,
  project_id: r.projectId,
  domain_id: r.domainId,
  request_id: r.requestId,
  payload: r.payload,
});

/** links.next repeats this request's filters with the last event as the marker. */
function nextLink(
  request: TypedRequest<AuditEvents>,
  selfUrl: string,
  page: AuditEventRecord[],
  limit: number,
): string | null {
  if (page.length < limit) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    if (name !== 'marker' && typeof value === 'string') params.set(name, value);
  }
  params.set('marker', page.at(-1)!.id);
  return `${selfUrl}?${params.toString()}`;
}

/** GET /v3/OS-XLOUD/audit-events: the audit trail, newest first (docs/console.md). */
export const listAuditEvents: RouteHandler<AuditEvents> = async (
  request,
  _reply,
  kit,
  policy,
): Promise<AuditEventList> => {
  await kit.enforce(request, policy);
  const query = request.query;
  const limit = limitFrom(query.limit);
  const filter = filterFrom(query);
  const page = await kit.services.auditLog.list(filter, limit);
  if (page === 'unknown marker') throw ValidationError.field('marker', `no audit event ${filter.marker ?? ''}`);
  const selfUrl = `${kit.v3Url(request)}/OS-XLOUD/audit-events`;
  return {
    audit_events: page.map(renderEvent),
    links: { self: selfUrl, previous: null, next: nextLink(request, selfUrl, page, limit) },
  };
};

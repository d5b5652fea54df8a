import { createHash } from 'node:crypto';
import type { AuditEvent } from '../services/audit/audit-event.ts';

const CADF_EVENT = 'http://schemas.dmtf.org/cloud/audit/1.0/event';
const ACCOUNT_USER = 'service/security/account/user';
const SERVICE_SECURITY = 'service/security';

/** keystone.notifications.CADF_TYPE_MAP: a resource type's CADF target typeURI ('unknown' otherwise). */
const TARGET_TYPE_URI: Readonly<Record<string, string>> = {
  group: 'data/security/group',
  project: 'data/security/project',
  role: 'data/security/role',
  user: 'data/security/account/user',
  domain: 'data/security/domain',
  region: 'data/security/region',
  endpoint: 'data/security/endpoint',
  service: 'data/security/service',
  policy: 'data/security/policy',
  'OS-TRUST:trust': 'data/security/trust',
  'OS-OAUTH1:access_token': 'data/security/credential',
  'OS-OAUTH1:request_token': 'data/security/credential',
  'OS-OAUTH1:consumer': 'data/security/account',
};

// keystone.common.utils.RESOURCE_ID_NAMESPACE
const RESOURCE_ID_NAMESPACE = Buffer.from('4332ecab770b4288a680b9aca3b1b153', 'hex');

/** keystone.common.utils.resource_uuid: a UUID stays as written, anything else becomes uuid5(namespace, value).hex. */
export function resourceUuid(value: string): string {
  if (/^(urn:uuid:)?\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(value)) return value;
  const hash = createHash('sha1').update(RESOURCE_ID_NAMESPACE).update(value, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return hash.subarray(0, 16).toString('hex');
}

/** pycadf's TIME_FORMAT: 2026-12-03T07:32:16.386592+0000. */
export function cadfTime(time: Date): string {
  return `${time.toISOString().slice(0, 23)}000+0000`;
}

const defined = (entries: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

function initiatorOf(event: AuditEvent): Record<string, unknown> {
  const { userId, projectId, domainId, address, agent } = event.initiator;
  const host = defined({ address, agent });
  return defined({
    // pycadf gives an anonymous resource a fresh id.
    id: userId !== undefined ? resourceUuid(userId) : event.id,
    typeURI: ACCOUNT_USER,
    host: Object.keys(host).length > 0 ? host : undefined,
    user_id: userId,
    project_id: projectId,
    domain_id: domainId,
  });
}

function targetOf(event: AuditEvent): Record<string, unknown> {
  // Authentication and role assignment events have Keystone's anonymous user target (a fresh id).
  if (event.resourceInfo === undefined) return { id: resourceUuid(`${event.id}:target`), typeURI: ACCOUNT_USER };
  return { id: event.resourceInfo, typeURI: TARGET_TYPE_URI[event.target.type] ?? 'unknown' };
}

/** The CADF event Keystone sends (pycadf Event.as_dict()), with the identity service's id as the observer's. */
export function cadfPayload(event: AuditEvent, observerId: string | undefined): Record<string, unknown> {
  const assignment = event.assignment;
  return defined({
    typeURI: CADF_EVENT,
    eventType: 'activity',
    id: event.id,
    eventTime: cadfTime(event.time),
    action: event.action,
    outcome: event.outcome,
    observer: defined({ id: observerId ?? resourceUuid(`${event.id}:observer`), typeURI: SERVICE_SECURITY }),
    initiator: initiatorOf(event),
    target: targetOf(event),
    reason: event.reason,
    resource_info: event.resourceInfo,
    ...(assignment
      ? defined({
          project: assignment.project,
          domain: assignment.domain,
          user: assignment.user,
          group: assignment.group,
          inherited_to_projects: assignment.inheritedToProjects,
          role: assignment.role,
        })
      : {}),
  });
}

/** notification_format = basic: only the resource's id (authentication and role assignment events stay CADF). */
export function basicPayload(event: AuditEvent): Record<string, unknown> | undefined {
  return event.resourceInfo === undefined ? undefined : { resource_info: event.resourceInfo };
}

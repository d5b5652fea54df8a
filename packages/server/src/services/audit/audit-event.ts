/** CADF outcomes (pycadf's taxonomy): pending is for a sign-in waiting on a further factor (MFA). */
export type AuditOutcome = 'success' | 'failure' | 'pending';

/** Resource operations Keystone notifies (keystone.notifications.ACTIONS, minus the internal ones). */
export type AuditOperation = 'created' | 'updated' | 'deleted' | 'disabled';

/** Resource types with notifications; the CADF target typeURI of each is in notifications/cadf-payload.ts. */
export type AuditResourceType =
  | 'user'
  | 'group'
  | 'project'
  | 'domain'
  | 'role'
  | 'region'
  | 'service'
  | 'endpoint'
  | 'policy'
  | 'application_credential'
  | 'OS-TRUST:trust'
  | 'OS-OAUTH1:consumer'
  | 'OS-OAUTH1:request_token'
  | 'OS-OAUTH1:access_token'
  | 'credential';

/** Who made the request: the caller's token and where the request came from. Never a secret. */
export interface AuditInitiator {
  userId?: string;
  projectId?: string;
  domainId?: string;
  address?: string;
  agent?: string;
}

/**
 * One audited event, before it is formatted: stored in the audit trail and, unless opted out, sent as a
 * notification (CADF or basic). `target.type` is Keystone's resource type ('user', 'role_assignment', …).
 */
export interface AuditEvent {
  id: string;
  /** identity.authenticate, identity.project.created, identity.role_assignment.deleted, … */
  eventType: string;
  /** The CADF action: authenticate, created.project, deleted.role_assignment, … */
  action: string;
  outcome: AuditOutcome;
  time: Date;
  initiator: AuditInitiator;
  target: { type: string; id?: string };
  requestId?: string;
  /** The resource's id for resource events (Keystone's resource_info, also the whole basic payload). */
  resourceInfo?: string;
  /** Role assignment events: the grant, as Keystone adds it to the CADF event (project/domain, user/group, role). */
  assignment?: {
    role: string;
    project?: string;
    domain?: string;
    user?: string;
    group?: string;
    inheritedToProjects: boolean;
  };
  /** Why an authentication failed, when it is one Keystone names (account locked, password expired). */
  reason?: { reasonType: string; reasonCode: string };
}

/** Where events go (the notifier and the audit trail); it must return at once and never throw. */
export interface AuditSink {
  emit(event: AuditEvent): void;
}

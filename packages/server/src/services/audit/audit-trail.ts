import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type {
  AuditEvent,
  AuditInitiator,
  AuditOperation,
  AuditOutcome,
  AuditResourceType,
  AuditSink,
} from './audit-event.ts';
import { currentAuditRequest } from './request-scope.ts';

const SERVICE = 'identity';

/** A role grant as the role_assignment events describe it. */
export interface AuditedGrant {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  inheritedToProjects: boolean;
}

/**
 * What services call after a change is committed (or a sign-in is decided), named as in keystone.notifications:
 * resource events, role assignment events and identity.authenticate. The initiator is the current request's
 * caller. Emitting never waits and never fails the caller.
 */
export class AuditTrail {
  constructor(
    private readonly sink: AuditSink,
    private readonly clock: Clock,
  ) {}

  resource(operation: AuditOperation, type: AuditResourceType, id: string): void {
    this.emit({
      eventType: `${SERVICE}.${type}.${operation}`,
      action: `${operation}.${type}`,
      outcome: 'success',
      initiator: this.initiator(),
      target: { type, id },
      resourceInfo: id,
    });
  }

  roleAssignment(operation: 'created' | 'deleted', grant: AuditedGrant, outcome: AuditOutcome = 'success'): void {
    this.emit({
      eventType: `${SERVICE}.role_assignment.${operation}`,
      action: `${operation}.role_assignment`,
      outcome,
      initiator: this.initiator(),
      // Keystone's target is an anonymous user resource; the grant itself travels in the event's attributes.
      target: { type: 'role_assignment', id: grant.userId ?? grant.groupId },
      assignment: {
        role: grant.roleId,
        ...(grant.projectId !== undefined
          ? { project: grant.projectId }
          : grant.domainId !== undefined
            ? { domain: grant.domainId }
            : {}),
        ...(grant.userId !== undefined
          ? { user: grant.userId }
          : grant.groupId !== undefined
            ? { group: grant.groupId }
            : {}),
        inheritedToProjects: grant.inheritedToProjects,
      },
    });
  }

  /** identity.authenticate for a sign-in of a known user (an unknown one leaves no trace, as in Keystone). */
  authenticate(outcome: AuditOutcome, userId: string, reason?: AuditEvent['reason']): void {
    const request = currentAuditRequest();
    this.emit({
      eventType: `${SERVICE}.authenticate`,
      action: 'authenticate',
      outcome,
      initiator: { address: request?.address, agent: request?.agent, userId },
      target: { type: 'user', id: userId },
      reason,
    });
  }

  private initiator(): AuditInitiator {
    const request = currentAuditRequest();
    if (!request) return {};
    return { address: request.address, agent: request.agent, ...request.caller() };
  }

  private emit(event: Omit<AuditEvent, 'id' | 'time' | 'requestId'>): void {
    try {
      this.sink.emit({
        ...event,
        id: randomUUID(),
        time: this.clock.now(),
        requestId: currentAuditRequest()?.requestId,
      });
    } catch {
      // Auditing must never turn a committed change into an error response.
    }
  }
}

/** For contexts with nowhere to send events (unit tests, xloud-manage). */
export const discardAuditEvents: AuditSink = { emit: () => undefined };

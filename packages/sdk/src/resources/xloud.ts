import type { Session } from '../session.ts';
import type { CallOptions } from './collection.ts';
import type { AuditEvent, AuditEventFilters, PolicyCheck } from './types.ts';

/**
 * Xloud's extensions to the v3 API that are not about one resource (`/v3/OS-XLOUD/...`). The per-user extensions
 * are on `identity.users` (`updateProfile`, `listSignIns`, `revokeTokens`).
 *
 * @example
 * ```ts
 * const can = await identity.xloud.policyCheck(['identity:list_users', 'identity:create_project']);
 * if (can['identity:create_project']?.allowed) showCreateButton();
 * ```
 */
export class XloudExtensions {
  constructor(private readonly session: Session) {}

  /**
   * What the caller's own token may do (POST /v3/OS-XLOUD/policy-check): for each action (at most 100; an unknown
   * action is a 400), whether it is allowed, the rule's scope types and what would allow it. `target` is the policy
   * target the rules see as `%(target.…)s`, e.g. `{ user: { id } }` for `identity:update_own_profile`. Read-only;
   * needs nothing beyond a valid token.
   *
   * @example
   * ```ts
   * const me = (await identity.tokens.issue()).userId;
   * const d = await identity.xloud.policyCheck(['identity:update_own_profile'], { user: { id: me } });
   * d['identity:update_own_profile'].allowed; // true
   * ```
   */
  async policyCheck(actions: string[], target?: Record<string, unknown>, options?: CallOptions): Promise<PolicyCheck> {
    const body: Record<string, unknown> = { actions };
    if (target !== undefined) body.target = target;
    const res = await this.session.request<{ policy_check: PolicyCheck }>('/OS-XLOUD/policy-check', {
      method: 'POST',
      body,
      signal: options?.signal,
    });
    return res.body.policy_check;
  }

  /**
   * One page of the audit trail (GET /v3/OS-XLOUD/audit-events), newest first: sign-ins and changes to identity
   * resources, filtered by initiator, action, outcome and time. System readers only (`identity:list_audit_events`).
   * The next page starts after the last event: pass its id as `marker`.
   *
   * @example
   * ```ts
   * const failures = await identity.xloud.listAuditEvents({ action: 'authenticate', outcome: 'failure', since: '2026-01-01' });
   * const older = await identity.xloud.listAuditEvents({ marker: failures.at(-1)?.id });
   * ```
   */
  async listAuditEvents(filters: AuditEventFilters = {}, options?: CallOptions): Promise<AuditEvent[]> {
    const res = await this.session.request<{ audit_events: AuditEvent[] }>('/OS-XLOUD/audit-events', {
      query: {
        user_id: filters.userId,
        action: filters.action,
        outcome: filters.outcome,
        since: filters.since,
        until: filters.until,
        limit: filters.limit,
        marker: filters.marker,
      },
      signal: options?.signal,
    });
    return res.body.audit_events;
  }
}

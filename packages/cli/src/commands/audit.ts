/**
 * `xloud audit event list`: the audit trail (OS-XLOUD, GET /v3/OS-XLOUD/audit-events, see docs/console.md), newest
 * first. For system readers: `--os-system-scope all` or OS_SYSTEM_SCOPE=all.
 */
import type { AuditEventFilters } from '@xloud/sdk';
import type { CommandSpec } from '../command.ts';
import { findUser, tokenResource } from '../resolve.ts';

const OUTCOMES = ['success', 'failure', 'pending'] as const;

export const auditCommands: CommandSpec[] = [
  {
    path: ['audit', 'event', 'list'],
    kind: 'list',
    description:
      'List audit events (sign-ins, changes to identity resources), newest first (Xloud extension; system readers)',
    options: [
      { flags: '--user <user>', description: 'Events initiated by this user (name or ID)' },
      { flags: '--user-domain <user-domain>', description: 'Domain the user belongs to (name or ID)' },
      {
        flags: '--action <action>',
        description: 'CADF action: authenticate, created.project, deleted.role_assignment, ...',
      },
      { flags: '--outcome <outcome>', description: 'success, failure or pending', choices: OUTCOMES },
      { flags: '--since <time>', description: 'Events at or after this ISO 8601 time' },
      { flags: '--until <time>', description: 'Events at or before this ISO 8601 time' },
      { flags: '--limit <limit>', description: 'Maximum number of events (1-1000, default 100)', int: true },
      {
        flags: '--marker <marker>',
        description: 'List events older than this event ID (the last one of the previous page)',
      },
      { flags: '--long', description: 'List additional fields in output' },
    ],
    async run(ctx, o) {
      const filters: AuditEventFilters = {
        action: o.action,
        outcome: o.outcome,
        since: o.since,
        until: o.until,
        limit: o.limit,
        marker: o.marker,
      };
      if (o.user !== undefined) {
        // A deleted user's events stay: an ID that no longer resolves is used as given.
        const name = await tokenResource(ctx, 'user', o.user, o.userDomain);
        filters.userId = await findUser(ctx.api(), name, o.userDomain).then(
          (user) => user.id as string,
          () => o.user as string,
        );
      }
      const events = await ctx.api().identity.xloud.listAuditEvents(filters);
      const columns = o.long
        ? [
            'ID',
            'Time',
            'Event Type',
            'Action',
            'Outcome',
            'User ID',
            'Target Type',
            'Target ID',
            'Project ID',
            'Domain ID',
            'Request ID',
          ]
        : ['Time', 'Action', 'Outcome', 'User ID', 'Target Type', 'Target ID'];
      const rows = events.map((e) =>
        o.long
          ? [
              e.id,
              e.time,
              e.event_type,
              e.action,
              e.outcome,
              e.user_id ?? '',
              e.target_type,
              e.target_id ?? '',
              e.project_id ?? '',
              e.domain_id ?? '',
              e.request_id ?? '',
            ]
          : [e.time, e.action, e.outcome, e.user_id ?? '', e.target_type, e.target_id ?? ''],
      );
      return { columns, rows };
    },
  },
];

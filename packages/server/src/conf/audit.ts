import { integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** `[audit]`: the audit trail in the database (GET /v3/OS-XLOUD/audit-events). Not a keystone.conf section. */
export const auditSection = {
  retention_days: integerOption({
    default: 90,
    min: 0,
    help:
      'Days audit events (sign-ins, changes to identity resources) are kept in the database; older ones are ' +
      'deleted at start-up and every hour. 0 keeps them forever. Every event is stored, whatever ' +
      '[oslo_messaging_notifications] driver and [DEFAULT] notification_opt_out say.',
  }),
} satisfies SectionSchema;

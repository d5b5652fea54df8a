import { applicationCredentialSection } from './application-credential.ts';
import { assignmentSection } from './assignment.ts';
import { auditSection } from './audit.ts';
import { authSection } from './auth.ts';
import { cacheSection } from './cache.ts';
import { catalogSection } from './catalog.ts';
import { corsSection } from './cors.ts';
import { credentialSection } from './credential.ts';
import { dashboardSection } from './dashboard.ts';
import { databaseSection } from './database.ts';
import { defaultSection } from './default.ts';
import { eventletServerSection } from './eventlet-server.ts';
import { fernetReceiptsSection } from './fernet-receipts.ts';
import { fernetTokensSection } from './fernet-tokens.ts';
import { healthcheckSection } from './healthcheck.ts';
import { identitySection } from './identity.ts';
import { metricsSection } from './metrics.ts';
import { oauth1Section } from './oauth1.ts';
import type { SectionSchema, SectionValues } from './option-types.ts';
import { osloMessagingNotificationsSection } from './oslo-messaging-notifications.ts';
import { osloPolicySection } from './oslo-policy.ts';
import { resourceSection } from './resource.ts';
import { revokeSection } from './revoke.ts';
import { securityComplianceSection } from './security-compliance.ts';
import { receiptSection } from './receipt.ts';
import { tokenSection } from './token.ts';
import { totpSection } from './totp.ts';

/**
 * Every section we understand, under its keystone.conf name. The order is the
 * order of the sample file. The XloudConfig type is derived from this table.
 */
export const CONFIG_SCHEMA = {
  DEFAULT: defaultSection,
  eventlet_server: eventletServerSection,
  database: databaseSection,
  token: tokenSection,
  fernet_tokens: fernetTokensSection,
  receipt: receiptSection,
  fernet_receipts: fernetReceiptsSection,
  totp: totpSection,
  identity: identitySection,
  auth: authSection,
  resource: resourceSection,
  assignment: assignmentSection,
  revoke: revokeSection,
  oslo_policy: osloPolicySection,
  security_compliance: securityComplianceSection,
  application_credential: applicationCredentialSection,
  credential: credentialSection,
  oauth1: oauth1Section,
  catalog: catalogSection,
  cache: cacheSection,
  dashboard: dashboardSection,
  healthcheck: healthcheckSection,
  cors: corsSection,
  metrics: metricsSection,
  oslo_messaging_notifications: osloMessagingNotificationsSection,
  audit: auditSection,
} as const satisfies { readonly [section: string]: SectionSchema };

type ConfigSchema = typeof CONFIG_SCHEMA;
export type SectionName = keyof ConfigSchema;

/** The validated, frozen configuration: `conf.token.expiration`, `conf.DEFAULT.debug`, … */
export type XloudConfig = { readonly [S in SectionName]: SectionValues<ConfigSchema[S]> };

export const SECTION_NAMES = Object.keys(CONFIG_SCHEMA) as SectionName[];

/**
 * Section names are matched case-insensitively (`[Token]`, XLOUD__TOKEN__…); the
 * canonical spelling is the keystone.conf one.
 */
export function findSection(name: string): SectionName | undefined {
  const lower = name.toLowerCase();
  return SECTION_NAMES.find((section) => section.toLowerCase() === lower);
}

import type { Clock } from '../clock.ts';
import type { AuditTrail } from './audit/audit-trail.ts';
import type { Store } from './store.ts';

/** What every service needs: storage, time, and a way to tell caches that state changed. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  /** Called after any committed write that can change a token's validity or content. */
  invalidateTokenCache(): void;
  defaultDomainId: string;
  /** Notifications and the audit trail: services report committed changes here. */
  audit: AuditTrail;
}

import type { Clock } from '../clock.ts';
import type { AuditTrail } from './audit/audit-trail.ts';
import type { Store } from './store.ts';

/** What every service needs: storage, time, and a way to tell caches that state changed. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  /** Called after any committed write that can change a token's validity or content. */
  invalidateTokenCache(): void;
  /** Called after a committed role or implied-role write: drops the cached roles, then as invalidateTokenCache. */
  rolesChanged(): void;
  /**
   * Called after a committed catalog or endpoint-filter write: drops the cached catalog and endpoint filters here
   * and tells the other nodes. Validated tokens stay: a token body renders the catalog apart from the token model.
   */
  catalogChanged(): void;
  defaultDomainId: string;
  /** Notifications and the audit trail: services report committed changes here. */
  audit: AuditTrail;
}

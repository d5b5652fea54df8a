import type { Session } from '../session.ts';
import { Collection, paginate, type CallOptions, type Filters } from './collection.ts';
import type { Links, Role } from './types.ts';

/**
 * An OS-TRUST trust: the trustor delegates roles on a project to the trustee. `expires_at` is Keystone's
 * `YYYY-MM-DDTHH:MM:SS.ffffffZ` or null; `remaining_uses` is null when unlimited.
 *
 * @example
 * ```ts
 * const t: Trust = await identity.trusts.get(trustId);
 * console.log(t.trustee_user_id, t.roles.map((r) => r.name));
 * ```
 */
export interface Trust {
  id: string;
  trustor_user_id: string;
  trustee_user_id: string;
  project_id: string | null;
  impersonation: boolean;
  expires_at: string | null;
  remaining_uses: number | null;
  allow_redelegation?: boolean;
  redelegation_count?: number;
  roles: Role[];
  roles_links?: Links;
  links?: Links;
  [key: string]: unknown;
}

/**
 * The body of a new trust. Roles by `{ id }` or `{ name }`.
 *
 * @example
 * ```ts
 * const body: TrustCreate = { trustor_user_id: me, trustee_user_id: svc, project_id: p, impersonation: false, roles: [{ name: 'member' }] };
 * ```
 */
export interface TrustCreate {
  trustor_user_id: string;
  trustee_user_id: string;
  impersonation: boolean;
  project_id?: string;
  roles?: Array<{ id: string } | { name: string }>;
  expires_at?: string | null;
  remaining_uses?: number | null;
  allow_redelegation?: boolean;
  [key: string]: unknown;
}

/**
 * Filters of {@link Trusts.list}: without either, listing every trust needs an administrator.
 *
 * @example
 * ```ts
 * const mine = await identity.trusts.list({ trustor_user_id: me } satisfies TrustFilters);
 * ```
 */
export interface TrustFilters extends Filters {
  trustor_user_id?: string;
  trustee_user_id?: string;
}

/**
 * /v3/OS-TRUST/trusts. Trusts cannot be updated, only created and deleted.
 *
 * @example
 * ```ts
 * const trust = await identity.trusts.create({ trustor_user_id: me, trustee_user_id: svc, project_id: p, impersonation: true, roles: [{ name: 'member' }] });
 * await identity.trusts.delete(trust.id);
 * ```
 */
export class Trusts extends Collection<Trust, TrustCreate, never, TrustFilters> {
  constructor(session: Session) {
    super(session, {
      path: '/OS-TRUST/trusts',
      key: 'trust',
      plural: 'trusts',
    });
  }

  /** The roles a trust delegates. */
  async listRoles(trustId: string, options?: CallOptions): Promise<Role[]> {
    const out: Role[] = [];
    for await (const r of paginate<Role>(
      this.session,
      `/OS-TRUST/trusts/${encodeURIComponent(trustId)}/roles`,
      'roles',
      undefined,
      options,
    ))
      out.push(r);
    return out;
  }
}

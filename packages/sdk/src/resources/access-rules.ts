import type { Session } from '../session.ts';
import { paginate, type Filters } from './collection.ts';
import type { OwnerOptions } from './credentials.ts';
import type { AccessRule } from './types.ts';

/**
 * /v3/users/{user_id}/access_rules: the access rules a user's application credentials use. Every method works on
 * the session user's rules unless `{ user_id }` is passed. A rule still used by an application credential cannot be
 * deleted.
 *
 * @example
 * ```ts
 * for (const rule of await identity.accessRules.list()) console.log(rule.id, rule.method, rule.service, rule.path);
 * ```
 */
export class AccessRules {
  constructor(private readonly session: Session) {}

  private async path(options?: OwnerOptions): Promise<string> {
    const userId = options?.user_id ?? (await this.session.getAccess()).userId;
    return `/users/${encodeURIComponent(userId)}/access_rules`;
  }

  /** Filters: `service`, `path`, `method`. */
  async list(filters?: Filters, options?: OwnerOptions): Promise<AccessRule[]> {
    const out: AccessRule[] = [];
    for await (const r of paginate<AccessRule>(
      this.session,
      await this.path(options),
      'access_rules',
      filters,
      options,
    ))
      out.push(r);
    return out;
  }

  async get(id: string, options?: OwnerOptions): Promise<AccessRule> {
    const res = await this.session.request<{ access_rule: AccessRule }>(
      `${await this.path(options)}/${encodeURIComponent(id)}`,
      { signal: options?.signal },
    );
    return res.body.access_rule;
  }

  async delete(id: string, options?: OwnerOptions): Promise<void> {
    await this.session.request(`${await this.path(options)}/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }
}

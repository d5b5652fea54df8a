import type { Session } from '../session.ts';
import type { CallOptions } from './collection.ts';
import type { Links } from './types.ts';

/**
 * A role as an inference rule names it.
 *
 * @example
 * ```ts
 * const ref: RoleRef = (await identity.impliedRoles.get(adminId, memberId)).implies;
 * ```
 */
export interface RoleRef {
  id: string;
  name: string;
  links?: Links;
  [key: string]: unknown;
}

/**
 * One inference rule: holding `prior_role` also grants `implies`.
 *
 * @example
 * ```ts
 * const rule: RoleInference = await identity.impliedRoles.create(adminId, memberId);
 * console.log(`${rule.prior_role.name} implies ${rule.implies.name}`);
 * ```
 */
export interface RoleInference {
  prior_role: RoleRef;
  implies: RoleRef;
}

/**
 * Every role one prior role implies (GET /v3/role_inferences lists one per prior role).
 *
 * @example
 * ```ts
 * for (const r of (await identity.impliedRoles.list()) satisfies RoleInferences[]) console.log(r.prior_role.name, r.implies.length);
 * ```
 */
export interface RoleInferences {
  prior_role: RoleRef;
  implies: RoleRef[];
}

const enc = encodeURIComponent;
const rulePath = (priorId: string, impliedId: string) => `/roles/${enc(priorId)}/implies/${enc(impliedId)}`;

/**
 * Implied roles (/v3/roles/{prior}/implies/{implied}, /v3/role_inferences). Roles are given by id.
 *
 * @example
 * ```ts
 * await identity.impliedRoles.create(adminRoleId, memberRoleId);
 * await identity.impliedRoles.check(adminRoleId, memberRoleId); // true
 * ```
 */
export class ImpliedRoles {
  constructor(private readonly session: Session) {}

  async create(priorRoleId: string, impliedRoleId: string, options?: CallOptions): Promise<RoleInference> {
    const res = await this.session.request<{ role_inference: RoleInference }>(rulePath(priorRoleId, impliedRoleId), {
      method: 'PUT',
      signal: options?.signal,
    });
    return res.body.role_inference;
  }

  async get(priorRoleId: string, impliedRoleId: string, options?: CallOptions): Promise<RoleInference> {
    const res = await this.session.request<{ role_inference: RoleInference }>(rulePath(priorRoleId, impliedRoleId), {
      signal: options?.signal,
    });
    return res.body.role_inference;
  }

  /** Whether the rule exists (HEAD; false on a 404). */
  async check(priorRoleId: string, impliedRoleId: string, options?: CallOptions): Promise<boolean> {
    try {
      await this.session.request(rulePath(priorRoleId, impliedRoleId), {
        method: 'HEAD',
        signal: options?.signal,
      });
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_NOT_FOUND') return false;
      throw err;
    }
  }

  async delete(priorRoleId: string, impliedRoleId: string, options?: CallOptions): Promise<void> {
    await this.session.request(rulePath(priorRoleId, impliedRoleId), {
      method: 'DELETE',
      signal: options?.signal,
    });
  }

  /** The roles one role implies directly. */
  async listFor(priorRoleId: string, options?: CallOptions): Promise<RoleInferences> {
    const res = await this.session.request<{ role_inference: RoleInferences }>(`/roles/${enc(priorRoleId)}/implies`, {
      signal: options?.signal,
    });
    return res.body.role_inference;
  }

  /** Every inference rule, grouped by prior role. */
  async list(options?: CallOptions): Promise<RoleInferences[]> {
    const res = await this.session.request<{
      role_inferences: RoleInferences[];
    }>('/role_inferences', { signal: options?.signal });
    return res.body.role_inferences;
  }
}

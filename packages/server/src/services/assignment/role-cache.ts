import type { Clock } from '../../clock.ts';
import type { Store } from '../store.ts';
import type { ImpliedRoleRecord, RoleRecord } from './assignment-driver.ts';
import { expandImpliedRoles } from './role-service.ts';

interface RoleSnapshot {
  byId: Map<string, RoleRecord>;
  rules: ImpliedRoleRecord[];
}

/**
 * Every role and every implied-role rule, kept in this process: a token needs its roles' names and what they imply,
 * and both change rarely (a deployment has tens or hundreds of roles). Dropped by any role or implied-role write
 * here (RoleService, through ServiceContext.rolesChanged) and by every change another node announces (the same
 * path that drops validated tokens); kept at most `ttlSeconds` besides, as the token cache. 0: nothing is kept.
 */
export class RoleCache {
  private cached: { loadedAt: number; snapshot: Promise<RoleSnapshot> } | undefined;

  constructor(
    private readonly store: () => Store,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** Roles or rules changed (here or elsewhere): the next read loads them again. */
  forget(): void {
    this.cached = undefined;
  }

  /** These roles and every role they imply, transitively; global roles only (as effective roles are), by id. */
  async effective(roleIds: Iterable<string>): Promise<RoleRecord[]> {
    const ids = [...roleIds];
    let { byId, rules } = await this.snapshot();
    // A role assigned but unknown here was created after the snapshot (on another node, whose announcement has
    // not arrived yet): load again rather than leave it out.
    if (ids.some((id) => !byId.has(id))) {
      this.forget();
      ({ byId, rules } = await this.snapshot());
    }
    return expandImpliedRoles(ids, rules)
      .map((id) => byId.get(id))
      .filter((role): role is RoleRecord => role !== undefined && role.domainId === null)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** These role ids and every role id they imply, transitively (a trust's delegated roles). */
  async impliedIds(roleIds: Iterable<string>): Promise<string[]> {
    return expandImpliedRoles(roleIds, (await this.snapshot()).rules);
  }

  private snapshot(): Promise<RoleSnapshot> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.loadedAt < this.ttlSeconds * 1000) return this.cached.snapshot;
    const snapshot = this.load();
    if (this.ttlSeconds <= 0) return snapshot;
    const entry = { loadedAt: now, snapshot };
    this.cached = entry;
    // A failed load is not kept: the next read tries again.
    snapshot.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return snapshot;
  }

  private async load(): Promise<RoleSnapshot> {
    const store = this.store();
    const [roles, rules] = await Promise.all([store.assignment.listRoles({}), store.assignment.listImpliedRoles()]);
    return { byId: new Map(roles.map((role) => [role.id, role])), rules };
  }
}

import { normalizeClientTime } from '../../clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { RoleRecord } from '../assignment/assignment-driver.ts';
import { revocationEvent } from '../revoke/revocation-event.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TrustRecord } from './trust-driver.ts';

export interface TrustInput {
  trustorUserId: string;
  trusteeUserId: string;
  projectId?: string | null;
  impersonation: boolean;
  expiresAt?: string | null;
  remainingUses?: number | null;
  allowRedelegation?: boolean;
  roles?: Array<{ id?: string; name?: string }>;
  extra?: Record<string, unknown>;
}

/** OS-TRUST: a trustor delegates some of its roles on a project to a trustee. */
export class TrustService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly assignments: AssignmentService,
  ) {}

  async create(
    input: TrustInput,
    creator: { userId: string; restrictedApplicationCredential: boolean },
  ): Promise<TrustRecord> {
    const store = this.ctx.store;
    if (creator.restrictedApplicationCredential) {
      throw new ForbiddenError('Using an application credential token to create a trust is not allowed.');
    }
    if (creator.userId !== input.trustorUserId)
      throw new ForbiddenError('The trustor must be the user creating the trust.');
    if (!(await store.identity.getUser(input.trusteeUserId))) throw NotFoundError.resource('user', input.trusteeUserId);
    let expiresAt: string | null = null;
    if (input.expiresAt) {
      const normalized = normalizeClientTime(input.expiresAt);
      if (!normalized) throw ValidationError.field('expires_at', `'${input.expiresAt}' is not a valid date-time`);
      if (new Date(normalized).getTime() <= this.ctx.clock.now().getTime())
        throw ValidationError.field('expires_at', 'the expiration time is in the past');
      expiresAt = normalized;
    }
    if (input.remainingUses !== undefined && input.remainingUses !== null && input.remainingUses <= 0) {
      throw ValidationError.field('remaining_uses', 'must be a positive integer or null');
    }
    const roles: RoleRecord[] = [];
    if (input.projectId) {
      const project = await store.resource.getProject(input.projectId);
      if (!project || project.isDomain) throw NotFoundError.resource('project', input.projectId);
      const held = await this.assignments.effectiveRoles(input.trustorUserId, { project });
      for (const ref of input.roles ?? []) {
        const role = ref.id
          ? await store.assignment.getRole(ref.id)
          : (await store.assignment.listRoles({ name: ref.name, domainId: null }))[0];
        if (!role) throw NotFoundError.resource('role', ref.id ?? ref.name ?? '');
        if (!held.some((h) => h.id === role.id))
          throw new ForbiddenError(`The trustor does not hold role ${role.name} on project ${project.id}.`);
        if (!roles.some((r) => r.id === role.id)) roles.push(role);
      }
    } else if ((input.roles ?? []).length > 0) {
      throw new ForbiddenError('Roles can only be delegated on a project.');
    }
    const trust: TrustRecord = {
      id: newId(),
      trustorUserId: input.trustorUserId,
      trusteeUserId: input.trusteeUserId,
      projectId: input.projectId ?? null,
      impersonation: input.impersonation,
      expiresAt,
      remainingUses: input.remainingUses ?? null,
      allowRedelegation: input.allowRedelegation ?? false,
      redelegatedTrustId: null,
      redelegationCount: null,
      createdAt: this.ctx.clock.now().toISOString(),
      extra: input.extra ?? {},
      roleIds: roles.map((r) => r.id),
    };
    await store.transaction((s) => s.trusts.create(trust));
    this.ctx.audit.resource('created', 'OS-TRUST:trust', trust.id);
    return trust;
  }

  async get(id: string): Promise<TrustRecord> {
    const trust = await this.ctx.store.trusts.get(id);
    if (!trust || this.expired(trust)) throw NotFoundError.resource('trust', id);
    return trust;
  }

  async list(filter: { trustorUserId?: string; trusteeUserId?: string }): Promise<TrustRecord[]> {
    return (await this.ctx.store.trusts.list(filter)).filter((t) => !this.expired(t));
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    const now = this.ctx.clock.now();
    await this.ctx.store.transaction(async (store) => {
      await store.trusts.delete(id);
      await store.revoke.add(revocationEvent(now, { trustId: id }));
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'OS-TRUST:trust', id);
  }

  async roles(trust: TrustRecord): Promise<RoleRecord[]> {
    return this.ctx.store.assignment.listRoles({ ids: trust.roleIds });
  }

  expired(trust: TrustRecord): boolean {
    return trust.expiresAt !== null && new Date(trust.expiresAt).getTime() <= this.ctx.clock.now().getTime();
  }
}

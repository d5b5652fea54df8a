import { NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { ServiceContext } from '../service-context.ts';
import type { PolicyRecord } from './policy-driver.ts';

/**
 * Policy blobs (Keystone's "policy" subsystem, deprecated there since Queens but still served): opaque documents
 * with a MIME-ish type, stored for other services. Nothing here is evaluated; the enforcer is policy/.
 */
export class PolicyService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(id: string): Promise<PolicyRecord> {
    const policy = await this.ctx.store.policy.getPolicy(id);
    if (!policy) throw NotFoundError.resource('policy', id);
    return policy;
  }

  list(filter: { type?: string }): Promise<PolicyRecord[]> {
    return this.ctx.store.policy.listPolicies(filter);
  }

  async create(input: { type: string; blob: string; extra?: Record<string, unknown> }): Promise<PolicyRecord> {
    const policy: PolicyRecord = { id: newId(), type: input.type, blob: input.blob, extra: input.extra ?? {} };
    await this.ctx.store.policy.createPolicy(policy);
    return policy;
  }

  async update(
    id: string,
    patch: { id?: string; type?: string; blob?: string; extra?: Record<string, unknown> },
  ): Promise<PolicyRecord> {
    if (patch.id !== undefined && patch.id !== id) throw new ValidationError('Cannot change policy ID');
    const policy = await this.get(id);
    await this.ctx.store.policy.updatePolicy(id, {
      type: patch.type,
      blob: patch.blob,
      extra: patch.extra === undefined ? undefined : { ...policy.extra, ...patch.extra },
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.ctx.store.policy.deletePolicy(id);
  }
}

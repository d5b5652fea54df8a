import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustInput } from '../../src/services/trust/trust-service.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
let trustor: UserRecord;
let trustee: UserRecord;
let alpha: ProjectRecord;

beforeEach(async () => {
  s = await startInMemoryServices();
  trustor = await s.createUser('trustor');
  trustee = await s.createUser('trustee');
  alpha = await s.createProject('alpha');
  await s.grantOnProject(trustor.id, alpha.id, s.seed.roles.manager.id);
});
afterEach(() => s.close());

/** The trustor delegates member on alpha unless told otherwise. */
function createTrust(input: Partial<TrustInput> = {}) {
  return s.services.trusts.create(
    {
      trustorUserId: trustor.id,
      trusteeUserId: trustee.id,
      projectId: alpha.id,
      impersonation: false,
      roles: [{ name: 'member' }],
      ...input,
    },
    { userId: trustor.id, restrictedApplicationCredential: false },
  );
}

function trustToken(trustId: string, user = trustee) {
  return s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: user.id, password: `${user.name}-password` } } },
    scope: { 'OS-TRUST:trust': { id: trustId } },
  });
}

const roleNames = (roles: { name: string }[]) => roles.map((r) => r.name).sort();

describe('Trust-scoped tokens', () => {
  it("give the trustee the delegated roles (and what they imply) on the trust's project, not the trustor's others", async () => {
    const trust = await createTrust();
    const token = await trustToken(trust.id);
    expect(token.user.id).toBe(trustee.id);
    expect(token.project?.id).toBe(alpha.id);
    expect(token.trust?.id).toBe(trust.id);
    expect(roleNames(token.roles)).toEqual(['member', 'reader']);
    expect(roleNames((await s.services.tokens.validate(token.id)).roles)).toEqual(['member', 'reader']);
  });

  it('stand for the trustor when the trust impersonates', async () => {
    const trust = await createTrust({ impersonation: true });
    expect((await trustToken(trust.id)).user.id).toBe(trustor.id);
  });

  it('are for the trustee only', async () => {
    const trust = await createTrust();
    await expect(trustToken(trust.id, trustor)).rejects.toMatchObject({ status: 403 });
  });

  it('are issued only as many times as the trust allows', async () => {
    const trust = await createTrust({ remainingUses: 1 });
    await trustToken(trust.id);
    await expect(trustToken(trust.id)).rejects.toMatchObject({ status: 403 });
  });

  it('end when the trust expires, by the clock', async () => {
    const expiresAt = new Date(s.clock.now().getTime() + 600_000);
    const trust = await createTrust({ expiresAt: expiresAt.toISOString() });
    const token = await trustToken(trust.id);
    await s.services.tokens.validate(token.id);
    s.clock.set(new Date(expiresAt.getTime() - 1));
    await expect(s.services.tokens.validate(token.id)).resolves.toMatchObject({ id: token.id });
    s.clock.set(expiresAt);
    // A cached validation must not outlive the trust either: nothing was written that would drop the cache.
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
    await expect(trustToken(trust.id)).rejects.toMatchObject({ status: 401 });
  });

  it('are revoked when the trust is deleted', async () => {
    const trust = await createTrust();
    const token = await trustToken(trust.id);
    await s.services.trusts.delete(trust.id);
    await expect(s.services.tokens.validate(token.id)).rejects.toBeDefined();
  });

  it('lose what the trustor no longer holds', async () => {
    const trust = await createTrust();
    const token = await trustToken(trust.id);
    await s.services.assignments.deleteGrant({
      actor: 'user',
      actorId: trustor.id,
      target: 'project',
      targetId: alpha.id,
      roleId: s.seed.roles.manager.id,
      inherited: false,
    });
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
  });
});

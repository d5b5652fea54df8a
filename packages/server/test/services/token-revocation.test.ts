import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthRequest } from '../../src/services/auth/auth-request.ts';
import { ADMIN_PASSWORD, startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
beforeEach(async () => {
  s = await startInMemoryServices();
});
afterEach(() => s.close());

function signIn(userId: string, password: string, scope: AuthRequest['scope'] = 'unscoped') {
  return s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: userId, password } } },
    scope,
  });
}

/** Exchanges a token for another one (Keystone's re-scope). */
function rescope(tokenId: string, scope: AuthRequest['scope']) {
  return s.services.authenticator.authenticate({ identity: { methods: ['token'], token: { id: tokenId } }, scope });
}

const validate = (tokenId: string) => s.services.tokens.validate(tokenId);

describe('RevokeService: by audit id', () => {
  it('revokes that token only', async () => {
    const first = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    const second = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    await validate(first.id);
    await s.services.revoke.revokeByAuditId(first.auditIds[0]!);
    await expect(validate(first.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(second.id)).resolves.toMatchObject({ id: second.id });
  });

  it('is listed as a revocation event with the whole second it happened in', async () => {
    const token = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    s.clock.advance(2_500);
    await s.services.revoke.revokeByAuditId(token.auditIds[0]!);
    const events = await s.services.revoke.list();
    expect(events).toEqual([
      expect.objectContaining({ auditId: token.auditIds[0], issuedBefore: '2026-01-15T10:00:02.000Z', userId: null }),
    ]);
    expect(await s.services.revoke.list(new Date('2026-01-15T10:00:03.000Z'))).toEqual([]);
  });
});

describe('RevokeService: by user', () => {
  it("revokes every token the user holds, whatever its scope, and nobody else's", async () => {
    const alice = await s.createUser('alice');
    const project = await s.createProject('alpha');
    await s.grantOnProject(alice.id, project.id, s.seed.roles.member.id);
    const unscoped = await signIn(alice.id, 'alice-password');
    const scoped = await signIn(alice.id, 'alice-password', { project: { id: project.id } });
    const admins = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    await s.services.revoke.revokeByUserId(alice.id);
    await expect(validate(unscoped.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(scoped.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(admins.id)).resolves.toMatchObject({ id: admins.id });
  });

  it('catches tokens issued earlier in the same whole second, not those issued in a later second', async () => {
    s.clock.advance(100);
    const sameSecond = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    s.clock.advance(400);
    await s.services.revoke.revokeByUserId(s.seed.adminUserId);
    s.clock.advance(500);
    const nextSecond = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    await expect(validate(sameSecond.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(nextSecond.id)).resolves.toMatchObject({ id: nextSecond.id });
  });

  it("changing or resetting a user's password revokes the user's tokens", async () => {
    const alice = await s.createUser('alice');
    const old = await signIn(alice.id, 'alice-password');
    await s.services.identity.updateUser(alice.id, { password: 'reset-by-admin' });
    await expect(validate(old.id)).rejects.toMatchObject({ reason: 'revoked' });
    s.clock.advance(1_000);
    const afterReset = await signIn(alice.id, 'reset-by-admin');
    await s.services.identity.changeOwnPassword(alice.id, 'reset-by-admin', 'chosen-by-alice');
    await expect(validate(afterReset.id)).rejects.toMatchObject({ reason: 'revoked' });
  });
});

describe('Re-scoping keeps the audit chain', () => {
  it("a re-scoped token carries its own audit id and the chain's first, and the parent's expiry", async () => {
    const unscoped = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    s.clock.advance(60_000);
    const scoped = await rescope(unscoped.id, { project: { id: s.seed.adminProjectId } });
    expect(scoped.auditIds).toHaveLength(2);
    expect(scoped.auditIds[0]).not.toBe(unscoped.auditIds[0]);
    expect(scoped.auditIds[1]).toBe(unscoped.auditIds[0]);
    expect(scoped.expiresAt).toEqual(unscoped.expiresAt);
    expect(scoped.methods).toEqual(['token', 'password']);
    // Re-scoping again keeps the chain's root, not the intermediate token's own id.
    const system = await rescope(scoped.id, { system: { all: true } });
    expect(system.auditIds).toEqual([expect.any(String), unscoped.auditIds[0]]);
  });

  it('revoking the first token revokes everything re-scoped from it; revoking a re-scoped one leaves its parent', async () => {
    const root = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    const projectToken = await rescope(root.id, { project: { id: s.seed.adminProjectId } });
    const systemToken = await rescope(root.id, { system: { all: true } });
    await s.services.revoke.revokeByAuditId(projectToken.auditIds[0]!);
    await expect(validate(projectToken.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(root.id)).resolves.toMatchObject({ id: root.id });
    await expect(validate(systemToken.id)).resolves.toMatchObject({ id: systemToken.id });
    await s.services.revoke.revokeByAuditId(root.auditIds[0]!);
    await expect(validate(root.id)).rejects.toMatchObject({ reason: 'revoked' });
    await expect(validate(systemToken.id)).rejects.toMatchObject({ reason: 'revoked' });
  });

  it('a revoked or expired token cannot be re-scoped', async () => {
    const revoked = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    await s.services.revoke.revokeByAuditId(revoked.auditIds[0]!);
    await expect(rescope(revoked.id, { project: { id: s.seed.adminProjectId } })).rejects.toMatchObject({
      reason: 'revoked',
    });
    const expiring = await signIn(s.seed.adminUserId, ADMIN_PASSWORD);
    s.clock.set(expiring.expiresAt);
    await expect(rescope(expiring.id, { project: { id: s.seed.adminProjectId } })).rejects.toMatchObject({
      reason: 'expired',
    });
  });

  it('a system token cannot be re-scoped to a project', async () => {
    const system = await signIn(s.seed.adminUserId, ADMIN_PASSWORD, { system: { all: true } });
    await expect(rescope(system.id, { project: { id: s.seed.adminProjectId } })).rejects.toMatchObject({
      status: 403,
    });
  });
});

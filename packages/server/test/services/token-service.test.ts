import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenInvalidError } from '../../src/errors.ts';
import { newAuditId } from '../../src/token/audit-id.ts';
import type { TokenScope } from '../../src/token/token-payload.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
beforeEach(async () => {
  s = await startInMemoryServices({ token: { expiration: '600', allow_expired_window: '300' } });
});
afterEach(() => s.close());

/** The admin's token, issued by the token service itself (no authentication). */
function issue(scope: TokenScope, userId = s.seed.adminUserId) {
  return s.services.tokens.issue({
    userId,
    methods: ['password'],
    scope,
    expiresAt: s.services.tokens.defaultExpiry(),
    auditIds: [newAuditId()],
  });
}

const roleNames = (roles: { name: string }[]) => roles.map((r) => r.name).sort();

describe('TokenService: issue and validate', () => {
  it('a project token carries the roles held there, implied ones included, and validates to the same', async () => {
    const issued = await issue({ kind: 'project', projectId: s.seed.adminProjectId });
    expect(roleNames(issued.roles)).toEqual(['admin', 'manager', 'member', 'reader']);
    const validated = await s.services.tokens.validate(issued.id);
    expect(validated.user.id).toBe(s.seed.adminUserId);
    expect(validated.project?.id).toBe(s.seed.adminProjectId);
    expect(validated.projectDomain?.id).toBe(s.seed.domainId);
    expect(roleNames(validated.roles)).toEqual(['admin', 'manager', 'member', 'reader']);
    expect(validated.auditIds).toEqual(issued.auditIds);
  });

  it('issue time is the clock in whole seconds, expiry [token] expiration later', async () => {
    s.clock.advance(1_234);
    const issued = await issue({ kind: 'unscoped' });
    const validated = await s.services.tokens.validate(issued.id);
    expect(validated.issuedAt.toISOString()).toBe('2026-01-15T10:00:01.000Z');
    expect(validated.expiresAt.toISOString()).toBe('2026-01-15T10:10:01.000Z');
  });

  it('a domain token needs a role on the domain and carries it', async () => {
    const scope: TokenScope = { kind: 'domain', domainId: s.seed.domainId };
    await expect(issue(scope)).rejects.toMatchObject({ reason: 'stale' });
    await s.services.assignments.createGrant({
      actor: 'user',
      actorId: s.seed.adminUserId,
      target: 'domain',
      targetId: s.seed.domainId,
      roleId: s.seed.roles.reader.id,
      inherited: false,
    });
    const validated = await s.services.tokens.validate((await issue(scope)).id);
    expect(validated.domain?.id).toBe(s.seed.domainId);
    expect(validated.project).toBeUndefined();
    expect(roleNames(validated.roles)).toEqual(['reader']);
  });

  it('a system token carries the system roles', async () => {
    const validated = await s.services.tokens.validate((await issue({ kind: 'system', system: 'all' })).id);
    expect(validated.system).toBe('all');
    expect(roleNames(validated.roles)).toEqual(['admin', 'manager', 'member', 'reader']);
  });

  it('an unscoped token carries no roles and no scope', async () => {
    const validated = await s.services.tokens.validate((await issue({ kind: 'unscoped' })).id);
    expect(validated.roles).toEqual([]);
    expect([validated.project, validated.domain, validated.system]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses what is not a token of ours as malformed', async () => {
    await expect(s.services.tokens.validate('')).rejects.toMatchObject({ reason: 'malformed' });
    await expect(s.services.tokens.validate('gAAAAABnot-a-token')).rejects.toMatchObject({ reason: 'malformed' });
    const issued = await issue({ kind: 'unscoped' });
    const tampered = `${issued.id.slice(0, -3)}${issued.id.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    await expect(s.services.tokens.validate(tampered)).rejects.toBeInstanceOf(TokenInvalidError);
  });
});

describe('TokenService: expiry follows the clock', () => {
  it('valid until the last millisecond before expires_at, expired from expires_at on', async () => {
    const issued = await issue({ kind: 'project', projectId: s.seed.adminProjectId });
    // Validated once, so the second look comes from the cache: the cache must not outlive the expiry either.
    await s.services.tokens.validate(issued.id);
    s.clock.set(new Date(issued.expiresAt.getTime() - 1));
    await expect(s.services.tokens.validate(issued.id)).resolves.toMatchObject({ id: issued.id });
    s.clock.set(issued.expiresAt);
    await expect(s.services.tokens.validate(issued.id)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('an expired token is accepted with allowExpired within [token] allow_expired_window only', async () => {
    const issued = await issue({ kind: 'unscoped' });
    s.clock.set(new Date(issued.expiresAt.getTime() + 299_000));
    await expect(s.services.tokens.validate(issued.id)).rejects.toMatchObject({ reason: 'expired' });
    await expect(s.services.tokens.validate(issued.id, { allowExpired: true })).resolves.toMatchObject({
      id: issued.id,
    });
    s.clock.advance(1_000);
    await expect(s.services.tokens.validate(issued.id, { allowExpired: true })).rejects.toMatchObject({
      reason: 'expired',
    });
  });
});

describe('TokenService: a token stands for what still holds', () => {
  it('a project token goes stale when the project is disabled, and is good again when it is re-enabled', async () => {
    const issued = await issue({ kind: 'project', projectId: s.seed.adminProjectId });
    await s.services.tokens.validate(issued.id);
    await s.services.resource.updateProject(s.seed.adminProjectId, { enabled: false });
    await expect(s.services.tokens.validate(issued.id)).rejects.toMatchObject({ reason: 'stale' });
    await s.services.resource.updateProject(s.seed.adminProjectId, { enabled: true });
    await expect(s.services.tokens.validate(issued.id)).resolves.toMatchObject({ id: issued.id });
  });

  it('losing the last role on the project makes its token invalid; the roles shown follow the grants', async () => {
    const user = await s.createUser('alice');
    const project = await s.createProject('alpha');
    await s.grantOnProject(user.id, project.id, s.seed.roles.member.id);
    await s.grantOnProject(user.id, project.id, s.seed.roles.service.id);
    const issued = await issue({ kind: 'project', projectId: project.id }, user.id);
    expect(roleNames(issued.roles)).toEqual(['member', 'reader', 'service']);
    const grant = {
      actor: 'user',
      actorId: user.id,
      target: 'project',
      targetId: project.id,
      inherited: false,
    } as const;
    await s.services.assignments.deleteGrant({ ...grant, roleId: s.seed.roles.member.id });
    expect(roleNames((await s.services.tokens.validate(issued.id)).roles)).toEqual(['service']);
    await s.services.assignments.deleteGrant({ ...grant, roleId: s.seed.roles.service.id });
    await expect(s.services.tokens.validate(issued.id)).rejects.toMatchObject({ reason: 'stale' });
  });

  it("a user's tokens go when the user's domain is disabled", async () => {
    const domain = await s.services.resource.createDomain({ name: 'elsewhere' });
    const user = await s.createUser('bob', { domainId: domain.id });
    const issued = await issue({ kind: 'unscoped' }, user.id);
    await s.services.tokens.validate(issued.id);
    await s.services.resource.updateDomain(domain.id, { enabled: false });
    await expect(s.services.tokens.validate(issued.id)).rejects.toMatchObject({ reason: 'stale' });
  });

  it("a deleted user's tokens are invalid", async () => {
    const user = await s.createUser('carol');
    const issued = await issue({ kind: 'unscoped' }, user.id);
    await s.services.identity.deleteUser(user.id);
    await expect(s.services.tokens.validate(issued.id)).rejects.toBeInstanceOf(TokenInvalidError);
  });
});

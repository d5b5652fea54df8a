import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnauthorizedError, ValidationError } from '../../src/errors.ts';
import type { AuthRequest, UserReference } from '../../src/services/auth/auth-request.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

let s: InMemoryServices;
let alice: UserRecord;
let alpha: ProjectRecord;

beforeEach(async () => {
  s = await startInMemoryServices();
  alice = await s.createUser('alice');
  alpha = await s.createProject('alpha');
  await s.grantOnProject(alice.id, alpha.id, s.seed.roles.member.id);
});
afterEach(() => s.close());

function byPassword(user: UserReference, password: string, scope?: AuthRequest['scope']) {
  return s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { ...user, password } } },
    scope,
  });
}

const refused = { name: UnauthorizedError.name, status: 401 };

describe('Authenticator: password', () => {
  it('issue and expiry come from one reading of the clock: a second boundary between readings changes nothing', async () => {
    // A clock that is in the next whole second every time it is read.
    const read = s.clock.now.bind(s.clock);
    s.clock.now = () => {
      const now = read();
      s.clock.advance(1000);
      return now;
    };
    const token = await byPassword({ id: alice.id }, 'alice-password', { project: { id: alpha.id } });
    expect(token.expiresAt.getTime() - token.issuedAt.getTime()).toBe(3600_000);
  });

  it('signs in by user id, or by name within a domain given by id or name', async () => {
    for (const user of [
      { id: alice.id },
      { name: 'alice', domain: { id: s.seed.domainId } },
      { name: 'alice', domain: { name: 'Default' } },
    ]) {
      const token = await byPassword(user, 'alice-password', 'unscoped');
      expect(token.user.id).toBe(alice.id);
      expect(token.methods).toEqual(['password']);
      await expect(s.services.tokens.validate(token.id)).resolves.toMatchObject({ id: token.id });
    }
  });

  it('scopes to what was asked for: a project by id or by name, with the roles held there', async () => {
    const byId = await byPassword({ id: alice.id }, 'alice-password', { project: { id: alpha.id } });
    const byName = await byPassword({ id: alice.id }, 'alice-password', {
      project: { name: 'alpha', domain: { name: 'Default' } },
    });
    for (const token of [byId, byName]) {
      expect(token.project?.id).toBe(alpha.id);
      expect(token.roles.map((r) => r.name).sort()).toEqual(['member', 'reader']);
    }
  });

  it('without a scope: the default project when usable, else unscoped', async () => {
    expect((await byPassword({ id: alice.id }, 'alice-password')).project).toBeUndefined();
    await s.services.identity.updateUser(alice.id, { defaultProjectId: alpha.id });
    expect((await byPassword({ id: alice.id }, 'alice-password')).project?.id).toBe(alpha.id);
    const beta = await s.createProject('beta');
    await s.services.identity.updateUser(alice.id, { defaultProjectId: beta.id });
    // No role on beta: still a token, but an unscoped one.
    expect((await byPassword({ id: alice.id }, 'alice-password')).project).toBeUndefined();
  });

  it('refuses a wrong password, an unknown user and a name looked up in the wrong domain alike', async () => {
    const other = await s.services.resource.createDomain({ name: 'other' });
    await expect(byPassword({ id: alice.id }, 'wrong')).rejects.toMatchObject(refused);
    await expect(byPassword({ id: 'nobody' }, 'alice-password')).rejects.toMatchObject(refused);
    await expect(byPassword({ name: 'alice', domain: { id: other.id } }, 'alice-password')).rejects.toMatchObject(
      refused,
    );
    await expect(byPassword({ name: 'alice', domain: { name: 'nowhere' } }, 'alice-password')).rejects.toMatchObject(
      refused,
    );
  });

  it('refuses a disabled user, and a user of a disabled domain', async () => {
    await s.services.identity.updateUser(alice.id, { enabled: false });
    await expect(byPassword({ id: alice.id }, 'alice-password')).rejects.toMatchObject(refused);
    await s.services.identity.updateUser(alice.id, { enabled: true });
    await expect(byPassword({ id: alice.id }, 'alice-password')).resolves.toMatchObject({ user: { id: alice.id } });

    const other = await s.services.resource.createDomain({ name: 'other' });
    const bob = await s.createUser('bob', { domainId: other.id });
    await expect(byPassword({ id: bob.id }, 'bob-password')).resolves.toMatchObject({ user: { id: bob.id } });
    await s.services.resource.updateDomain(other.id, { enabled: false });
    await expect(byPassword({ id: bob.id }, 'bob-password')).rejects.toMatchObject(refused);
  });

  it('refuses a scope on a disabled project, a project of a disabled domain, or without a role there', async () => {
    const scope = { project: { id: alpha.id } };
    await s.services.resource.updateProject(alpha.id, { enabled: false });
    await expect(byPassword({ id: alice.id }, 'alice-password', scope)).rejects.toMatchObject(refused);

    const other = await s.services.resource.createDomain({ name: 'other' });
    const remote = await s.createProject('remote', { domainId: other.id });
    await s.grantOnProject(alice.id, remote.id, s.seed.roles.member.id);
    const remoteScope = { project: { id: remote.id } };
    await expect(byPassword({ id: alice.id }, 'alice-password', remoteScope)).resolves.toMatchObject({
      project: { id: remote.id },
    });
    await s.services.resource.updateDomain(other.id, { enabled: false });
    await expect(byPassword({ id: alice.id }, 'alice-password', remoteScope)).rejects.toMatchObject(refused);

    await expect(
      byPassword({ id: alice.id }, 'alice-password', { project: { id: s.seed.adminProjectId } }),
    ).rejects.toMatchObject(refused);
    await expect(byPassword({ id: alice.id }, 'alice-password', { system: { all: true } })).rejects.toMatchObject(
      refused,
    );
    await expect(
      byPassword({ id: alice.id }, 'alice-password', { domain: { id: s.seed.domainId } }),
    ).rejects.toMatchObject(refused);
  });

  it('refuses an unsupported method, a method without its body, and two scopes at once', async () => {
    await expect(s.services.authenticator.authenticate({ identity: { methods: ['kerberos'] } })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(s.services.authenticator.authenticate({ identity: { methods: ['token'] } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      byPassword({ id: alice.id }, 'alice-password', {
        project: { id: alpha.id },
        domain: { id: s.seed.domainId },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('records the first sign-in of the day as activity, by the clock', async () => {
    s.clock.advance(86_400_000);
    await byPassword({ id: alice.id }, 'alice-password');
    expect((await s.services.identity.getUser(alice.id)).lastActiveAt).toBe('2026-01-16T10:00:00.000Z');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationCredentialInput } from '../../src/services/application-credential/application-credential-service.ts';
import type { AuthRequest } from '../../src/services/auth/auth-request.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

const HOUR = 3_600_000;

let s: InMemoryServices;
let alice: UserRecord;
let alpha: ProjectRecord;

beforeEach(async () => {
  // Tokens last two hours, so that a credential's own expiry is what ends them.
  s = await startInMemoryServices({ token: { expiration: '7200' } });
  alice = await s.createUser('alice');
  alpha = await s.createProject('alpha');
  await s.grantOnProject(alice.id, alpha.id, s.seed.roles.member.id);
});
afterEach(() => s.close());

/** Alice's credential on alpha, created from her project token (as POST /v3/users/{id}/application_credentials). */
async function createCredential(input: Partial<ApplicationCredentialInput> = {}) {
  const token = await s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: alice.id, password: 'alice-password' } } },
    scope: { project: { id: alpha.id } },
  });
  const creator = { userId: alice.id, projectId: alpha.id, roles: token.roles };
  return s.services.applicationCredentials.create(alice.id, creator, { name: 'ci', ...input });
}

function byCredential(
  credential: NonNullable<AuthRequest['identity']['application_credential']>,
  scope?: AuthRequest['scope'],
) {
  return s.services.authenticator.authenticate({
    identity: { methods: ['application_credential'], application_credential: credential },
    scope,
  });
}

const refused = { status: 401 };

describe('Authenticator: application credentials', () => {
  it("gives a token on the credential's project with only the credential's roles", async () => {
    const { credential, secret } = await createCredential({ roles: [{ name: 'reader' }] });
    const token = await byCredential({ id: credential.id, secret });
    expect(token.user.id).toBe(alice.id);
    expect(token.project?.id).toBe(alpha.id);
    expect(token.methods).toEqual(['application_credential']);
    expect(token.applicationCredential?.id).toBe(credential.id);
    expect(token.roles.map((r) => r.name)).toEqual(['reader']);
    const validated = await s.services.tokens.validate(token.id);
    expect(validated.roles.map((r) => r.name)).toEqual(['reader']);
  });

  it('a token, issued or validated (and so the validation cache), holds neither the password hash nor the secret hash', async () => {
    const { credential, secret } = await createCredential();
    const issued = await byCredential({ id: credential.id, secret });
    for (const token of [issued, await s.services.tokens.validate(issued.id)]) {
      expect(token.user).not.toHaveProperty('passwordHash');
      expect(token.applicationCredential).not.toHaveProperty('secretHash');
      expect(JSON.stringify(token)).not.toMatch(/\$2[aby]\$|fernet-sha256/);
    }
    const byPassword = await s.services.authenticator.authenticate({
      identity: { methods: ['password'], password: { user: { id: alice.id, password: 'alice-password' } } },
      scope: { project: { id: alpha.id } },
    });
    expect(byPassword.user).not.toHaveProperty('passwordHash');
    expect((await s.services.tokens.validate(byPassword.id)).user).not.toHaveProperty('passwordHash');
  });

  it("finds the credential by name and its owner's name and domain", async () => {
    const { secret } = await createCredential();
    const token = await byCredential({ name: 'ci', secret, user: { name: 'alice', domain: { name: 'Default' } } });
    expect(token.roles.map((r) => r.name).sort()).toEqual(['member', 'reader']);
    await expect(
      byCredential({ name: 'ci', secret, user: { name: 'bob', domain: { name: 'Default' } } }),
    ).rejects.toMatchObject(refused);
  });

  it('refuses a wrong secret, an unknown credential and a request for a scope', async () => {
    const { credential, secret } = await createCredential();
    await expect(byCredential({ id: credential.id, secret: 'wrong' })).rejects.toMatchObject(refused);
    await expect(byCredential({ id: 'no-such-credential', secret })).rejects.toMatchObject(refused);
    await expect(byCredential({ id: credential.id, secret }, { project: { id: alpha.id } })).rejects.toMatchObject(
      refused,
    );
  });

  it('a token from a credential cannot be re-scoped', async () => {
    const { credential, secret } = await createCredential();
    const token = await byCredential({ id: credential.id, secret });
    await expect(
      s.services.authenticator.authenticate({
        identity: { methods: ['token'], token: { id: token.id } },
        scope: { project: { id: alpha.id } },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('Application credentials expire by the clock', () => {
  it('a token ends no later than its credential, and an expired credential is refused', async () => {
    const expiresAt = new Date(s.clock.now().getTime() + HOUR / 2);
    const { credential, secret } = await createCredential({ expiresAt: expiresAt.toISOString() });
    const token = await byCredential({ id: credential.id, secret });
    expect(token.expiresAt).toEqual(expiresAt);
    s.clock.set(new Date(expiresAt.getTime() - 1));
    await expect(byCredential({ id: credential.id, secret })).resolves.toMatchObject({ expiresAt });
    s.clock.set(expiresAt);
    await expect(byCredential({ id: credential.id, secret })).rejects.toMatchObject(refused);
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('the service itself no longer accepts the secret from the expiry on', async () => {
    const expiresAt = new Date(s.clock.now().getTime() + HOUR);
    const { credential, secret } = await createCredential({ expiresAt: expiresAt.toISOString() });
    await expect(s.services.applicationCredentials.authenticate(credential.id, secret)).resolves.toMatchObject({
      id: credential.id,
    });
    s.clock.set(expiresAt);
    await expect(s.services.applicationCredentials.authenticate(credential.id, secret)).resolves.toBeUndefined();
  });

  it('cannot be created already expired', async () => {
    s.clock.advance(HOUR);
    const past = new Date(s.clock.now().getTime() - 1).toISOString();
    await expect(createCredential({ expiresAt: past })).rejects.toMatchObject({ status: 400 });
  });
});

describe('Application credentials go with their grounds', () => {
  it("losing the role on the project deletes the user's credentials there and ends their tokens", async () => {
    const { credential, secret } = await createCredential();
    const token = await byCredential({ id: credential.id, secret });
    await s.services.assignments.deleteGrant({
      actor: 'user',
      actorId: alice.id,
      target: 'project',
      targetId: alpha.id,
      roleId: s.seed.roles.member.id,
      inherited: false,
    });
    expect(await s.services.applicationCredentials.list(alice.id)).toEqual([]);
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
    await expect(byCredential({ id: credential.id, secret })).rejects.toMatchObject(refused);
  });

  it("disabling the user deletes the user's credentials", async () => {
    const { credential, secret } = await createCredential();
    await s.services.identity.updateUser(alice.id, { enabled: false });
    await s.services.identity.updateUser(alice.id, { enabled: true });
    expect(await s.services.applicationCredentials.list(alice.id)).toEqual([]);
    await expect(byCredential({ id: credential.id, secret })).rejects.toMatchObject(refused);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import { startInMemoryServices, type InMemoryServices } from '../helpers/in-memory-services.ts';

const DAY = 86_400_000;

let s: InMemoryServices;
let alice: UserRecord;

/** Fresh services with these [security_compliance] options, and a user alice (password alice-password). */
async function start(securityCompliance: Record<string, string>, token: Record<string, string> = {}) {
  s = await startInMemoryServices({ security_compliance: securityCompliance, token });
  alice = await s.createUser('alice');
}
afterEach(() => s.close());

function signIn(password: string, userId = alice.id) {
  return s.services.authenticator.authenticate({
    identity: { methods: ['password'], password: { user: { id: userId, password } } },
    scope: 'unscoped',
  });
}

const locked = () => ({ status: 401, debugDetail: `The account is locked for user: ${alice.id}.` });
const wrongPassword = { status: 401, debugDetail: 'Invalid username or password' };

describe('lockout_failure_attempts / lockout_duration', () => {
  it('locks after that many failures, even against the right password, until the duration is over', async () => {
    await start({ lockout_failure_attempts: '2', lockout_duration: '60' });
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await expect(signIn('alice-password')).rejects.toMatchObject(locked());
    s.clock.advance(59_000);
    await expect(signIn('alice-password')).rejects.toMatchObject(locked());
    s.clock.advance(1_001);
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
    expect((await s.services.identity.getUser(alice.id)).failedAuthCount).toBe(0);
  });

  it('a successful sign-in clears the count, and failures older than the duration do not add up', async () => {
    await start({ lockout_failure_attempts: '2', lockout_duration: '60' });
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await signIn('alice-password');
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    s.clock.advance(61_000);
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });

  it('does not count failures of a user with ignore_lockout_failure_attempts, nor of other users', async () => {
    await start({ lockout_failure_attempts: '1', lockout_duration: '60' });
    const bob = await s.createUser('bob');
    await s.services.identity.updateUser(alice.id, { options: { ignore_lockout_failure_attempts: true } });
    for (let i = 0; i < 3; i++) await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
    await expect(signIn('wrong', bob.id)).rejects.toMatchObject(wrongPassword);
    await expect(signIn('bob-password', bob.id)).rejects.toMatchObject({
      debugDetail: `The account is locked for user: ${bob.id}.`,
    });
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });

  it('an administrator re-enabling the user opens the account at once', async () => {
    await start({ lockout_failure_attempts: '1', lockout_duration: '1800' });
    await expect(signIn('wrong')).rejects.toMatchObject(wrongPassword);
    await expect(signIn('alice-password')).rejects.toMatchObject(locked());
    await s.services.identity.updateUser(alice.id, { enabled: true });
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });
});

describe('password_expires_days', () => {
  it('a password stops working that many days after it was set; ignore_password_expiry exempts', async () => {
    await start({ password_expires_days: '1' });
    s.clock.advance(DAY - 1);
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
    s.clock.advance(1);
    await expect(signIn('alice-password')).rejects.toMatchObject({
      status: 401,
      message: `The password is expired and needs to be changed for user: ${alice.id}.`,
    });
    await s.services.identity.updateUser(alice.id, { options: { ignore_password_expiry: true } });
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });

  it('a new password set by an administrator starts a new period', async () => {
    await start({ password_expires_days: '1' });
    s.clock.advance(2 * DAY);
    await expect(signIn('alice-password')).rejects.toMatchObject({ status: 401 });
    await s.services.identity.updateUser(alice.id, { password: 'fresh-password' });
    await expect(signIn('fresh-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });
});

describe('disable_user_account_days_inactive', () => {
  it('a user without sign-ins for that many days is refused, and so are its tokens, until re-enabled', async () => {
    // Tokens that outlive the days the test spans, so that only the inactivity can end them.
    await start({ disable_user_account_days_inactive: '2' }, { expiration: String((4 * DAY) / 1000) });
    s.clock.advance(DAY);
    const token = await signIn('alice-password');
    s.clock.advance(DAY);
    await expect(s.services.tokens.validate(token.id)).resolves.toMatchObject({ id: token.id });
    s.clock.advance(DAY);
    await expect(signIn('alice-password')).rejects.toMatchObject({ status: 401 });
    expect((await s.services.identity.getUser(alice.id)).enabled).toBe(false);
    await expect(s.services.tokens.validate(token.id)).rejects.toMatchObject({ reason: 'stale' });
    await s.services.identity.updateUser(alice.id, { enabled: true });
    await expect(signIn('alice-password')).resolves.toMatchObject({ user: { id: alice.id } });
  });
});

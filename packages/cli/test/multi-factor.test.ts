/**
 * `xloud` for a user under a multi-factor rule ([password, totp]): `--os-passcode` / `OS_PASSCODE` on any command
 * completes the sign-in the server answers with an auth receipt; on a terminal the code is asked for (not echoed);
 * without either, the error says what to give. Codes are computed from the seed, on the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClock, totpCode, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, onTerminal, unique, xloud } from './helpers/cli.ts';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let server: TestServer;
let clock: TestClock;
let admin: Record<string, string>;
let userEnv: Record<string, string>;
let userId: string;

/** The code of a fresh 30-second step on the server's clock (a code works once per user). */
function freshPasscode(): string {
  clock.advance(30_000);
  return totpCode(SECRET, clock.now().getTime());
}

beforeAll(async () => {
  clock = TestClock.running();
  server = await startTestServer({ clock });
  admin = adminEnv(server.baseUrl, server.adminPassword);
  const name = `mfa-${unique()}`;
  const password = `pw-${unique()}`;
  const user = await json<{ id: string }>(['user', 'create', name, '--password', password, '--domain', 'default'], {
    env: admin,
  });
  userId = user.id;
  await json(['credential', 'create', '--type', 'totp', userId, SECRET], { env: admin });
  await xloud(['user', 'set', '--multi-factor-auth-rule', 'password,totp', '--enable-multi-factor-auth', userId], {
    env: admin,
  });
  userEnv = {
    OS_AUTH_URL: `${server.baseUrl}/v3`,
    OS_USERNAME: name,
    OS_PASSWORD: password,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_IDENTITY_API_VERSION: '3',
  };
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('xloud with a second factor', { timeout: 90_000 }, () => {
  it('without a passcode (no terminal): a clean error naming --os-passcode and OS_PASSCODE', async () => {
    const r = await xloud(['token', 'issue'], { env: userEnv });
    expectCleanError(r);
    expect(r.stderr).toMatch(/^A passcode is required.*--os-passcode or OS_PASSCODE/);
  });

  it('--os-passcode before or after the command, and OS_PASSCODE', async () => {
    const before = await json(['--os-passcode', freshPasscode(), 'token', 'issue'], { env: userEnv });
    expect(before.user_id).toBe(userId);
    const after = await json(['user', 'show', userId, '--os-passcode', freshPasscode()], { env: userEnv });
    expect(after.id).toBe(userId);
    const fromEnv = await json(['token', 'issue'], { env: { ...userEnv, OS_PASSCODE: freshPasscode() } });
    expect(fromEnv.user_id).toBe(userId);
  });

  it('a wrong passcode: 401, and the passcode is never printed with --debug', async () => {
    const r = await xloud(['--debug', 'token', 'issue', '--os-passcode', '000000'], { env: userEnv });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/requires authentication\. \(HTTP 401\)/);
    expect(r.stderr).not.toContain('"000000"');
  });

  it('auth_type v3multifactor with auth_methods v3password,v3totp', async () => {
    const r = await json(
      ['token', 'issue', '--os-auth-type', 'v3multifactor', '--os-auth-methods', 'v3password,v3totp'],
      { env: { ...userEnv, OS_PASSCODE: freshPasscode() } },
    );
    expect(r.user_id).toBe(userId);
  });

  it('on a terminal, "Passcode: " is asked after the password is accepted, and not echoed', async () => {
    const code = freshPasscode();
    const r = await onTerminal(['token', 'issue', '-f', 'value', '-c', 'user_id'], userEnv, 'Passcode:', code);
    expect(r.screen).toMatch(new RegExp(`^Passcode: \\r?\\n${userId}\\r?\\n$`));
    expect(r.screen).not.toContain(code);
    expect(r.code).toBe(0);
  });
});

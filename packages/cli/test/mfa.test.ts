/**
 * `xloud mfa status|enable|verify|recovery-codes|disable|reset` as the real bin against a started server: enrol,
 * verify with a code computed from the printed secret (recovery codes printed once, with a warning), the password
 * alone no longer signs in, regenerate, disable with a recovery code, an administrator's reset, clean errors.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClock, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, ok, unique, xloud } from './helpers/cli.ts';

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret. */
function totp(secret: string, atMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('xloud mfa against a real server', { timeout: 120_000 }, () => {
  let server: TestServer;
  let clock: TestClock;
  let admin: Record<string, string>;

  beforeAll(async () => {
    clock = TestClock.running();
    server = await startTestServer({ clock });
    admin = adminEnv(server.baseUrl, server.adminPassword);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A new user; their password env, and an env with a token issued before two-factor (it stays valid). */
  async function user() {
    const name = `mfa-${unique()}`;
    await ok(['user', 'create', name, '--password', 'Mfa-user-pw-1'], { env: admin });
    const password = {
      ...admin,
      OS_USERNAME: name,
      OS_PASSWORD: 'Mfa-user-pw-1',
      OS_PROJECT_NAME: undefined,
      OS_PROJECT_DOMAIN_NAME: undefined,
    };
    const issued = await json(['token', 'issue'], { env: password });
    // admin_token uses the token as it is: a token-method sign-in would now need the second factor too.
    const token = { OS_AUTH_TYPE: 'admin_token', OS_ENDPOINT: admin.OS_AUTH_URL, OS_TOKEN: issued.id as string };
    return { name, password, token };
  }

  const code = (secret: string) => {
    clock.advance(30_000);
    return totp(secret, clock.now().getTime());
  };

  /** `xloud mfa enable`: the secret from its output. */
  async function enable(env: Record<string, string | undefined>): Promise<string> {
    const r = await xloud(['mfa', 'enable'], { env });
    expect(r.code, r.stderr).toBe(0);
    const secret = /^secret: ([A-Z2-7]{32})$/m.exec(r.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(r.stdout).toMatch(new RegExp(`^otpauth_uri: otpauth://totp/Xloud:.*\\?secret=${secret}&issuer=Xloud`, 'm'));
    return secret!;
  }

  it('enable, verify, status; the password alone then fails; recovery-codes; disable with a recovery code', async () => {
    const me = await user();
    expect(await json(['mfa', 'status'], { env: me.token })).toMatchObject({
      enabled: false,
      recovery_codes_remaining: 0,
    });
    const secret = await enable(me.token);
    expect(await json(['mfa', 'status'], { env: me.token })).toMatchObject({ pending_enrolment: true });

    const wrong = await xloud(['mfa', 'verify', '000000'], { env: me.token });
    expectCleanError(wrong);
    expect(wrong.stderr).toContain('(HTTP 401)');

    const verified = await xloud(['mfa', 'verify', code(secret)], { env: me.token });
    expect(verified.code, verified.stderr).toBe(0);
    const codes = verified.stdout.trim().split('\n');
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(verified.stderr).toContain('not shown again');
    expect(await json(['mfa', 'status'], { env: me.token })).toMatchObject({
      enabled: true,
      totp_credentials: 1,
      recovery_codes_remaining: 10,
    });
    // The password alone is not enough any more.
    const refused = await xloud(['token', 'issue'], { env: me.password });
    expectCleanError(refused);
    expect(refused.stderr).toContain('(HTTP 401)');

    const regenerated = await xloud(['mfa', 'recovery-codes', code(secret)], { env: me.token });
    expect(regenerated.code, regenerated.stderr).toBe(0);
    const fresh = regenerated.stdout.trim().split('\n');
    expect(fresh).toHaveLength(10);
    const old = await xloud(['mfa', 'disable', codes[0]!], { env: me.token });
    expectCleanError(old);
    expect(old.stderr).toContain('(HTTP 401)');
    await ok(['mfa', 'disable', fresh[0]!], { env: me.token });
    expect(await json(['mfa', 'status'], { env: me.token })).toMatchObject({ enabled: false, rules: [] });
    expect((await xloud(['token', 'issue'], { env: me.password })).code).toBe(0);
  });

  it('disable with a current code; an administrator reads the status and resets it; a user may not reset', async () => {
    const me = await user();
    let secret = await enable(me.token);
    await ok(['mfa', 'verify', code(secret)], { env: me.token });
    await ok(['mfa', 'disable', code(secret)], { env: me.token });
    secret = await enable(me.token);
    await ok(['mfa', 'verify', code(secret)], { env: me.token });

    const denied = await xloud(['mfa', 'reset', me.name], { env: me.token });
    expectCleanError(denied);
    expect(denied.stderr).toContain('(HTTP 403)');
    expect(await json(['mfa', 'status', me.name], { env: admin })).toMatchObject({ enabled: true });
    await ok(['mfa', 'reset', me.name], { env: admin });
    expect(await json(['mfa', 'status', me.name], { env: admin })).toMatchObject({ enabled: false });
    expect((await xloud(['token', 'issue'], { env: me.password })).code).toBe(0);
  });
});

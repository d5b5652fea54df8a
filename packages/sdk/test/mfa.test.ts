/**
 * identity.mfa against a real server: enrol, verify with a passcode computed from the secret, status, recovery
 * codes, disable with a passcode or a recovery code, an administrator's reset; a wrong passcode is an
 * UnauthorizedError and is not retried.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ConflictError,
  type DebugEvent,
  ForbiddenError,
  IdentityClient,
  NotFoundError,
  PasswordAuth,
  Session,
  UnauthorizedError,
} from '../src/index.ts';
import { adminSession, startServer, TestClock, type TestServer, unique } from './helpers.ts';

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret, written out here so the test does not trust the server's. */
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

let server: TestServer;
let clock: TestClock;
let admin: IdentityClient;

beforeAll(async () => {
  clock = TestClock.running();
  server = await startServer({ clock });
  admin = new IdentityClient(adminSession(server));
});
afterAll(async () => {
  await server?.close();
});

/** A member of project admin with a password session of their own. */
async function member(events?: DebugEvent[]): Promise<{ id: string; identity: IdentityClient }> {
  const name = unique('mfa');
  const password = 'a password for mfa';
  const user = await admin.users.create({ name, password, domain_id: 'default' });
  const project = await admin.projects.find('admin', { domain_id: 'default' });
  await admin.roles.grant({ role: 'member', user: user.id, project: project.id });
  const session = new Session({
    auth: new PasswordAuth({
      authUrl: `${server.baseUrl}/v3`,
      username: name,
      password,
      userDomainName: 'Default',
      scope: { project: { id: project.id } },
    }),
    retryDelay: 10,
    debug: events ? (e) => events.push(e) : undefined,
  });
  return { id: user.id, identity: new IdentityClient(session) };
}

const passcode = (secret: string) => {
  clock.advance(30_000);
  return totp(secret, clock.now().getTime());
};

describe('identity.mfa', () => {
  test('enrol, verify, status, regenerate, disable with a passcode', async () => {
    const me = await member();
    expect(await me.identity.mfa.status(me.id)).toEqual({
      enabled: false,
      totp_credentials: 0,
      recovery_codes_remaining: 0,
      pending_enrolment: false,
      rules: [],
    });
    const enrolment = await me.identity.mfa.enrol(me.id);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauth_uri).toContain(`secret=${enrolment.secret}&issuer=Xloud`);
    expect(Date.parse(enrolment.expires_at)).toBeGreaterThan(clock.now().getTime());
    const codes = await me.identity.mfa.verify(me.id, passcode(enrolment.secret));
    expect(codes).toHaveLength(10);
    expect(await me.identity.mfa.status(me.id)).toMatchObject({
      enabled: true,
      totp_credentials: 1,
      recovery_codes_remaining: 10,
      rules: [['password', 'totp'], ['application_credential']],
    });
    await expect(me.identity.mfa.enrol(me.id)).rejects.toBeInstanceOf(ConflictError);
    const fresh = await me.identity.mfa.regenerateRecoveryCodes(me.id, passcode(enrolment.secret));
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    await me.identity.mfa.disable(me.id, { passcode: passcode(enrolment.secret) });
    expect((await me.identity.mfa.status(me.id)).enabled).toBe(false);
  });

  test('disable with a recovery code; a wrong passcode is a 401 the session does not retry; debug masks secrets', async () => {
    const events: DebugEvent[] = [];
    const me = await member(events);
    const { secret } = await me.identity.mfa.enrol(me.id);
    const before = events.length;
    await expect(me.identity.mfa.verify(me.id, '000000')).rejects.toBeInstanceOf(UnauthorizedError);
    const sent = events.slice(before).filter((e) => e.type === 'request' && e.url.endsWith('/mfa/verify'));
    expect(sent).toHaveLength(1);
    const codes = await me.identity.mfa.verify(me.id, passcode(secret));
    await expect(me.identity.mfa.disable(me.id, { recoveryCode: 'aaaa-bbbb-cccc' })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await me.identity.mfa.disable(me.id, { recoveryCode: codes[3]! });
    expect((await me.identity.mfa.status(me.id)).recovery_codes_remaining).toBe(0);
    await expect(me.identity.mfa.disable(me.id, { recoveryCode: codes[4]! })).rejects.toBeInstanceOf(NotFoundError);
    // The debug hook saw the bodies masked: neither the secret nor a recovery code.
    const seen = JSON.stringify(events);
    expect(seen).toContain('/OS-XLOUD/mfa/verify');
    for (const hidden of [secret, ...codes]) expect(seen).not.toContain(hidden);
  });

  test("an administrator reads and resets a user's two-factor; a user cannot reset their own", async () => {
    const me = await member();
    const { secret } = await me.identity.mfa.enrol(me.id);
    await me.identity.mfa.verify(me.id, passcode(secret));
    await expect(me.identity.mfa.reset(me.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await admin.mfa.status(me.id)).enabled).toBe(true);
    await admin.mfa.reset(me.id);
    expect((await admin.mfa.status(me.id)).enabled).toBe(false);
  });
});

/**
 * Self-service two-factor (issue #10 item 3, OS-XLOUD): /v3/users/{user_id}/OS-XLOUD/mfa over HTTP on every
 * database. A user enrols, verifies with a passcode computed from the returned secret and gets the `totp`
 * credential, the rules [[password, totp], [application_credential]] and ten recovery codes; the password alone
 * then gets a receipt; a recovery code works once in place of a passcode; application credentials still sign in
 * alone; codes regenerate; a passcode or a recovery code disables it; an administrator resets it. Wrong,
 * malformed and reused passcodes change nothing. Neither the secret nor a code ever reaches the log.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBase32Secret, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { runManage } from '../../src/manage/cli.ts';
import { repositoryKeys } from '../../src/token/providers/fernet/key-source.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, passwordAuth, type ApiResponse } from './api-client.ts';

const RULES = [['password', 'totp'], ['application_credential']];
const GENERIC_401 = 'The request you have made requires authentication.';

describe.each(DATABASES)('self-service two-factor (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let clock: TestClock;
  /** Every line the server logged: the request log at debug level and the container's own logger. */
  const logged: string[] = [];
  /** Every secret and recovery code the API handed out, to look for in the log at the end. */
  const secrets: string[] = [];

  beforeAll(async () => {
    clock = TestClock.running();
    const stream = { write: (line: string) => void logged.push(line) };
    server = await startTestServer({
      database,
      clock,
      config: { DEFAULT: { debug: 'true' } },
      logger: pino({ level: 'debug' }, stream),
      logStream: stream,
    });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  const mfaPath = (userId: string, tail = '') => `/users/${userId}/OS-XLOUD/mfa${tail}`;

  /** The passcode of the current 30-second step on the server's clock (moved on first, so it is unused). */
  const passcodeOf = (secret: string) => {
    clock.advance(30_000);
    return totpPasscode(decodeBase32Secret(secret)!, totpStep(clock.now().getTime()));
  };

  type Member = { user: { id: string; name: string; password: string }; projectId: string; token: string };

  const member = async (): Promise<Member> => api.userWithRole('member');

  const status = async (userId: string, token: string) => {
    const res = await api.get(mfaPath(userId), token);
    expect(res.status).toBe(200);
    return res.body.mfa;
  };

  const enrol = async (me: Member): Promise<string> => {
    const res = await api.post(mfaPath(me.user.id, '/enrol'), me.token, {});
    expect(res.status).toBe(201);
    const secret = res.body.mfa_enrolment.secret as string;
    secrets.push(secret);
    return secret;
  };

  /** Enrols and verifies: returns the secret and the recovery codes. */
  const enable = async (me: Member): Promise<{ secret: string; codes: string[] }> => {
    const secret = await enrol(me);
    const res = await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode: passcodeOf(secret) } });
    expect(res.status).toBe(200);
    const codes = res.body.mfa.recovery_codes as string[];
    secrets.push(...codes);
    return { secret, codes };
  };

  const scope = (me: Member) => ({ project: { id: me.projectId } });
  const withTotp = (me: Member, passcode: string) => ({
    auth: {
      identity: {
        methods: ['password', 'totp'],
        password: { user: { id: me.user.id, password: me.user.password } },
        totp: { user: { id: me.user.id, passcode } },
      },
      scope: scope(me),
    },
  });
  const passwordOnly = (me: Member) => api.issue(passwordAuth({ id: me.user.id }, me.user.password, scope(me)));

  const expectRefused = (res: ApiResponse) => {
    expectKeystoneError(res, 401);
    expect(res.body.error.message).toBe(GENERIC_401);
  };

  it('enrols, verifies with a passcode of the secret, and then the password alone gets a receipt', async () => {
    const me = await member();
    const before = await status(me.user.id, me.token);
    expect(before).toEqual({
      enabled: false,
      totp_credentials: 0,
      recovery_codes_remaining: 0,
      pending_enrolment: false,
      rules: [],
    });

    const sent = clock.now().getTime();
    const res = await api.post(mfaPath(me.user.id, '/enrol'), me.token, {});
    const answered = clock.now().getTime();
    expect(res.status).toBe(201);
    const { secret, otpauth_uri, expires_at } = res.body.mfa_enrolment;
    secrets.push(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauth_uri).toBe(
      `otpauth://totp/Xloud:${encodeURIComponent(me.user.name)}%40Default?secret=${secret}&issuer=Xloud&algorithm=SHA1&digits=6&period=30`,
    );
    // Ten minutes from when the server answered.
    expect(Date.parse(expires_at)).toBeGreaterThanOrEqual(sent + 600_000);
    expect(Date.parse(expires_at)).toBeLessThanOrEqual(answered + 600_000);
    expect((await status(me.user.id, me.token)).pending_enrolment).toBe(true);
    // Nothing is on yet: the password alone still signs in.
    expect((await passwordOnly(me)).status).toBe(201);

    const verified = await api.post(mfaPath(me.user.id, '/verify'), me.token, {
      mfa: { passcode: passcodeOf(secret) },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.mfa.enabled).toBe(true);
    const codes = verified.body.mfa.recovery_codes as string[];
    secrets.push(...codes);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    expect(await status(me.user.id, me.token)).toEqual({
      enabled: true,
      totp_credentials: 1,
      recovery_codes_remaining: 10,
      pending_enrolment: false,
      rules: RULES,
    });
    // As Keystone stores it: a totp credential whose blob is the secret, and the user options.
    const admin = await api.adminToken();
    const credentials = (await api.get(`/credentials?user_id=${me.user.id}`, admin)).body.credentials;
    expect(credentials).toMatchObject([{ type: 'totp', blob: secret, user_id: me.user.id }]);
    const user = (await api.get(`/users/${me.user.id}`, admin)).body.user;
    expect(user.options).toMatchObject({ multi_factor_auth_enabled: true, multi_factor_auth_rules: RULES });

    const receipt = await passwordOnly(me);
    expect(receipt.status).toBe(401);
    expect(receipt.headers.get('openstack-auth-receipt')).toMatch(/^gAAAAA/);
    expect(receipt.body.required_auth_methods).toEqual([['password', 'totp']]);
    const token = await api.issue(withTotp(me, passcodeOf(secret)));
    expect(token.status).toBe(201);
    expect([...token.body.token.methods].sort()).toEqual(['password', 'totp']);
    // A second enrolment is refused until this one is disabled.
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/enrol'), me.token, {}), 409);
  });

  it('takes a recovery code once in place of a passcode; the second use is refused', async () => {
    const me = await member();
    const { codes } = await enable(me);
    // Case and dashes do not matter to a code copied from paper.
    const typed = codes[0]!.toUpperCase().replaceAll('-', ' ');
    expect((await api.issue(withTotp(me, typed))).status).toBe(201);
    expectRefused(await api.issue(withTotp(me, codes[0]!)));
    expect((await status(me.user.id, me.token)).recovery_codes_remaining).toBe(9);
    // With a receipt too: password first, then the code alone.
    const receipt = (await passwordOnly(me)).headers.get('openstack-auth-receipt')!;
    const second = await api.request('POST', '/auth/tokens', {
      headers: { 'Openstack-Auth-Receipt': receipt },
      body: { auth: { identity: { methods: ['totp'], totp: { user: { id: me.user.id, passcode: codes[1] } } } } },
    });
    expect(second.status).toBe(201);
    expect((await status(me.user.id, me.token)).recovery_codes_remaining).toBe(8);
  });

  it('lets an application credential sign in alone while two-factor is on', async () => {
    const me = await member();
    const { secret } = await enable(me);
    const token = (await api.issue(withTotp(me, passcodeOf(secret)))).tokenId;
    const created = await api.post(`/users/${me.user.id}/application_credentials`, token, {
      application_credential: { name: 'automation' },
    });
    expect(created.status).toBe(201);
    const { id, secret: appSecret } = created.body.application_credential;
    const signIn = await api.issue({
      auth: { identity: { methods: ['application_credential'], application_credential: { id, secret: appSecret } } },
    });
    expect(signIn.status).toBe(201);
    // Its token cannot change the second factor (a restricted application credential, as Keystone's rule for
    // managing application credentials).
    const refused = await api.request('DELETE', mfaPath(me.user.id), {
      token: signIn.tokenId,
      body: { mfa: { passcode: passcodeOf(secret) } },
    });
    expectKeystoneError(refused, 403);
    expect((await status(me.user.id, me.token)).enabled).toBe(true);
  });

  it('regenerates recovery codes for a current passcode: the old ones stop working', async () => {
    const me = await member();
    const { secret, codes } = await enable(me);
    expectRefused(await api.post(mfaPath(me.user.id, '/recovery-codes'), me.token, { mfa: { passcode: codes[0] } }));
    const res = await api.post(mfaPath(me.user.id, '/recovery-codes'), me.token, {
      mfa: { passcode: passcodeOf(secret) },
    });
    expect(res.status).toBe(200);
    const fresh = res.body.mfa.recovery_codes as string[];
    secrets.push(...fresh);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    expectRefused(await api.issue(withTotp(me, codes[0]!)));
    expect((await api.issue(withTotp(me, fresh[0]!))).status).toBe(201);
    expect((await status(me.user.id, me.token)).recovery_codes_remaining).toBe(9);
  });

  it('disables with a current passcode: credential, codes and rules go; the password alone signs in again', async () => {
    const me = await member();
    const { secret, codes } = await enable(me);
    const res = await api.request('DELETE', mfaPath(me.user.id), {
      token: me.token,
      body: { mfa: { passcode: passcodeOf(secret) } },
    });
    expect(res.status).toBe(204);
    expect(await status(me.user.id, me.token)).toEqual({
      enabled: false,
      totp_credentials: 0,
      recovery_codes_remaining: 0,
      pending_enrolment: false,
      rules: [],
    });
    const user = (await api.get(`/users/${me.user.id}`, await api.adminToken())).body.user;
    expect(user.options.multi_factor_auth_enabled).toBe(false);
    expect(user.options.multi_factor_auth_rules).toBeUndefined();
    expect((await passwordOnly(me)).status).toBe(201);
    expectRefused(await api.issue(withTotp(me, codes[0]!)));
    // Disabling again: nothing to disable.
    const again = await api.request('DELETE', mfaPath(me.user.id), {
      token: me.token,
      body: { mfa: { passcode: passcodeOf(secret) } },
    });
    expectKeystoneError(again, 404);
    // And it can be enrolled again.
    await enable(me);
  });

  it('disables with a recovery code; a used or wrong one changes nothing', async () => {
    const me = await member();
    const { codes } = await enable(me);
    expect((await api.issue(withTotp(me, codes[0]!))).status).toBe(201);
    for (const code of [codes[0], 'aaaa-bbbb-cccc', 'not a code']) {
      expectRefused(
        await api.request('DELETE', mfaPath(me.user.id), { token: me.token, body: { mfa: { recovery_code: code } } }),
      );
    }
    expect((await status(me.user.id, me.token)).enabled).toBe(true);
    const res = await api.request('DELETE', mfaPath(me.user.id), {
      token: me.token,
      body: { mfa: { recovery_code: codes[1] } },
    });
    expect(res.status).toBe(204);
    expect((await status(me.user.id, me.token)).enabled).toBe(false);
    expect((await passwordOnly(me)).status).toBe(201);
  });

  it("lets an administrator read and reset a user's two-factor; others get 403, an unknown user 404", async () => {
    const me = await member();
    const other = await member();
    const { secret } = await enable(me);
    const admin = await api.adminToken();
    expect((await status(me.user.id, admin)).enabled).toBe(true);

    // Another user, not an administrator: no route at all.
    expectKeystoneError(await api.get(mfaPath(me.user.id), other.token), 403);
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/enrol'), other.token, {}), 403);
    expectKeystoneError(
      await api.post(mfaPath(me.user.id, '/verify'), other.token, { mfa: { passcode: passcodeOf(secret) } }),
      403,
    );
    expectKeystoneError(
      await api.post(mfaPath(me.user.id, '/recovery-codes'), other.token, { mfa: { passcode: passcodeOf(secret) } }),
      403,
    );
    expectKeystoneError(
      await api.request('DELETE', mfaPath(me.user.id), { token: other.token, body: { mfa: { passcode: '123456' } } }),
      403,
    );
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/reset'), other.token, {}), 403);
    // The user cannot reset their own (that would skip the passcode); an administrator does not enrol for others.
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/reset'), me.token, {}), 403);
    expectKeystoneError(await api.post(mfaPath(other.user.id, '/enrol'), admin, {}), 403);
    expectKeystoneError(await api.get(mfaPath('0123456789abcdef0123456789abcdef'), admin), 404);
    expectKeystoneError(await api.post(mfaPath('0123456789abcdef0123456789abcdef', '/reset'), admin, {}), 404);
    expect((await status(me.user.id, me.token)).enabled).toBe(true);

    const reset = await api.post(mfaPath(me.user.id, '/reset'), admin, {});
    expect(reset.status).toBe(204);
    expect(await status(me.user.id, admin)).toMatchObject({ enabled: false, totp_credentials: 0, rules: [] });
    expect((await passwordOnly(me)).status).toBe(201);
    // Also served under /identity/v3.
    expect((await api.get(`//identity/v3${mfaPath(me.user.id)}`, admin)).status).toBe(200);
  });

  it('a wrong, malformed, reused or expired passcode on verify is a 401 that changes nothing', async () => {
    const me = await member();
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode: '123456' } }), 404);
    const secret = await enrol(me);
    const right = passcodeOf(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (const passcode of [wrong, '12345', 'abcdef', `${right}0`, ' ']) {
      expectRefused(await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode } }));
    }
    // Too old: two steps back with included_previous_windows = 1.
    const stale = totpPasscode(decodeBase32Secret(secret)!, totpStep(clock.now().getTime()) - 2);
    expectRefused(await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode: stale } }));
    expect(await status(me.user.id, me.token)).toMatchObject({ enabled: false, pending_enrolment: true, rules: [] });
    expect((await passwordOnly(me)).status).toBe(201);
    // Schema: the body is closed, and DELETE takes exactly one of passcode and recovery_code.
    expectKeystoneError(await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: {} }), 400);
    expectKeystoneError(
      await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode: right, extra: 1 } }),
      400,
    );

    const verified = await api.post(mfaPath(me.user.id, '/verify'), me.token, { mfa: { passcode: right } });
    expect(verified.status).toBe(200);
    secrets.push(...verified.body.mfa.recovery_codes);
    // The passcode that verified is used up: it does not sign in.
    expectRefused(await api.issue(withTotp(me, right)));
    expectKeystoneError(
      await api.request('DELETE', mfaPath(me.user.id), {
        token: me.token,
        body: { mfa: { passcode: right, recovery_code: 'x' } },
      }),
      400,
    );
    // A new enrolment replaces a pending one, whose secret then no longer verifies; an expired one is gone.
    const other = await member();
    const first = await enrol(other);
    const second = await enrol(other);
    expectRefused(
      await api.post(mfaPath(other.user.id, '/verify'), other.token, { mfa: { passcode: passcodeOf(first) } }),
    );
    clock.advance(601_000);
    expectKeystoneError(
      await api.post(mfaPath(other.user.id, '/verify'), other.token, { mfa: { passcode: passcodeOf(second) } }),
      404,
    );
    expect((await status(other.user.id, other.token)).pending_enrolment).toBe(false);
  });

  it('recovery codes and a pending secret outlive credential key rotations; rotate waits for migrate', async () => {
    const connection = server.container.conf.database.connection;
    const keyRepository = server.container.conf.credential.key_repository;
    const env = {
      XLOUD__DATABASE__CONNECTION: connection.kind === 'sqlite' ? `sqlite:///${connection.filename}` : connection.url,
      XLOUD__CREDENTIAL__KEY_REPOSITORY: keyRepository,
      XLOUD__FERNET_TOKENS__KEY_REPOSITORY: server.container.conf.fernet_tokens.key_repository,
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manage = (command: string) => runManage(['credential', command], env);
    try {
      expect(await manage('migrate')).toBe(0);
      const me = await member();
      const { codes } = await enable(me);
      const pendingUser = await member();
      const pending = await enrol(pendingUser);
      expect(await manage('rotate')).toBe(0);
      // The codes and the pending secret are sealed with the secondary key now: another rotation would lose them.
      expect(await manage('rotate')).toBe(1);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain('Run `xloud-manage credential migrate` first');
      expect(await manage('migrate')).toBe(0);
      // `credential migrate` prints one line per kind of sealed secret; this one is the two-factor line.
      expect(
        log.mock.calls
          .map((call) => String(call[0]))
          .filter((line) => line.includes('two-factor'))
          .at(-1),
      ).toMatch(/^re-sealed [1-9]\d* two-factor enrolment secrets and recovery codes with the primary key$/);
      expect(await manage('rotate')).toBe(0);
      expect(await manage('migrate')).toBe(0);
      expect(await manage('rotate')).toBe(0);
      const onDisk = repositoryKeys(keyRepository).map((key) => key.index);
      await vi.waitFor(
        () =>
          expect(repositoryKeys(server.container.keyRepositories.credential).map((key) => key.index)).toEqual(onDisk),
        { timeout: 20_000, interval: 20 },
      );
      expect((await api.issue(withTotp(me, codes[0]!))).status).toBe(201);
      const verified = await api.post(mfaPath(pendingUser.user.id, '/verify'), pendingUser.token, {
        mfa: { passcode: passcodeOf(pending) },
      });
      expect(verified.status).toBe(200);
      secrets.push(...verified.body.mfa.recovery_codes);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('is listed in JSON-Home under docs.xloud.tech', async () => {
    const home = await api.get('//v3', undefined, { Accept: 'application/json-home' });
    const resources = home.body.resources as Record<string, { 'href-template'?: string }>;
    const rel = (name: string) => resources[`https://docs.xloud.tech/identity/rel/${name}`]?.['href-template'];
    expect(rel('mfa')).toBe('/users/{user_id}/OS-XLOUD/mfa');
    for (const tail of ['enrol', 'verify', 'recovery-codes', 'reset'])
      expect(rel(`mfa_${tail.replace('-', '_')}`)).toBe(`/users/{user_id}/OS-XLOUD/mfa/${tail}`);
  });

  it('never logs a TOTP secret or a recovery code', () => {
    expect(secrets.length).toBeGreaterThan(20);
    expect(logged.length).toBeGreaterThan(50);
    // The log did record the MFA requests (so the check below looked at the right lines).
    expect(logged.some((line) => line.includes('/OS-XLOUD/mfa/verify'))).toBe(true);
    const all = logged.join('\n');
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});

describe.each(DATABASES)('self-service two-factor under [security_compliance] lockout (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let clock: TestClock;

  beforeAll(async () => {
    clock = TestClock.running();
    server = await startTestServer({
      database,
      clock,
      config: { security_compliance: { lockout_failure_attempts: '3', lockout_duration: '600' } },
    });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('counts wrong passcodes toward the lockout, as at sign-in: a stolen token cannot try them all', async () => {
    const me = await api.userWithRole('member');
    const path = (tail: string) => `/users/${me.user.id}/OS-XLOUD/mfa${tail}`;
    const enrolled = await api.post(path('/enrol'), me.token, {});
    const key = decodeBase32Secret(enrolled.body.mfa_enrolment.secret)!;
    for (let i = 0; i < 3; i++)
      expectKeystoneError(await api.post(path('/verify'), me.token, { mfa: { passcode: '000000' } }), 401);
    clock.advance(30_000);
    const right = totpPasscode(key, totpStep(clock.now().getTime()));
    expectKeystoneError(await api.post(path('/verify'), me.token, { mfa: { passcode: right } }), 401);
    expect((await api.get(path(''), me.token)).body.mfa).toMatchObject({ enabled: false, pending_enrolment: true });
    clock.advance(601_000);
    // The lockout is over; the enrolment expired with it.
    expectKeystoneError(await api.post(path('/verify'), me.token, { mfa: { passcode: right } }), 404);
  });
});

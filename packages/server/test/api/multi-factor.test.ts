/**
 * Multi-factor sign-in as Keystone does it, over HTTP on every database: the user options
 * multi_factor_auth_rules / multi_factor_auth_enabled are enforced, a sign-in short of a rule gets 401 with an
 * auth receipt (Openstack-Auth-Receipt and Keystone's receipt body), the receipt plus the missing method gets the
 * token. Beyond Keystone: a TOTP passcode and a receipt each work once, also across nodes sharing the database,
 * and wrong passcodes count toward the lockout.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBase32Secret, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { runManage } from '../../src/manage/cli.ts';
import { FernetReceiptProvider } from '../../src/receipt/fernet-receipt-provider.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, passwordAuth, tokenAuth, type ApiResponse } from './api-client.ts';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY = decodeBase32Secret(SECRET)!;
const TOTP_RULES = [['password', 'totp']];

const totpAuth = (userId: string, passcode: string) => ({
  auth: { identity: { methods: ['totp'], totp: { user: { id: userId, passcode } } } },
});
const passwordAndTotpAuth = (userId: string, password: string, passcode: string) => ({
  auth: {
    identity: {
      methods: ['password', 'totp'],
      password: { user: { id: userId, password } },
      totp: { user: { id: userId, passcode } },
    },
  },
});

describe.each(DATABASES)('multi-factor sign-in (%s)', (database) => {
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

  /** The passcode of the current 30-second step on the server's clock (moved on first, so it is unused). */
  const freshPasscode = () => {
    clock.advance(30_000);
    return totpPasscode(KEY, totpStep(clock.now().getTime()));
  };

  const withReceipt = (receipt: string, body: unknown) =>
    api.request('POST', '/auth/tokens', { body, headers: { 'Openstack-Auth-Receipt': receipt } });

  /** A user under [[password, totp]] with a totp credential. */
  async function mfaUser(options: Record<string, unknown> = { multi_factor_auth_rules: TOTP_RULES }) {
    const admin = await api.adminToken();
    const user = await api.createUser({ options });
    const credential = await api.post('/credentials', admin, {
      credential: { type: 'totp', user_id: user.id, blob: SECRET },
    });
    expect(credential.status).toBe(201);
    return user as { id: string; name: string; password: string };
  }

  function expectReceipt(res: ApiResponse, userId: string, methods: string[]): string {
    expect(res.status).toBe(401);
    const receipt = res.headers.get('openstack-auth-receipt');
    expect(receipt).toMatch(/^gAAAAA[\w-]+$/);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(Object.keys(res.body)).toEqual(['receipt', 'required_auth_methods']);
    expect(res.body.receipt.methods).toEqual(methods);
    expect(res.body.receipt.user).toMatchObject({ id: userId, domain: { id: 'default', name: 'Default' } });
    const issued = Date.parse(res.body.receipt.issued_at);
    expect(Date.parse(res.body.receipt.expires_at) - issued).toBe(300_000);
    expect(res.body.receipt.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
    expect(res.body.required_auth_methods.map((rule: string[]) => [...rule].sort())).toEqual([['password', 'totp']]);
    return receipt!;
  }

  it('answers a password alone with a receipt, and the receipt plus a passcode with the token', async () => {
    const user = await mfaUser();
    const first = await api.issue(passwordAuth({ id: user.id }, user.password));
    const receipt = expectReceipt(first, user.id, ['password']);
    expect(first.tokenId).toBe('');
    const second = await withReceipt(receipt, totpAuth(user.id, freshPasscode()));
    expect(second.status).toBe(201);
    expect([...second.body.token.methods].sort()).toEqual(['password', 'totp']);
    // The token re-scopes like any other, keeping the methods that satisfied the rule.
    const rescoped = await api.issue(tokenAuth(second.headers.get('x-subject-token')!));
    expect(rescoped.status).toBe(201);
    expect([...rescoped.body.token.methods].sort()).toEqual(['password', 'token', 'totp']);
  });

  it('takes both methods in one request, and a passcode first then the password', async () => {
    const user = await mfaUser();
    expect((await api.issue(passwordAndTotpAuth(user.id, user.password, freshPasscode()))).status).toBe(201);
    const receipt = expectReceipt(await api.issue(totpAuth(user.id, freshPasscode())), user.id, ['totp']);
    expect((await withReceipt(receipt, passwordAuth({ id: user.id }, user.password))).status).toBe(201);
  });

  it('takes the passcode of the step before the current one ([totp] included_previous_windows = 1)', async () => {
    const user = await mfaUser();
    clock.advance(30_000);
    const previous = totpPasscode(KEY, totpStep(clock.now().getTime()) - 1);
    expect((await api.issue(passwordAndTotpAuth(user.id, user.password, previous))).status).toBe(201);
  });

  it('accepts a passcode once: a replay is refused, within its window and on another request', async () => {
    const user = await mfaUser();
    const passcode = freshPasscode();
    expect((await api.issue(passwordAndTotpAuth(user.id, user.password, passcode))).status).toBe(201);
    expectKeystoneError(await api.issue(passwordAndTotpAuth(user.id, user.password, passcode)), 401);
    // An earlier step's passcode is refused too once a later one was used.
    const earlier = totpPasscode(KEY, totpStep(clock.now().getTime()) - 1);
    expectKeystoneError(await api.issue(passwordAndTotpAuth(user.id, user.password, earlier)), 401);
  });

  it('uses a receipt once, and refuses an expired, foreign or made-up one as Keystone does', async () => {
    const user = await mfaUser();
    const other = await mfaUser();
    const receipt = expectReceipt(await api.issue(passwordAuth({ id: user.id }, user.password)), user.id, ['password']);
    const notFound = (res: ApiResponse, given: string) => {
      expectKeystoneError(res, 401);
      expect(res.body.error.message).toBe(`Could not find auth receipt: ${given}.`);
    };
    // Another user's sign-in cannot borrow it.
    notFound(await withReceipt(receipt, totpAuth(other.id, freshPasscode())), receipt);
    // A wrong passcode fails without using the receipt up.
    const wrong = await withReceipt(receipt, totpAuth(user.id, '000000'));
    expectKeystoneError(wrong, 401);
    expect(wrong.body.error.message).toBe('The request you have made requires authentication.');
    expect((await withReceipt(receipt, totpAuth(user.id, freshPasscode()))).status).toBe(201);
    notFound(await withReceipt(receipt, totpAuth(user.id, freshPasscode())), receipt);
    notFound(await withReceipt(`x${receipt}`, totpAuth(user.id, freshPasscode())), `x${receipt}`);

    const late = expectReceipt(await api.issue(passwordAuth({ id: user.id }, user.password)), user.id, ['password']);
    clock.advance(301_000);
    notFound(await withReceipt(late, totpAuth(user.id, freshPasscode())), late);
  });

  it('lets application credentials sign in alone under [[password, totp], [application_credential]]', async () => {
    const user = await mfaUser({ multi_factor_auth_rules: [...TOTP_RULES, ['application_credential']] });
    const admin = await api.adminToken();
    const projectId = (await api.get('/projects?name=admin', admin)).body.projects[0].id as string;
    await api.grant({ user: user.id }, { project: projectId }, 'member');
    const token = (
      await api.issue({
        auth: {
          ...passwordAndTotpAuth(user.id, user.password, freshPasscode()).auth,
          scope: { project: { id: projectId } },
        },
      })
    ).tokenId;
    const created = await api.post(`/users/${user.id}/application_credentials`, token, {
      application_credential: { name: 'automation' },
    });
    expect(created.status).toBe(201);
    const signIn = await api.issue({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {
            id: created.body.application_credential.id,
            secret: created.body.application_credential.secret,
          },
        },
      },
    });
    expect(signIn.status).toBe(201);
    // The password alone still is not enough.
    expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(401);
  });

  it('applies no rule when multi_factor_auth_enabled is false, and ignores methods this server has off', async () => {
    const off = await mfaUser({ multi_factor_auth_rules: TOTP_RULES, multi_factor_auth_enabled: false });
    expect((await api.issue(passwordAuth({ id: off.id }, off.password))).status).toBe(201);
    // A rule naming only methods that are not enabled cannot lock anyone out (Keystone's choice too).
    const unknown = await mfaUser({ multi_factor_auth_rules: [['password', 'kerberos']] });
    expect((await api.issue(passwordAuth({ id: unknown.id }, unknown.password))).status).toBe(201);
  });

  it('counts wrong passcodes toward the lockout', async () => {
    const user = await mfaUser();
    for (let i = 0; i < 3; i++) expectKeystoneError(await api.issue(totpAuth(user.id, '000000')), 401);
    // Locked: now even the right password and passcode are refused.
    expectKeystoneError(await api.issue(passwordAndTotpAuth(user.id, user.password, freshPasscode())), 401);
  });

  it("validates the options as Keystone's schema does, and shows them", async () => {
    const admin = await api.adminToken();
    for (const rules of [[[]], [['password', 'password']], [['password'], ['password']], [[1]], 'x']) {
      const res = await api.post('/users', admin, {
        user: { name: `mfa-${Math.random()}`, options: { multi_factor_auth_rules: rules } },
      });
      expectKeystoneError(res, 400);
      expect(res.body.error.message).toMatch(/^Invalid input for field 'user\.options\.multi_factor_auth_rules/);
    }
    const user = await mfaUser({ multi_factor_auth_rules: TOTP_RULES, multi_factor_auth_enabled: true });
    const shown = await api.get(`/users/${user.id}`, admin);
    expect(shown.body.user.options).toEqual({ multi_factor_auth_rules: TOTP_RULES, multi_factor_auth_enabled: true });
    const cleared = await api.patch(`/users/${user.id}`, admin, {
      user: { options: { multi_factor_auth_rules: null, multi_factor_auth_enabled: null } },
    });
    expect(cleared.body.user.options).toEqual({});
    expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
  });
});

describe('[receipt] expiration, [totp] included_previous_windows, [fernet_receipts] key_repository and max_active_keys', () => {
  let server: TestServer;
  let api: ApiClient;
  let clock: TestClock;
  const receiptKeys = mkdtempSync(join(tmpdir(), 'xloud-receipt-keys-'));

  beforeAll(async () => {
    clock = TestClock.running();
    server = await startTestServer({
      clock,
      config: {
        receipt: { expiration: '60' },
        totp: { included_previous_windows: '0' },
        fernet_receipts: { key_repository: receiptKeys },
      },
    });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(receiptKeys, { recursive: true, force: true });
  });

  async function mfaUser() {
    const user = await api.createUser({ options: { multi_factor_auth_rules: TOTP_RULES } });
    await api.post('/credentials', await api.adminToken(), {
      credential: { type: 'totp', user_id: user.id, blob: SECRET },
    });
    return user as { id: string; password: string };
  }
  const receiptFor = async (user: { id: string; password: string }) =>
    (await api.issue(passwordAuth({ id: user.id }, user.password))).headers.get('openstack-auth-receipt')!;
  const withReceipt = (receipt: string, body: unknown) =>
    api.request('POST', '/auth/tokens', { body, headers: { 'Openstack-Auth-Receipt': receipt } });

  it('receipts live [receipt] expiration seconds and are sealed with the [fernet_receipts] keys', async () => {
    const user = await mfaUser();
    const answer = await api.issue(passwordAuth({ id: user.id }, user.password));
    const { issued_at, expires_at } = answer.body.receipt;
    expect(Date.parse(expires_at) - Date.parse(issued_at)).toBe(60_000);
    const receipt = answer.headers.get('openstack-auth-receipt')!;
    const methods = [...server.container.conf.auth.methods];
    expect(new FernetReceiptProvider({ keyRepository: receiptKeys, methods }).decode(receipt)?.userId).toBe(user.id);
    const tokenKeys = server.container.conf.fernet_tokens.key_repository;
    expect(new FernetReceiptProvider({ keyRepository: tokenKeys, methods }).decode(receipt)).toBeUndefined();
    clock.advance(61_000);
    const passcode = totpPasscode(KEY, totpStep(clock.now().getTime()));
    expectKeystoneError(await withReceipt(receipt, totpAuth(user.id, passcode)), 401);
  });

  it('with included_previous_windows = 0 only the current step counts (the default also takes the one before)', async () => {
    const user = await mfaUser();
    clock.advance(30_000);
    const step = totpStep(clock.now().getTime());
    const previous = totpPasscode(KEY, step - 1);
    expectKeystoneError(await withReceipt(await receiptFor(user), totpAuth(user.id, previous)), 401);
    expect((await withReceipt(await receiptFor(user), totpAuth(user.id, totpPasscode(KEY, step)))).status).toBe(201);
  });

  it('fernet rotate --receipts keeps max_active_keys keys: with 2, receipts of the previous primary key go', async () => {
    const user = await mfaUser();
    const before = await receiptFor(user);
    const rotate = (maxActiveKeys: string) =>
      runManage(['fernet', 'rotate', '--receipts'], {
        XLOUD_DATA_DIR: receiptKeys,
        XLOUD__FERNET_RECEIPTS__KEY_REPOSITORY: receiptKeys,
        XLOUD__FERNET_RECEIPTS__MAX_ACTIVE_KEYS: maxActiveKeys,
      });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await rotate('2')).toBe(0);
      expect(await rotate('2')).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(readdirSync(receiptKeys).filter((name) => /^\d+$/.test(name))).toHaveLength(2);
    // The server reads the directory again when its watcher reports the rotation: soon, not at once.
    await vi.waitFor(
      async () => {
        clock.advance(30_000);
        const passcode = totpPasscode(KEY, totpStep(clock.now().getTime()));
        expectKeystoneError(await withReceipt(before, totpAuth(user.id, passcode)), 401);
      },
      { timeout: 20_000, interval: 50 },
    );
    clock.advance(30_000);
    const passcode = totpPasscode(KEY, totpStep(clock.now().getTime()));
    expect((await withReceipt(await receiptFor(user), totpAuth(user.id, passcode))).status).toBe(201);
  });
});

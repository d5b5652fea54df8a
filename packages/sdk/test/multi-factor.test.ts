/**
 * Multi-factor sign-in through the SDK against a real server: a password answered with an auth receipt is
 * completed with a TOTP passcode (from the options or the session's prompt), and clouds.yaml's
 * `auth_type: v3multifactor` sends password and passcode together, as keystoneauth does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@xloud/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, IdentityClient, PasswordAuth, Session, UnauthorizedError, type AuthReceipt } from '../src/index.ts';
import { adminSession, startServer, TestClock, unique, type TestServer } from './helpers.ts';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let server: TestServer;
let admin: Session;
let clock: TestClock;

beforeAll(async () => {
  clock = TestClock.running();
  server = await startServer({ clock });
  admin = adminSession(server);
});
afterAll(async () => {
  await server?.close();
});

/** The passcode of a fresh 30-second step on the server's clock (a passcode works once per user). */
function freshPasscode(): string {
  clock.advance(30_000);
  return totpCode(SECRET, clock.now().getTime());
}

/** A user under [[password, totp]] with a totp credential, as an administrator sets one up. */
async function mfaUser(): Promise<{ id: string; name: string; password: string }> {
  const name = unique('mfa');
  const password = `pw-${unique('x')}`;
  const { body } = await admin.request<{ user: { id: string } }>('/users', {
    method: 'POST',
    body: {
      user: {
        name,
        password,
        domain_id: 'default',
        options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] },
      },
    },
  });
  await admin.request('/credentials', {
    method: 'POST',
    body: { credential: { type: 'totp', user_id: body.user.id, blob: SECRET } },
  });
  return { id: body.user.id, name, password };
}

const passwordAuth = (
  user: { name: string; password: string },
  extra: Partial<ConstructorParameters<typeof PasswordAuth>[0]> = {},
) =>
  new PasswordAuth({
    authUrl: `${server.baseUrl}/v3`,
    username: user.name,
    password: user.password,
    userDomainName: 'Default',
    ...extra,
  });

describe('a password answered with an auth receipt', () => {
  test('without a passcode: ERR_UNAUTHORIZED carrying the receipt', async () => {
    const user = await mfaUser();
    const err = await new Session({ auth: passwordAuth(user) }).getAccess().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    const receipt = (err as UnauthorizedError).authReceipt!;
    expect(receipt.userId).toBe(user.id);
    expect(receipt.methods).toEqual(['password']);
    expect(receipt.requiredAuthMethods.map((r) => [...r].sort())).toEqual([['password', 'totp']]);
    expect(receipt.receipt).toMatch(/^gAAAAA/);
    // the receipt is a secret: not in the message
    expect((err as Error).message).not.toContain(receipt.receipt);
  });

  test("the session's prompt is asked once and the sign-in completes with password and totp", async () => {
    const user = await mfaUser();
    const asked: AuthReceipt[] = [];
    const session = new Session({
      auth: passwordAuth(user),
      passcodePrompt: (receipt) => {
        asked.push(receipt);
        return freshPasscode();
      },
    });
    const access = await session.getAccess();
    expect(access.userId).toBe(user.id);
    expect([...access.methods].sort()).toEqual(['password', 'totp']);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.methods).toEqual(['password']);
    // the session works like any other
    const me = await new IdentityClient(session).users.get(user.id);
    expect(me.name).toBe(user.name);
  });

  test('a wrong passcode: ERR_UNAUTHORIZED, and an empty answer gives up', async () => {
    const user = await mfaUser();
    const wrong = await new Session({ auth: passwordAuth(user), passcodePrompt: () => '000000' })
      .getAccess()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(UnauthorizedError);
    expect((wrong as UnauthorizedError).authReceipt).toBeUndefined();
    const empty = await new Session({ auth: passwordAuth(user), passcodePrompt: () => '' })
      .getAccess()
      .catch((e: unknown) => e);
    expect((empty as UnauthorizedError).authReceipt?.userId).toBe(user.id);
  });

  test('a passcode in the options is used first; re-authentication then asks the prompt', async () => {
    const user = await mfaUser();
    let prompts = 0;
    const session = new Session({
      auth: passwordAuth(user, {
        passcode: freshPasscode(),
        passcodePrompt: () => {
          prompts += 1;
          return freshPasscode();
        },
      }),
    });
    const first = await session.getAccess();
    expect([...first.methods].sort()).toEqual(['password', 'totp']);
    expect(prompts).toBe(0);
    session.invalidate();
    const second = await session.getAccess();
    expect(second.token).not.toBe(first.token);
    expect(prompts).toBe(1);
  });

  test('OS_PASSCODE with a password in the environment', async () => {
    const user = await mfaUser();
    const identity = connect({
      env: {
        OS_AUTH_URL: `${server.baseUrl}/v3`,
        OS_USERNAME: user.name,
        OS_PASSWORD: user.password,
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PASSCODE: freshPasscode(),
      },
      searchPath: [],
    });
    const access = await identity.tokens.issue();
    expect([...access.methods].sort()).toEqual(['password', 'totp']);
  });
});

describe('clouds.yaml auth_type v3multifactor', () => {
  test('auth_methods [v3password, v3totp] with passcode: one request with both methods', async () => {
    const user = await mfaUser();
    const home = mkdtempSync(join(tmpdir(), 'xloud-sdk-mfa-'));
    try {
      const dir = join(home, '.config', 'xloud');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'clouds.yaml'),
        `clouds:\n  mfa:\n    auth_type: v3multifactor\n    auth_methods:\n      - v3password\n      - v3totp\n    auth:\n      auth_url: ${server.baseUrl}/v3\n      username: ${user.name}\n      password: ${user.password}\n      user_domain_name: Default\n      passcode: '${freshPasscode()}'\n`,
      );
      const events: string[] = [];
      const identity = connect({
        cloud: 'mfa',
        env: { HOME: home },
        cwd: home,
        searchPath: [dir],
        session: { debug: (e) => e.type === 'response' && events.push(String(e.status)) },
      });
      const access = await identity.tokens.issue();
      expect([...access.methods].sort()).toEqual(['password', 'totp']);
      expect(events).toEqual(['201']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('without a passcode the prompt is asked before the request; without either, ERR_CONFIG', async () => {
    const user = await mfaUser();
    const env = {
      OS_AUTH_TYPE: 'v3multifactor',
      OS_AUTH_METHODS: 'v3password,v3totp',
      OS_AUTH_URL: `${server.baseUrl}/v3`,
      OS_USERNAME: user.name,
      OS_PASSWORD: user.password,
      OS_USER_DOMAIN_NAME: 'Default',
    };
    const prompted = connect({ env, searchPath: [], session: { passcodePrompt: () => freshPasscode() } });
    expect([...(await prompted.tokens.issue()).methods].sort()).toEqual(['password', 'totp']);
    const err = await connect({ env, searchPath: [] })
      .tokens.issue()
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('ERR_CONFIG');
    expect((err as Error).message).toMatch(/OS_PASSCODE/);
  });
});

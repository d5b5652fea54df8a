/**
 * The console's sign-in for a user under a multi-factor rule (docs/console.md, "Second factor"): the password is
 * answered 401 "second factor required" with the auth receipt in an HttpOnly cookie scoped to the passcode step
 * (never in the body or a header page JavaScript can read); POST /dashboard/api/session/passcode with the code
 * completes the sign-in; wrong codes, a used receipt, and a tampered cookie are refused. Real HTTP, SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32Secret, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { COOKIE_NAME, RECEIPT_COOKIE_NAME } from '../../src/http/console/session-cookie.ts';
import { PASSCODE_STEP_EXPIRED } from '../../src/http/console/session-routes.ts';
import { startTestServer, TestClock, type TestServer } from '../helpers/test-server.ts';
import { ApiClient } from './api-client.ts';
import { passwordAuthBody } from './console-client.ts';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY = decodeBase32Secret(SECRET)!;
const SESSION = '/dashboard/api/session';
const PASSCODE = '/dashboard/api/session/passcode';

describe('console sign-in with a second factor', () => {
  let server: TestServer;
  let api: ApiClient;
  let clock: TestClock;
  let user: { id: string; password: string };

  beforeAll(async () => {
    clock = TestClock.running();
    server = await startTestServer({ clock });
    api = new ApiClient(server);
    const admin = await api.adminToken();
    user = await api.createUser({
      options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] },
    });
    const credential = await api.post('/credentials', admin, {
      credential: { type: 'totp', user_id: user.id, blob: SECRET },
    });
    expect(credential.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
  });

  const freshPasscode = () => {
    clock.advance(30_000);
    return totpPasscode(KEY, totpStep(clock.now().getTime()));
  };

  async function post(path: string, body: unknown, cookie?: string) {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Origin: server.baseUrl,
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const cookies = res.headers.getSetCookie();
    const named = (name: string) => cookies.find((c) => c.startsWith(`${name}=`));
    return { res, text, body: text ? JSON.parse(text) : undefined, named };
  }

  /** Step one: the password; returns the receipt cookie as the browser would send it back. */
  async function passwordStep(): Promise<string> {
    const first = await post(SESSION, { auth: passwordAuthBody({ id: user.id }, user.password) });
    expect(first.res.status).toBe(401);
    const line = first.named(RECEIPT_COOKIE_NAME)!;
    return line.split(';')[0]!;
  }

  it('answers the password with "second factor required" and keeps the receipt in an HttpOnly cookie', async () => {
    const first = await post(SESSION, { auth: passwordAuthBody({ id: user.id }, user.password) });
    expect(first.res.status).toBe(401);
    expect(first.body.error).toMatchObject({ code: 401, title: 'Unauthorized' });
    expect(first.body.error.message).toMatch(/second factor is required/);
    expect(first.body.receipt.methods).toEqual(['password']);
    expect(first.body.required_auth_methods.map((r: string[]) => [...r].sort())).toEqual([['password', 'totp']]);
    expect(first.res.headers.get('openstack-auth-receipt')).toBeNull();
    expect(first.named(COOKIE_NAME)).toBeUndefined();
    const line = first.named(RECEIPT_COOKIE_NAME)!;
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; SameSite=Strict/i);
    expect(line).toMatch(/; Path=\/dashboard\/api\/session\/passcode/);
    expect(line).toMatch(/; Expires=/);
    const receipt = line.split(';')[0]!.split('.').slice(1).join('.');
    expect(receipt).toMatch(/^gAAAAA/);
    // the body page JavaScript reads never carries the receipt, nor the user's details
    expect(first.text).not.toContain(receipt);
    expect(first.body.receipt.user).toBeUndefined();
  });

  it('a wrong code is refused and the step stays open; the right code starts the session', async () => {
    const cookie = await passwordStep();
    const wrong = await post(PASSCODE, { passcode: '000000' }, cookie);
    expect(wrong.res.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/code is not valid/);
    expect(wrong.named(RECEIPT_COOKIE_NAME)).toBeUndefined(); // not cleared
    const right = await post(PASSCODE, { passcode: freshPasscode() }, cookie);
    expect(right.res.status).toBe(201);
    expect([...right.body.session.token.methods].sort()).toEqual(['password', 'totp']);
    expect(right.body.session.token.user.id).toBe(user.id);
    expect(right.named(COOKIE_NAME)).toMatch(/; HttpOnly/i);
    expect(right.named(RECEIPT_COOKIE_NAME)).toMatch(/Max-Age=0/i);
    // the receipt completes one sign-in only, and its refusal never shows it
    const again = await post(PASSCODE, { passcode: freshPasscode() }, cookie);
    expect(again.res.status).toBe(401);
    expect(again.body.error.message).toBe(PASSCODE_STEP_EXPIRED);
    expect(again.text).not.toContain(cookie.split('.').slice(1).join('.'));
  });

  it('a scope sent with the code scopes the session', async () => {
    const projectId = (await api.createProject()).id;
    await api.grant({ user: user.id }, { project: projectId }, 'member');
    const cookie = await passwordStep();
    const right = await post(PASSCODE, { passcode: freshPasscode(), scope: { project: { id: projectId } } }, cookie);
    expect(right.res.status).toBe(201);
    expect(right.body.session.token.project.id).toBe(projectId);
  });

  it('without the receipt cookie the step has expired; another user id in it is refused', async () => {
    const none = await post(PASSCODE, { passcode: freshPasscode() });
    expect(none.res.status).toBe(401);
    expect(none.body.error.message).toBe(PASSCODE_STEP_EXPIRED);
    const cookie = await passwordStep();
    const other = await api.createUser();
    const tampered = cookie.replace(`=${user.id}.`, `=${other.id}.`);
    const refused = await post(PASSCODE, { passcode: freshPasscode() }, tampered);
    // the other user has no TOTP credential, and the receipt is not theirs: refused either way, nothing shown
    expect(refused.res.status).toBe(401);
    expect(refused.named(COOKIE_NAME)).toBeUndefined();
    expect(refused.text).not.toContain(cookie.split('.').slice(1).join('.'));
  });

  it('a password-only user signs in as before, with no receipt cookie', async () => {
    const plain = await api.createUser();
    const res = await post(SESSION, { auth: passwordAuthBody({ id: plain.id }, plain.password) });
    expect(res.res.status).toBe(201);
    expect(res.named(RECEIPT_COOKIE_NAME)).toBeUndefined();
  });
});

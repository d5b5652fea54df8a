import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { TestClock, totpCode } from '@xloud/test-kit';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * Two-factor sign-in in the console (headless Chromium): the password step, then the verification code. Codes are
 * computed in the test from the seed on the server's clock, which the test moves to a fresh 30-second step before
 * each code (a code works once).
 */
describe('console two-factor sign-in (headless Chromium)', () => {
  const clock = TestClock.running();
  const suite = useConsoleSuite({}, clock);

  const freshCode = (secret = SECRET) => {
    clock.advance(30_000);
    return totpCode(secret, clock.now().getTime());
  };

  it('a user an administrator put under [password, totp] signs in with the password, then the code; a wrong code is refused', async () => {
    const project = await suite.admin.createProject('tf-admin-set');
    const user = await suite.admin.createUser('tf-admin-set', 'tf-password-1', { project });
    expect(
      (await suite.admin.call('POST', '/credentials', { credential: { type: 'totp', user_id: user.id, blob: SECRET } }))
        .status,
    ).toBe(201);
    expect(
      (
        await suite.admin.call('PATCH', `/users/${user.id}`, {
          user: { options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] } },
        })
      ).status,
    ).toBe(200);

    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'tf-admin-set', 'tf-password-1', { project: 'tf-admin-set' });
    const form = page.getByTestId('verification-code-form');
    await expect.poll(() => form.getByRole('heading', { name: 'Two-factor authentication' }).count()).toBe(1);
    // the receipt never reaches page JavaScript: only an HttpOnly cookie for the passcode step
    const cookies = await context.cookies();
    const receiptCookie = cookies.find((c) => c.name === 'xloud_console_receipt');
    expect(receiptCookie?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expectAccessible(page);
    await screenshot(page, 'sign-in-verification-code');

    await form.getByRole('textbox', { name: 'Verification code' }).fill('000000');
    await form.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/That code is not valid/);

    await form.getByRole('textbox', { name: 'Verification code' }).fill(freshCode());
    await form.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/overview');
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  async function signOut(page: Page) {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/dashboard/login');
  }

  /** Password, then (when asked) the code; ends on `path`. */
  async function signIn(
    page: Page,
    name: string,
    password: string,
    code: string | undefined,
    path: string,
    project?: string,
  ) {
    await signInWithPassword(page, name, password, { path: `/login?next=${encodeURIComponent(path)}`, project });
    if (code !== undefined) {
      const form = page.getByTestId('verification-code-form');
      await form.getByRole('textbox', { name: 'Verification code' }).fill(code);
      await form.getByRole('button', { name: 'Verify' }).click();
    }
    await page.waitForURL((url) => url.pathname === `/dashboard${path}`);
  }

  it('Security (2FA): enable from the QR secret, sign out, sign in with password + code, then a recovery code, then disable', async () => {
    const project = await suite.admin.createProject('tf-self');
    await suite.admin.createUser('tf-self', 'tf-self-password-1', { project });
    const { page, context, errors } = await suite.open();
    const tab = '/user-center/two-factor';
    await signIn(page, 'tf-self', 'tf-self-password-1', undefined, tab);
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toMatch(/Off/);

    await page.getByRole('button', { name: 'Enable two-factor authentication' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // the QR code is drawn in the page: an SVG of dark modules, no image fetched from anywhere
    expect(await page.getByTestId('mfa-qr').locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(await page.getByRole('link', { name: /authenticator app on this device/ }).getAttribute('href')).toContain(
      `secret=${secret}`,
    );
    await expectAccessible(page);
    await screenshot(page, 'user-center-two-factor-enrol');

    const verify = page.getByTestId('mfa-verify-form');
    await verify.getByRole('textbox').fill('000000');
    await verify.getByRole('button', { name: 'Verify and enable' }).click();
    await expect.poll(() => page.getByTestId('mfa-verify-error').textContent()).toMatch(/not valid/);
    await verify.getByRole('textbox').fill(freshCode(secret));
    await verify.getByRole('button', { name: 'Verify and enable' }).click();
    const list = page.getByTestId('mfa-recovery-codes');
    await expect.poll(() => list.locator('li').count()).toBe(10);
    const codes = (await list.locator('li').allTextContents()).map((c) => c.trim());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('xloud-recovery-codes.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(`${codes.join('\n')}\n`);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toMatch(/On.*10 recovery codes left/);

    // signed out, the password alone no longer signs in: the code does
    await signOut(page);
    await signIn(page, 'tf-self', 'tf-self-password-1', freshCode(secret), tab);
    await signOut(page);
    // a recovery code in the same field, once
    await signIn(page, 'tf-self', 'tf-self-password-1', codes[0], tab);
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toMatch(/9 recovery codes left/);
    await signOut(page);
    await signInWithPassword(page, 'tf-self', 'tf-self-password-1');
    const form = page.getByTestId('verification-code-form');
    await form.getByRole('textbox', { name: 'Verification code' }).fill(codes[0]!);
    await form.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/not valid/);
    await form.getByRole('textbox', { name: 'Verification code' }).fill(freshCode(secret));
    await form.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/overview');

    // disable with a current code; then the password alone signs in again
    await page.goto(`/dashboard${tab}`);
    const disable = page.getByTestId('mfa-disable-form');
    await disable.getByRole('textbox').fill(freshCode(secret));
    await disable.getByRole('button', { name: 'Disable two-factor authentication' }).click();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toMatch(/Off/);
    await signOut(page);
    await signIn(page, 'tf-self', 'tf-self-password-1', undefined, tab);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 180_000);

  it("an administrator's Reset two-factor on the user page turns it off", async () => {
    const project = await suite.admin.createProject('tf-reset');
    const user = await suite.admin.createUser('tf-reset', 'tf-reset-password-1', { project });
    // the user enrols through the API with their own token
    const tokenRes = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { id: user.id, password: 'tf-reset-password-1' } } },
        },
      }),
    });
    const token = tokenRes.headers.get('x-subject-token')!;
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${suite.server.baseUrl}/v3/users/${user.id}/OS-XLOUD/mfa${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const enrol = await call('/enrol', {});
    expect(enrol.status).toBe(201);
    const verified = await call('/verify', { mfa: { passcode: freshCode(enrol.body.mfa_enrolment.secret) } });
    expect(verified.status).toBe(200);

    const { page, context, errors } = await suite.open();
    await signIn(page, 'admin', suite.server.adminPassword, undefined, `/identity/users/${user.id}`, 'admin');
    const state = page.getByTestId('user-two-factor');
    await expect.poll(() => state.textContent()).toMatch(/On/);
    await state.getByRole('button', { name: 'Reset two-factor' }).click();
    await state.getByRole('button', { name: 'Reset two-factor' }).click();
    await expect.poll(() => state.textContent()).toMatch(/Off/);
    const status = await suite.admin.call<{ mfa: { enabled: boolean } }>('GET', `/users/${user.id}/OS-XLOUD/mfa`);
    expect(status.body.mfa.enabled).toBe(false);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);
});

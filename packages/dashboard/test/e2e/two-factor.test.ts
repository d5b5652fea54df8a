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
});

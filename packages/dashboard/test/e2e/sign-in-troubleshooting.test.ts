import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

/**
 * The seed's troubleshooting, as the sign-in page explains it: wrong password and disabled account in the same
 * words (no account enumeration), no role on the requested project, an expired password with a change step, and
 * the warning five minutes before the session ends.
 */
describe('console sign-in troubleshooting (headless Chromium)', () => {
  // An idle timeout under five minutes: the end-of-session warning shows as soon as the user signs in.
  const suite = useConsoleSuite({ dashboard: { idle_timeout: '240' } });
  let project: { id: string; name: string };

  beforeAll(async () => {
    project = await suite.admin.createProject('troubleshooting');
  }, 600_000);

  it('says the same about a disabled account as about a wrong password', async () => {
    const { page, context, errors } = await suite.open();
    const user = await suite.admin.createUser('dora-disabled', 'dora-password-1', { project, role: 'member' });
    await signInWithPassword(page, 'dora-disabled', 'wrong-password');
    const wrong = await page.getByTestId('sign-in-error').textContent();
    expect((await suite.admin.call('PATCH', `/users/${user.id}`, { user: { enabled: false } })).status).toBe(200);
    await signInWithPassword(page, 'dora-disabled', 'dora-password-1');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe(wrong);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('explains a project the user has no role on, and signs in without it', async () => {
    const { page, context, errors } = await suite.open();
    await suite.admin.createUser('nora-norole', 'nora-password-1');
    await signInWithPassword(page, 'nora-norole', 'nora-password-1', { project: project.name });
    const message = await page.getByTestId('sign-in-error').textContent();
    expect(message).toContain(`no role on the project "${project.name}"`);
    await screenshot(page, 'sign-in-no-role');
    await signInWithPassword(page, 'nora-norole', 'nora-password-1');
    await page.waitForURL(/\/dashboard\/overview/);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('lets a user whose password expired choose a new one and signs them in with it', async () => {
    const { page, context, errors } = await suite.open();
    const user = await suite.admin.createUser('evan-expired', 'evan-password-1', { project, role: 'member' });
    // As if [security_compliance] password_expires_days had run out.
    await suite.server.container.database.db
      .updateTable('identity_user')
      .set({ password_expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', user.id)
      .execute();
    await signInWithPassword(page, 'evan-expired', 'evan-password-1', { project: project.name });
    await page.getByRole('heading', { name: 'Your password has expired. Choose a new one to continue.' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sign-in-password-expired');
    await page.locator('#expired-new').fill('evan-password-2');
    await page.locator('#expired-confirm').fill('evan-password-3');
    await page.getByRole('button', { name: 'Change password and sign in' }).click();
    await page.getByText('The two new passwords are not the same.').waitFor();
    await page.locator('#expired-confirm').fill('evan-password-2');
    await page.getByRole('button', { name: 'Change password and sign in' }).click();
    await page.waitForURL(/\/dashboard\/overview/);
    await expect.poll(() => page.getByTestId('scope-switcher').textContent()).toContain(project.name);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('warns five minutes before the session ends, with the countdown in the header', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    const warning = page.getByTestId('session-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Your session ends in [34]:\d\d/);
    expect(await page.getByTestId('session-countdown').textContent()).toMatch(/Session ends in [34]:\d\d/);
    await expectAccessible(page);
    await screenshot(page, 'session-warning');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });
}, 300_000);

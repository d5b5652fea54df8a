import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshotAt, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

const PASSWORD = 'dave-password-1';

/** The Overview end to end: who I am, my scope and roles (implied ones marked when readable), my projects, switching. */
describe('console overview (headless Chromium)', () => {
  const suite = useConsoleSuite();
  let one: { id: string; name: string };
  let two: { id: string; name: string };

  beforeAll(async () => {
    one = await suite.admin.createProject('ov-one');
    two = await suite.admin.createProject('ov-two');
    const dave = await suite.admin.createUser('dave', PASSWORD, {
      project: one,
      role: 'member',
      email: 'dave@example.com',
    });
    const reader = await suite.admin.roleId('reader');
    for (const p of [one, two])
      expect((await suite.admin.call('PUT', `/projects/${p.id}/users/${dave.id}/roles/${reader}`)).status).toBe(204);
  }, 600_000);

  it('shows a member who they are, their roles here without asking for what policy refuses, a live countdown, and switches project', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'dave', PASSWORD, { project: 'ov-one' });
    await page.waitForURL(/\/dashboard\/overview/);
    const me = page.getByTestId('overview-me');
    await me.getByText('dave@example.com', { exact: true }).waitFor();
    expect(await me.getByText('dave', { exact: true }).count()).toBe(1);
    expect(await me.getByText('Default', { exact: true }).count()).toBe(1);

    const scope = page.getByTestId('overview-scope');
    await scope.getByText('Project ov-one', { exact: true }).waitFor();
    const roles = page.getByTestId('overview-scope-roles');
    for (const role of ['member', 'reader']) await roles.getByText(role, { exact: true }).waitFor();
    // A member may not list role assignments: the page says the roles come from the token, and asks nothing refused.
    await roles.getByText('as carried by your session token').waitFor();

    const countdown = page.getByTestId('overview-token-countdown');
    const first = await countdown.textContent();
    expect(first).toMatch(/^\d+:\d\d(:\d\d)? left$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);

    const rows = page.getByTestId('overview-project-row');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.filter({ hasText: 'ov-one' }).getByText('Current').waitFor();
    expect(await rows.filter({ hasText: 'ov-one' }).getByRole('button').count()).toBe(0);
    await expectAccessible(page);
    await screenshotAt(page, 'overview-member');

    await page.getByRole('button', { name: 'Switch to this project: ov-two', exact: true }).click();
    await scope.getByText('Project ov-two', { exact: true }).waitFor();
    await roles.getByText('reader', { exact: true }).waitFor();
    expect(await roles.getByText('member', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('scope-switcher').textContent()).toContain('ov-two');
    await rows.filter({ hasText: 'ov-two' }).getByText('Current').waitFor();
    await page.getByRole('button', { name: 'Switch to this project: ov-one', exact: true }).waitFor();
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();

    // A phone: everything fits the width.
    const phone = await suite.open({ width: 375 });
    await signInWithPassword(phone.page, 'dave', PASSWORD, { project: 'ov-one' });
    await phone.page.waitForURL(/\/dashboard\/overview/);
    await phone.page.getByTestId('overview-project-row').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page);
    await screenshotAt(phone.page, 'overview-member-375');
    expect(unexpectedErrors(phone.errors, [401])).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it('marks implied roles as implied, with the role that implies them, for a user who may read role assignments', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    const roles = page.getByTestId('overview-scope-roles');
    await roles.getByText('reader (implied by member)', { exact: true }).waitFor();
    await roles.getByText('member (implied by manager)', { exact: true }).waitFor();
    await roles.getByText('manager (implied by admin)', { exact: true }).waitFor();
    await roles.getByText('admin', { exact: true }).waitFor();
    expect(await roles.locator('[data-implied="true"]').count()).toBe(3);
    await roles.getByText('not assigned to you directly').waitFor();
    await expectAccessible(page);
    await screenshotAt(page, 'overview-admin-implied');
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 120_000);
});

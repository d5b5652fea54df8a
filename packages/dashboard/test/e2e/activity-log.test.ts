import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

/** Identity → Activity Log: the audit trail for system readers (GET /v3/OS-XLOUD/audit-events). */
describe('console Activity Log (headless Chromium)', () => {
  const suite = useConsoleSuite();
  let project: { id: string; name: string };
  let failing: { id: string };

  beforeAll(async () => {
    project = await suite.admin.createProject('activity-project');
    failing = await suite.admin.createUser('activity-failing', 'activity-password-1', { project, role: 'member' });
    const response = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { id: failing.id, password: 'not-the-password' } } },
        },
      }),
    });
    expect(response.status).toBe(401);
  }, 600_000);

  it('a system-scoped admin lists sign-ins and changes and filters them; a member has no such page', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, {
      project: 'admin',
      path: '/login?next=%2Foverview',
    });
    await page.waitForURL(/\/dashboard\/overview/);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    // Project-scoped, the admin is not a system reader: no Activity Log.
    expect(await nav.getByRole('link', { name: 'Activity Log', exact: true }).count()).toBe(0);

    await page.getByTestId('scope-switcher').click();
    await page.getByRole('option', { name: 'System (all)' }).click();
    await expect.poll(() => page.getByTestId('scope-switcher').textContent()).toContain('System');
    await nav.getByRole('link', { name: 'Activity Log', exact: true }).click();
    await page.getByTestId('activity-table').waitFor();
    expect(await page.getByTestId('activity-row').filter({ hasText: 'created.project' }).count()).toBeGreaterThan(0);

    await page.locator('#activity-user').fill(failing.id);
    await page.locator('#activity-outcome').selectOption('failure');
    await page.getByTestId('activity-apply').click();
    await expect.poll(() => page.getByTestId('activity-row').count()).toBe(1);
    const row = page.getByTestId('activity-row').first();
    expect(await row.textContent()).toContain('authenticate');
    expect(await row.textContent()).toContain('Failure');
    await expectAccessible(page);
    await screenshot(page, 'admin-activity-log');
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();

    const member = await suite.open();
    await signInWithPassword(member.page, 'activity-failing', 'activity-password-1', {
      project: project.name,
      path: '/login?next=%2Fidentity%2Factivity',
    });
    await member.page.getByText('identity:list_audit_events').first().waitFor();
    expect(
      await member.page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Activity Log', exact: true })
        .count(),
    ).toBe(0);
    await member.context.close();
  }, 180_000);
});

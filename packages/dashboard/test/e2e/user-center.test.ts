import { beforeAll, describe, expect, it } from 'vitest';
import { countDialogs, expectAccessible, screenshot, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

const RULES = 'At least 10 characters.';
/** A value people could type that is HTML, quotes, shell, right-to-left text and emoji all at once. */
const HOSTILE = `<img src=x onerror=alert(1)> "Chief" 'Ops' $HOME \`id\` مدير العمليات 🚀`;

/** The User Center end to end: profile, password change, sign-in activity, sign out everywhere, groups, a11y. */
describe('console User Center (headless Chromium)', () => {
  const suite = useConsoleSuite({
    security_compliance: { password_regex: '^.{10,}$', password_regex_description: RULES },
  });
  let project: { id: string; name: string };

  beforeAll(async () => {
    project = await suite.admin.createProject('uc-project');
  }, 600_000);

  /** A token of the user issued straight by the API (as the CLI would hold one). */
  async function apiSignIn(name: string, password: string): Promise<{ status: number; token: string }> {
    const response = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name, domain: { id: 'default' }, password } } },
        },
      }),
    });
    await response.text();
    return { status: response.status, token: response.headers.get('x-subject-token') ?? '' };
  }

  async function signedIn(name: string, password: string, path = '/user-center', width?: number) {
    const console = await suite.open({ width });
    const dialogs = countDialogs(console.page);
    await signInWithPassword(console.page, name, password, {
      project: project.name,
      path: `/login?next=${encodeURIComponent(path)}`,
    });
    await console.page.waitForURL((url) => url.pathname === `/dashboard${path}`);
    return { ...console, dialogs };
  }

  // Every console error fails a test, except the resource errors Chromium logs for refusals a test provokes on purpose.
  it('shows the overview card, edits the profile (refusing a bad phone before sending), and renders hostile values as text', async () => {
    const user = await suite.admin.createUser('uc-profile', 'profile-password-1', { project, email: 'uc@example.com' });
    const second = await suite.admin.createProject('uc-second');
    expect(
      (
        await suite.admin.call(
          'PUT',
          `/projects/${second.id}/users/${user.id}/roles/${await suite.admin.roleId('member')}`,
        )
      ).status,
    ).toBe(204);
    const { page, context, errors, dialogs } = await signedIn('uc-profile', 'profile-password-1');

    // Overview card.
    const card = page.getByTestId('user-center-overview-card');
    await card.waitFor();
    expect(await page.getByTestId('user-center-display-name').textContent()).toBe('uc-profile');
    expect(await page.getByTestId('user-center-email').textContent()).toBe('uc@example.com');
    expect(await page.getByTestId('user-center-avatar').textContent()).toBe('UP');
    await expect.poll(() => page.getByTestId('user-center-count-projects').textContent()).toBe('2');
    const roleTags = await card
      .getByRole('list', { name: 'Your roles in the current scope' })
      .getByRole('listitem')
      .allTextContents();
    expect(roleTags).toContain('member');
    expect(await page.getByTestId('user-center-count-roles').textContent()).toBe(String(roleTags.length));
    expect(await page.getByTestId('user-center-current-project').textContent()).toBe('uc-project');
    expect(await page.getByTestId('user-center-status').textContent()).toBe('Enabled');
    expect(await page.getByText(user.id).count()).toBeGreaterThan(0);
    expect(await page.title()).toContain('User Center');
    await expectAccessible(page);
    await screenshot(page, 'user-center-overview');

    // Profile Settings, reached from the overview's button.
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await page.waitForURL(/\/dashboard\/user-center\/profile$/);
    await page.getByLabel('Phone').waitFor();
    expect(await page.locator('#uc-profile-name').inputValue()).toBe('uc-profile');
    expect(await page.locator('#uc-profile-name').getAttribute('readonly')).not.toBeNull();

    const profileWrites: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/OS-XLOUD/users/') && request.method() === 'PATCH')
        profileWrites.push(request.postData() ?? '');
    });
    await page.getByLabel('Phone').fill('call me maybe');
    await page.getByLabel('Last name').fill('x'.repeat(65));
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByTestId('uc-profile-phone-error').waitFor();
    expect(await page.getByTestId('uc-profile-phone-error').textContent()).toContain('digits');
    expect(await page.getByTestId('uc-profile-last-name-error').textContent()).toContain('64');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('uc-profile-last-name');
    expect(profileWrites).toEqual([]);

    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Phone').fill('+1 (555) 010-0199');
    await page.getByLabel('Job title').fill(HOSTILE);
    await page.getByLabel('Department').fill('Research & <Development>');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => page.getByTestId('user-center-profile-notice').textContent())
      .toContain('Your profile was saved.');
    expect(profileWrites).toHaveLength(1);
    // Only what changed is sent.
    expect(JSON.parse(profileWrites[0])).toEqual({
      profile: {
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+1 (555) 010-0199',
        job_title: HOSTILE,
        department: 'Research & <Development>',
      },
    });
    await expectAccessible(page);
    await screenshot(page, 'user-center-profile');

    // The administrator sees the extra attributes on the user.
    const { body } = await suite.admin.call<{ user: Record<string, unknown> }>('GET', `/users/${user.id}`);
    expect(body.user).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+1 (555) 010-0199',
      job_title: HOSTILE,
      department: 'Research & <Development>',
      email: 'uc@example.com',
    });

    // A server refusal is shown in the server's words: the project was disabled after the page listed it.
    expect((await suite.admin.call('PATCH', `/projects/${second.id}`, { project: { enabled: false } })).status).toBe(
      200,
    );
    await page.getByLabel('Default project').selectOption(second.id);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => page.getByTestId('user-center-profile-notice').textContent())
      .toContain('cannot be your default project');
    await page.getByLabel('Default project').selectOption(project.id);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => page.getByTestId('user-center-profile-notice').textContent())
      .toContain('Your profile was saved.');
    expect(
      (await suite.admin.call<{ user: { default_project_id?: string } }>('GET', `/users/${user.id}`)).body.user
        .default_project_id,
    ).toBe(project.id);

    // Back on the overview: the real name is the display name, the hostile title is plain text.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.waitForURL(/\/dashboard\/user-center$/);
    expect(await page.getByTestId('user-center-display-name').textContent()).toBe('Ada Lovelace');
    expect(await page.getByTestId('user-center-avatar').textContent()).toBe('AL');
    expect(await page.getByTestId('user-center-job-title').textContent()).toBe(HOSTILE);
    expect(await page.getByTestId('user-center-phone').textContent()).toBe('+1 (555) 010-0199');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors, [400])).toEqual([]);
    await context.close();
  }, 120_000);

  it('changes the password: the old one and tokens issued with it stop working, the new one signs in', async () => {
    await suite.admin.createUser('uc-password', 'old-password-1', { project });
    const before = await apiSignIn('uc-password', 'old-password-1');
    expect(before.status).toBe(201);
    expect(await suite.admin.validate(before.token)).toBe(200);

    const { page, context, errors } = await signedIn('uc-password', 'old-password-1', '/user-center/security');
    await page.getByTestId('user-center-password-rules').waitFor();
    expect(await page.getByTestId('user-center-password-rules').textContent()).toContain(RULES);
    await expectAccessible(page);
    await screenshot(page, 'user-center-security');

    // Checked here first: the repeat must match.
    const current = page.locator('#uc-password-current');
    const fresh = page.locator('#uc-password-new');
    const repeat = page.locator('#uc-password-repeat');
    expect(await page.getByLabel('Current password').count()).toBe(1);
    await current.fill('old-password-1');
    await fresh.fill('new-password-22');
    await repeat.fill('new-password-2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords are not the same.').waitFor();

    // A wrong current password is refused without ending the session.
    await current.fill('not-my-password');
    await repeat.fill('new-password-22');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByTestId('user-center-password-error').textContent())
      .toContain('The current password is not correct.');
    expect(page.url()).toContain('/user-center/security');

    // The server's rules, in its own words.
    await current.fill('old-password-1');
    await fresh.fill('short');
    await repeat.fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByTestId('user-center-password-error').textContent()).toContain(RULES);

    await fresh.fill('new-password-22');
    await repeat.fill('new-password-22');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/dashboard\/login\?reason=password-changed/);
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('Your password was changed');
    await expectAccessible(page);

    expect(await suite.admin.validate(before.token)).toBe(404);
    expect((await apiSignIn('uc-password', 'old-password-1')).status).toBe(401);
    expect((await apiSignIn('uc-password', 'new-password-22')).status).toBe(201);

    // In the console too: the old password fails, the new one signs in and returns to the security tab.
    await page.locator('#username').fill('uc-password');
    await page.locator('#password').fill('old-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-error').first().waitFor();
    await page.locator('#password').fill('new-password-22');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard\/user-center\/security$/);
    await page.getByTestId('user-center-password-form').waitFor();
    expect(unexpectedErrors(errors, [400, 401])).toEqual([]);
    await context.close();
  }, 120_000);

  it('lists sign-in activity: the failed attempt and the successful password sign-in', async () => {
    await suite.admin.createUser('uc-activity', 'activity-password-1', { project });
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'uc-activity', 'wrong-password-1', { project: project.name });
    await page.getByTestId('sign-in-error').first().waitFor();
    await signInWithPassword(page, 'uc-activity', 'activity-password-1', { project: project.name });
    await page.waitForURL(/\/dashboard\/overview/);

    await page.goto('/dashboard/user-center/activity');
    const rows = page.getByTestId('user-center-sign-in');
    // Sign-ins are written off the response path: refresh until both are there.
    await expect
      .poll(async () => {
        if ((await rows.count()) < 2) await page.getByRole('button', { name: 'Refresh' }).click();
        return rows.count();
      })
      .toBeGreaterThanOrEqual(2);
    const newest = rows.nth(0);
    const failed = page.locator('[data-testid="user-center-sign-in"][data-success="false"]').first();
    expect(await newest.getAttribute('data-success')).toBe('true');
    expect(await newest.getByTestId('user-center-sign-in-method').textContent()).toBe('Password');
    expect(await newest.textContent()).toContain('Succeeded');
    expect(await newest.textContent()).toContain('127.0.0.1');
    expect(await newest.textContent()).toContain('Chrome');
    expect(await newest.locator('time').count()).toBe(1);
    expect(await failed.textContent()).toContain('Failed');
    expect(await failed.getByTestId('user-center-sign-in-method').textContent()).toBe('Password');
    await expectAccessible(page);
    await screenshot(page, 'user-center-activity');

    // When the server fails, the tab says so and offers a retry that works once the server is back.
    await page.route('**/dashboard/api/v3/OS-XLOUD/users/*/sign-ins*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 503, title: 'Service Unavailable', message: 'Down for a moment.' } }),
      }),
    );
    await page.reload();
    await page.getByText('The server had a problem (503)').waitFor();
    expect(await page.getByText('Down for a moment.').count()).toBe(1);
    await expectAccessible(page);
    await page.unroute('**/dashboard/api/v3/OS-XLOUD/users/*/sign-ins*');
    await page.getByRole('button', { name: 'Retry' }).click();
    await rows.first().waitFor();
    expect(unexpectedErrors(errors, [401, 503])).toEqual([]);
    await context.close();
  }, 120_000);

  it('signs out everywhere after a confirmation: an API token of the user is revoked and the browser is at sign-in', async () => {
    await suite.admin.createUser('uc-signout', 'signout-password-1', { project });
    const cli = await apiSignIn('uc-signout', 'signout-password-1');
    expect(await suite.admin.validate(cli.token)).toBe(200);
    const { page, context, errors } = await signedIn('uc-signout', 'signout-password-1', '/user-center/security');

    await page.getByTestId('user-center-sign-out-everywhere').click();
    const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.waitFor();
    await expectAccessible(page);
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await suite.admin.validate(cli.token)).toBe(200);

    await page.getByTestId('user-center-sign-out-everywhere').click();
    await page.getByTestId('user-center-sign-out-everywhere-confirm').click();
    await page.waitForURL(/\/dashboard\/login\?reason=signed-out-everywhere/);
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('signed out everywhere');
    expect(await suite.admin.validate(cli.token)).toBe(404);
    // The console session is over too (401, or "no session" in a 200, as the session endpoint answers it).
    const probe = await page.evaluate(async () => {
      const response = await fetch('/dashboard/api/session');
      const body = (await response.json().catch(() => ({}))) as { session?: unknown };
      return { status: response.status, session: body.session ?? null };
    });
    expect(probe.status === 401 || (probe.status === 200 && probe.session === null)).toBe(true);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 120_000);

  it('lists my groups (hostile names as text) and shows an empty state when there are none', async () => {
    const user = await suite.admin.createUser('uc-groups', 'groups-password-1', { project });
    await suite.admin.createUser('uc-nogroups', 'groups-password-1', { project });
    for (const name of ['uc-operators', HOSTILE]) {
      const { body } = await suite.admin.call<{ group: { id: string } }>('POST', '/groups', {
        group: { name, domain_id: 'default', description: `Members of ${name}` },
      });
      expect((await suite.admin.call('PUT', `/groups/${body.group.id}/users/${user.id}`)).status).toBe(204);
    }
    const { page, context, errors, dialogs } = await signedIn('uc-groups', 'groups-password-1', '/user-center/groups');
    const table = page.getByTestId('user-center-groups');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.getByText('uc-operators', { exact: true }).count()).toBe(1);
    expect(await table.getByText(HOSTILE, { exact: true }).count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'user-center-groups');
    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();

    const empty = await signedIn('uc-nogroups', 'groups-password-1', '/user-center/groups');
    await empty.page.getByText('You are not in any group').waitFor();
    await expectAccessible(empty.page);
    expect(unexpectedErrors(empty.errors)).toEqual([]);
    await empty.context.close();
  }, 120_000);

  it('works at 375 px and with the keyboard alone; an unknown tab address goes to the overview', async () => {
    await suite.admin.createUser('uc-small', 'small-password-1', { project });
    const { page, context, errors } = await signedIn('uc-small', 'small-password-1', '/user-center', 375);
    for (const tab of ['', '/profile', '/security', '/groups', '/activity']) {
      await page.goto(`/dashboard/user-center${tab}`);
      await page.getByRole('tabpanel').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `no sideways scroll on ${tab || '/'}`,
      ).toBe(true);
      await expectAccessible(page);
      if (tab === '') await screenshot(page, 'user-center-overview-375');
      if (tab === '/profile') await screenshot(page, 'user-center-profile-375');
    }

    await page.goto('/dashboard/user-center/no-such-tab');
    await page.waitForURL(/\/dashboard\/user-center$/);

    // Keyboard: from tab to tab, open Profile Settings, type a phone number and press Enter to save.
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Profile Settings');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard\/user-center\/profile$/);
    await page.getByLabel('Phone').waitFor();
    await page.getByLabel('Phone').focus();
    await page.keyboard.type('020 7946 0958');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('user-center-profile-notice').textContent())
      .toContain('Your profile was saved.');
    const me = await page.evaluate(
      async () =>
        ((await (await fetch('/dashboard/api/session')).json()) as { session: { token: { user: { id: string } } } })
          .session.token.user.id,
    );
    expect((await suite.admin.call<{ user: { phone?: string } }>('GET', `/users/${me}`)).body.user.phone).toBe(
      '020 7946 0958',
    );
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);
}, 900_000);

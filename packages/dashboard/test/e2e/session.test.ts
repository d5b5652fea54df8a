import { beforeAll, describe, expect, it } from 'vitest';
import { SessionSealer, systemClock } from '@xloud/identity/testing';
import { expectAccessible, screenshot, unexpectedErrors } from './browser.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

/** The console's session end to end: sign-in, scope switching, sign-out, CSRF, expiry, hostile names, a11y. */
describe('console session (headless Chromium)', () => {
  const suite = useConsoleSuite();
  let demo: { id: string; name: string };
  const xssName = '<img src=x onerror=alert(1)>';

  beforeAll(async () => {
    demo = await suite.admin.createProject('demo');
    const xss = await suite.admin.createProject(xssName);
    const { body } = await suite.admin.call<{ users: Array<{ id: string }> }>('GET', '/users?name=admin');
    const adminRole = await suite.admin.roleId('admin');
    for (const p of [demo, xss])
      await suite.admin.call('PUT', `/projects/${p.id}/users/${body.users[0].id}/roles/${adminRole}`);
  }, 600_000);

  /** The Keystone token inside the console's HttpOnly cookie, opened with the server's keys (as the server does). */
  async function tokenOf(context: import('playwright-core').BrowserContext): Promise<string> {
    const cookie = (await context.cookies()).find((c) => c.name === 'xloud_console');
    expect(cookie).toBeDefined();
    const session = new SessionSealer(suite.server.container.conf.fernet_tokens.key_repository, systemClock).open(
      cookie!.value,
    );
    expect(session).toBeDefined();
    return session!.token;
  }

  it('refuses a wrong password with the same words for an unknown user, then signs in to the overview', async () => {
    const { page, context, errors } = await suite.open();
    let dialogs = 0;
    page.on('dialog', () => {
      dialogs += 1;
    });
    await page.goto('/dashboard/');
    await page.waitForURL(/\/dashboard\/login/);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');

    await signInWithPassword(page, 'admin', 'not-the-password');
    const wrong = await page.getByTestId('sign-in-error').textContent();
    expect(wrong).toContain('not correct');
    await signInWithPassword(page, 'no-such-user', 'not-the-password');
    expect(await page.getByTestId('sign-in-error').textContent()).toBe(wrong);

    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    const clicked = Date.now();
    await page.waitForURL(/\/dashboard\/overview/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    console.log(`sign-in click to overview: ${Date.now() - clicked} ms`);

    // The token is in an HttpOnly, SameSite=Strict cookie: page scripts cannot read it.
    const cookie = (await context.cookies()).find((c) => c.name === 'xloud_console');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).not.toContain('xloud_console');
    const token = await tokenOf(context);
    expect(await page.content()).not.toContain(token);
    expect(await page.evaluate(async () => (await fetch('/dashboard/api/session')).text())).not.toContain(token);

    await expectAccessible(page);
    await screenshot(page, 'overview');
    expect(dialogs).toBe(0);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('switches project in the header, keeping the page, and shows hostile names as text', async () => {
    const { page, context, errors } = await suite.open();
    let dialogs = 0;
    page.on('dialog', () => {
      dialogs += 1;
    });
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    await page.goto('/dashboard/project/api-access');
    await page.getByTestId('scope-switcher').click();
    await page.getByRole('option', { name: 'demo' }).click();
    await expect.poll(() => page.getByTestId('scope-switcher').textContent()).toContain('demo');
    expect(page.url()).toContain('/dashboard/project/api-access');
    const session = await page.evaluate(
      async () =>
        (await (await fetch('/dashboard/api/session')).json()) as { session: { token: { project: { id: string } } } },
    );
    expect(session.session.token.project.id).toBe(demo.id);

    await page.getByTestId('scope-switcher').click();
    const option = page.getByRole('option', { name: xssName });
    await option.waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await option.click();
    await expect.poll(() => page.getByTestId('scope-switcher').textContent()).toContain(xssName);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });

  it('signs out by revoking the token: the old token fails validation and the cookie is gone', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    const token = await tokenOf(context);
    expect(await suite.admin.validate(token)).toBe(200);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/dashboard\/login/);
    expect(await suite.admin.validate(token)).toBe(404);
    expect((await context.cookies()).find((c) => c.name === 'xloud_console')).toBeUndefined();
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('refuses state-changing calls without the CSRF token or from another origin, and changes nothing', async () => {
    const { page, context } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    const userId = await page.evaluate(
      async () =>
        ((await (await fetch('/dashboard/api/session')).json()) as { session: { token: { user: { id: string } } } })
          .session.token.user.id,
    );
    const noCsrf = await page.evaluate(async (id) => {
      const r = await fetch(`/dashboard/api/v3/users/${id}/application_credentials`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ application_credential: { name: 'csrf-probe' } }),
      });
      return r.status;
    }, userId);
    expect(noCsrf).toBe(403);

    const cookie = (await context.cookies()).find((c) => c.name === 'xloud_console')!;
    const csrf = await page.evaluate(
      async () =>
        ((await (await fetch('/dashboard/api/session')).json()) as { session: { csrf_token: string } }).session
          .csrf_token,
    );
    const foreign = await fetch(`${suite.server.baseUrl}/dashboard/api/v3/users/${userId}/application_credentials`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: `xloud_console=${cookie.value}`,
        'X-CSRF-Token': csrf,
        Origin: 'https://evil.example',
      },
      body: JSON.stringify({ application_credential: { name: 'csrf-probe' } }),
    });
    expect(foreign.status).toBe(403);
    const { body } = await suite.admin.call<{ application_credentials: unknown[] }>(
      'GET',
      `/users/${userId}/application_credentials?name=csrf-probe`,
    );
    expect(body.application_credentials).toEqual([]);
    await context.close();
  });

  it('sends a user whose session ended back to sign-in, then back to the page they were on', async () => {
    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    await page.goto('/dashboard/project/api-access');
    await page.getByRole('heading', { level: 1, name: 'API Access' }).waitFor();
    // The token is revoked behind the console's back (as an administrator or an expiry would end it).
    const token = await tokenOf(context);
    const revoke = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': await suite.admin.authToken(), 'X-Subject-Token': token },
    });
    expect(revoke.status).toBe(204);
    await page.reload();
    await page.waitForURL(/\/dashboard\/login\?/);
    expect(decodeURIComponent(page.url())).toContain('next=/project/api-access');
    await page.getByRole('textbox', { name: 'User name', exact: true }).fill('admin');
    await page.locator('input[type="password"]').fill(suite.server.adminPassword);
    await page.getByRole('textbox', { name: 'Project (optional)', exact: true }).fill('admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard\/project\/api-access/);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('works at 375 px wide and in dark mode, without serious accessibility findings', async () => {
    const { page, context, errors } = await suite.open({ width: 375, colorScheme: 'dark' });
    await page.goto('/dashboard/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('pf-v6-theme-dark'))).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-375-dark');
    await signInWithPassword(page, 'admin', suite.server.adminPassword, { project: 'admin' });
    await page.waitForURL(/\/dashboard\/overview/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'overview-375-dark');
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  });

  it('is usable with the keyboard alone: sign in by typing and pressing Enter', async () => {
    const { page, context } = await suite.open();
    await page.goto('/dashboard/login');
    await page.getByRole('textbox', { name: 'User name', exact: true }).focus();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(suite.server.adminPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard\/overview/);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused.length).toBeGreaterThan(0);
    await context.close();
  });
}, 300_000);

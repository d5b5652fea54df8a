import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { countDialogs, expectAccessible, screenshot, unexpectedErrors as consoleErrors } from './browser.ts';
import { useConsoleSuite } from './suite.ts';

/** The 401 of the session check on the sign-in page (before signing in) is expected; nothing else is. */
const unexpectedErrors = (errors: string[], allowed: number[] = []) => consoleErrors(errors, [401, ...allowed]);

/** Signs in through the form (fields by id: required fields' labels end with an asterisk). */
async function signIn(
  page: Page,
  user: string,
  password: string,
  options: { project?: string; next?: string } = {},
): Promise<void> {
  await page.goto(`/dashboard/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  if (options.project) await page.locator('#project').fill(options.project);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const XSS = '<img src=x onerror=alert(1)>';
/** HTML, quotes, shell, a new line, right-to-left text and emoji in one name. */
const HOSTILE = `"Ops" 'team' $HOME \`id\`\nמנהל 🚀`;

/** The administration pages end to end, as an admin and as a plain member. */
describe('console administration (headless Chromium)', () => {
  const suite = useConsoleSuite();
  let memberHome: { id: string; name: string };

  beforeAll(async () => {
    memberHome = await suite.admin.createProject('member-home');
    await suite.admin.createUser('plain-member', 'member-password-1', { project: memberHome, role: 'member' });
  }, 600_000);

  /** A signed-in console on `path`, with every dialog (alert()) counted and console errors recorded. */
  async function signedIn(
    user: string,
    password: string,
    path: string,
    options: { project?: string; width?: number } = {},
  ) {
    const session = await suite.open({ width: options.width });
    const dialogs = countDialogs(session.page);
    await signIn(session.page, user, password, { project: options.project, next: path });
    await session.page.waitForURL((url) => url.pathname === `/dashboard${path}`);
    return { ...session, dialogs };
  }

  const asAdmin = (path: string, width?: number) =>
    signedIn('admin', suite.server.adminPassword, path, { project: 'admin', width });

  /** The page is accessible (axe: no serious or critical WCAG 2.1 A/AA finding) and is saved for the docs. */
  async function checkPage(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    await screenshot(page, `admin-${name}`);
  }

  /** Chooses an entry in a server-search picker: types, waits for the server's answer, picks the named one. */
  async function pick(dialog: Locator, pickerId: string, term: string, name: string): Promise<void> {
    await dialog.getByTestId(`${pickerId}-search`).fill(term);
    await dialog.getByTestId('picker-option').filter({ hasText: name }).first().click();
    await dialog.getByTestId(`${pickerId}-picked`).waitFor();
  }

  /** Opens a row's action menu and chooses one action. */
  async function rowAction(row: Locator, page: Page, testId: string): Promise<void> {
    await row.getByTestId('row-actions').click();
    await page.getByTestId(testId).click();
  }

  it('admin creates a project and a user, adds the user as member; the user then signs in and sees the project', async () => {
    const { page, context, errors, dialogs } = await asAdmin('/identity/projects');
    await page.getByTestId('projects-tree').waitFor();
    await checkPage(page, 'projects');

    // Create a project: the form refuses an empty name before asking the server.
    await page.getByTestId('create-project').click();
    const projectForm = page.getByTestId('project-form');
    await projectForm.getByTestId('form-submit').click();
    expect(await projectForm.getByText('This field is required.').count()).toBe(1);
    await projectForm.locator('#project-name').fill('console-project');
    await projectForm.locator('#project-description').fill('Made in the console');
    await projectForm.locator('#project-tags').fill('web, prod');
    await checkPage(page, 'project-create');
    await projectForm.getByTestId('form-submit').click();
    await projectForm.waitFor({ state: 'detached' });
    const projectRow = page.getByTestId('project-row').filter({ hasText: 'console-project' });
    await projectRow.waitFor();
    expect(await projectRow.textContent()).toContain('prod');

    // A duplicate name: the API's refusal is shown in the dialog, which stays open.
    await page.getByTestId('create-project').click();
    await projectForm.locator('#project-name').fill('console-project');
    await projectForm.getByTestId('form-submit').click();
    await projectForm.getByTestId('form-error').waitFor();
    expect((await projectForm.getByTestId('form-error').textContent())?.length).toBeGreaterThan(10);
    await projectForm.getByRole('button', { name: 'Cancel' }).click();

    // A sub-project, then the tree shows it under its parent when expanded (loaded only then).
    await rowAction(projectRow, page, 'create-child');
    await projectForm.locator('#project-name').fill('console-child');
    expect(await projectForm.getByTestId('project-parent-picked').textContent()).toContain('console-project');
    await projectForm.getByTestId('form-submit').click();
    await projectForm.waitFor({ state: 'detached' });
    await projectRow.getByRole('button', { name: 'Show the sub-projects of console-project' }).click();
    await page.getByTestId('project-row').filter({ hasText: 'console-child' }).waitFor();
    expect(
      await page.locator('[data-testid="project-row"][aria-level="2"]').filter({ hasText: 'console-child' }).count(),
    ).toBe(1);

    // Create a user (validation first: the passwords must match).
    await page.goto('/dashboard/identity/users');
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('create-user').click();
    const userForm = page.getByTestId('user-form');
    await userForm.locator('#user-name').fill('console-user');
    await userForm.locator('#user-email').fill('not-an-email');
    await userForm.locator('#user-password').fill('console-password-1');
    await userForm.locator('#user-password-confirm').fill('something else');
    await userForm.getByTestId('form-submit').click();
    await userForm.getByText('The two passwords are not the same.').waitFor();
    await userForm.getByText('Enter an email address such as name@example.com.').waitFor();
    await userForm.locator('#user-email').fill('console-user@example.com');
    await userForm.locator('#user-password-confirm').fill('console-password-1');
    await checkPage(page, 'user-create');
    await userForm.getByTestId('form-submit').click();
    await userForm.waitFor({ state: 'detached' });
    await page.getByTestId('user-row').filter({ hasText: 'console-user' }).waitFor();
    await checkPage(page, 'users');

    // The project's Members tab: add the user with the member role (searched on the server by name).
    await page.goto('/dashboard/identity/projects');
    await projectRow.getByTestId('project-link').click();
    await page.getByRole('heading', { level: 1, name: 'console-project' }).waitFor();
    await page.getByTestId('project-members').or(page.getByText('Nobody has a role on this project')).first().waitFor();
    await page.getByTestId('add-member').click();
    const memberForm = page.getByTestId('add-member-form');
    await pick(memberForm, 'member-actor', 'console-user', 'console-user');
    expect(await memberForm.locator('#member-role option:checked').textContent()).toBe('member');
    await checkPage(page, 'project-add-member');
    await memberForm.getByTestId('form-submit').click();
    await memberForm.waitFor({ state: 'detached' });
    const memberRow = page.getByTestId('member-row').filter({ hasText: 'console-user' });
    await memberRow.waitFor();
    expect(await memberRow.textContent()).toContain('member');
    await checkPage(page, 'project-members');
    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors, [409])).toEqual([]);
    await context.close();

    // The new user signs in (own browser context) and can switch to the project.
    const user = await signedIn('console-user', 'console-password-1', '/overview');
    await user.page.getByTestId('scope-switcher').click();
    await user.page.getByRole('option', { name: 'console-project' }).waitFor();
    expect(unexpectedErrors(user.errors)).toEqual([]);
    await user.context.close();
  }, 180_000);

  it('a plain member sees no administration entries, and a direct URL shows the 403 page naming the action and the roles', async () => {
    const { page, context, errors } = await signedIn('plain-member', 'member-password-1', '/overview', {
      project: memberHome.name,
    });
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.getByRole('link', { name: 'Overview' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const entry of ['Users', 'Projects', 'Groups', 'Roles', 'Role Assignments', 'Domains']) {
      expect(await nav.getByRole('link', { name: entry, exact: true }).count()).toBe(0);
    }
    expect(await nav.getByText('Administration').count()).toBe(0);

    await page.goto('/dashboard/identity/users');
    const forbidden = page.getByTestId('forbidden-page');
    await forbidden.waitFor();
    await expect.poll(() => forbidden.textContent()).toContain('It is allowed with');
    const text = (await forbidden.textContent()) ?? '';
    expect(text).toContain('identity:list_users');
    expect(text).toContain('admin');
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await checkPage(page, 'forbidden');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);

  it('renders hostile project names as text (no element, no dialog, no console error)', async () => {
    await suite.admin.createProject(XSS, { description: XSS, tags: ['<b>tag'] });
    await suite.admin.createProject(HOSTILE, { description: HOSTILE });
    const { page, context, errors, dialogs } = await asAdmin('/identity/projects');
    const row = page.getByTestId('project-row').filter({ hasText: XSS });
    await row.first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: 'tag' }).count()).toBe(0);
    expect(await row.first().getByTestId('project-link').textContent()).toBe(XSS);
    const hostile = page.getByTestId('project-row').filter({ hasText: 'מנהל 🚀' });
    await hostile.waitFor();
    expect(await hostile.textContent()).toContain('$HOME `id`');
    // The detail page too (title, breadcrumb, description).
    await row.first().getByTestId('project-link').click();
    await page.getByRole('heading', { level: 1, name: XSS }).waitFor();
    await page.getByTestId('tab-details').click();
    await page.getByTestId('project-details').waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await checkPage(page, 'project-detail');
    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);

  it('pages through 60+ users with a small page size (limit/marker), and finds one by name on the server', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `page-user-${String(i).padStart(2, '0')}`);
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((name) => suite.admin.createUser(name, 'page-password-1')));
    }
    const { page, context, errors } = await asAdmin('/identity/users');
    const rows = page.getByTestId('user-row');
    await rows.first().waitFor();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/dashboard/api/v3/users?')) requests.push(request.url());
    });
    await page.getByLabel('Per page').selectOption('10');
    await expect.poll(() => rows.count()).toBe(10);

    const seen = new Set<string>();
    let pageNumber = 1;
    for (;;) {
      await expect.poll(() => page.getByTestId('pager-page').textContent()).toBe(`Page ${pageNumber}`);
      for (const name of await rows.locator('td[data-label="Name"]').allTextContents()) {
        expect(seen.has(name)).toBe(false);
        seen.add(name);
      }
      expect(await rows.count()).toBeLessThanOrEqual(10);
      if (await page.getByTestId('pager-next').isDisabled()) break;
      const before = await rows.first().textContent();
      await page.getByTestId('pager-next').click();
      pageNumber += 1;
      await expect.poll(() => rows.first().textContent()).not.toBe(before);
    }
    for (const name of names) expect(seen.has(name)).toBe(true);
    expect(pageNumber).toBeGreaterThanOrEqual(7);
    // Only one page at a time was asked for, each with limit=10 and the previous page's marker.
    expect(requests.length).toBeGreaterThanOrEqual(pageNumber - 1);
    for (const url of requests) expect(new URL(url).searchParams.get('limit')).toBe('10');
    expect(requests.filter((url) => new URL(url).searchParams.has('marker')).length).toBeGreaterThanOrEqual(
      pageNumber - 1,
    );

    // Previous goes back a page (the marker stack).
    const last = await rows.first().textContent();
    await page.getByTestId('pager-previous').click();
    await expect.poll(() => page.getByTestId('pager-page').textContent()).toBe(`Page ${pageNumber - 1}`);
    await expect.poll(() => rows.first().textContent()).not.toBe(last);

    // Search on the server, with the keyboard: type part of the name in another case and press Enter.
    requests.length = 0;
    await page.getByTestId('search-input').fill('USER-42');
    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('page-user-42');
    expect(requests.some((url) => /name__icontains=USER-42/.test(url))).toBe(true);
    await expect.poll(() => page.getByTestId('pager-next').isDisabled()).toBe(true);
    await checkPage(page, 'users-search');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 180_000);

  it('groups, roles (implied roles), role assignments (effective, from-group labels), domains and a user page work and pass axe', async () => {
    await suite.admin.createUser('assign-user', 'assign-password-1');
    await suite.admin.createProject('assign-project');
    const { page, context, errors, dialogs } = await asAdmin('/identity/groups');
    await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    // A group, with console-user as member and a role on the project for the group.
    await page.getByTestId('create-group').click();
    const groupForm = page.getByTestId('group-form');
    await groupForm.locator('#group-name').fill('console-group');
    await groupForm.getByTestId('form-submit').click();
    await groupForm.waitFor({ state: 'detached' });
    const groupRow = page.getByTestId('group-row').filter({ hasText: 'console-group' });
    await groupRow.waitFor();
    await checkPage(page, 'groups');
    await groupRow.getByRole('link', { name: 'console-group' }).click();
    await page.getByRole('heading', { level: 1, name: 'console-group' }).waitFor();
    await page.getByTestId('add-member').click();
    const memberForm = page.getByTestId('add-member-form');
    await pick(memberForm, 'member-user', 'assign-user', 'assign-user');
    await memberForm.getByTestId('form-submit').click();
    await page.getByTestId('member-row').filter({ hasText: 'assign-user' }).waitFor();
    await checkPage(page, 'group-members');

    // Roles: create one, make it imply "reader".
    await page.goto('/dashboard/identity/roles');
    await page.getByTestId('roles-table').waitFor();
    await page.getByTestId('create-role').click();
    const roleForm = page.getByTestId('role-form');
    await roleForm.locator('#role-name').fill('console-auditor');
    await roleForm.getByTestId('form-submit').click();
    await roleForm.waitFor({ state: 'detached' });
    const roleRow = page.getByTestId('role-row').filter({ hasText: 'console-auditor' });
    await roleRow.waitFor();
    await rowAction(roleRow, page, 'implies');
    const implies = page.getByTestId('implies-form');
    await implies.locator('#implied-role').selectOption({ label: 'reader' });
    await implies.getByTestId('form-submit').click();
    await implies.getByTestId('implied-roles').getByText('reader').waitFor();
    await checkPage(page, 'role-implies');
    await implies.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect.poll(() => roleRow.textContent()).toContain('reader');
    await checkPage(page, 'roles');

    // Role assignments: grant console-auditor to the group on assign-project, then the effective view of
    // assign-user shows it "From group".
    await page.goto('/dashboard/identity/role-assignments');
    await page.getByRole('heading', { level: 1, name: 'Role assignments' }).waitFor();
    await page.getByTestId('grant-role').click();
    const grant = page.getByTestId('grant-form');
    await grant.locator('#grant-actor-group').check();
    await pick(grant, 'grant-actor', 'console-group', 'console-group');
    await grant.locator('#grant-role').selectOption({ label: 'console-auditor' });
    await pick(grant, 'grant-target', 'assign-project', 'assign-project');
    await grant.getByTestId('form-submit').click();
    await grant.waitFor({ state: 'detached' });
    await pick(page.locator('form.xloud-adm-filters'), 'filter-user', 'assign-user', 'assign-user');
    // Switches and the submit by keyboard.
    await page.locator('#filter-effective').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#filter-effective').isChecked()).toBe(true);
    await page.getByTestId('apply-filters').click();
    const rows = page.getByTestId('assignment-row');
    await rows.first().waitFor();
    const fromGroup = rows.filter({ has: page.getByTestId('label-from-group') });
    await expect.poll(() => fromGroup.count()).toBeGreaterThanOrEqual(2);
    expect(await fromGroup.filter({ hasText: 'console-auditor' }).count()).toBe(1);
    expect(await fromGroup.filter({ hasText: 'reader' }).count()).toBeGreaterThanOrEqual(1);
    await checkPage(page, 'role-assignments');

    // The user's page: details, groups and assignments.
    await page.goto('/dashboard/identity/users?q=assign-user');
    await page.getByTestId('user-row').first().getByRole('link', { name: 'assign-user' }).click();
    await page.getByTestId('user-details').waitFor();
    await page.getByTestId('tab-groups').click();
    await page.getByTestId('user-groups').getByText('console-group').waitFor();
    await checkPage(page, 'user-detail');

    // Domains: create, then delete asks to disable first, and deletes after.
    await page.goto('/dashboard/identity/domains');
    await page.getByTestId('domains-table').waitFor();
    await page.getByTestId('create-domain').click();
    const domainForm = page.getByTestId('domain-form');
    await domainForm.locator('#domain-name').fill('console-domain');
    await domainForm.getByTestId('form-submit').click();
    await domainForm.waitFor({ state: 'detached' });
    const domainRow = page.getByTestId('domain-row').filter({ hasText: 'console-domain' });
    await domainRow.waitFor();
    await checkPage(page, 'domains');
    await rowAction(domainRow, page, 'delete');
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByText('A domain must be disabled before it can be deleted.').waitFor();
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete' }).click();
    await domainRow.waitFor({ state: 'detached' });
    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 180_000);

  it('a domain admin manages their own domain: sidebar entries, users and projects of that domain only', async () => {
    const created = await suite.admin.call<{ domain: { id: string } }>('POST', '/domains', {
      domain: { name: 'acme' },
    });
    expect(created.status).toBe(201);
    const acme = created.body.domain.id;
    const newUser = async (name: string) => {
      const r = await suite.admin.call<{ user: { id: string } }>('POST', '/users', {
        user: { name, password: 'acme-password-1', domain_id: acme },
      });
      expect(r.status).toBe(201);
      return r.body.user.id;
    };
    const acmeAdmin = await newUser('acme-admin');
    await newUser('acme-alice');
    expect(
      (await suite.admin.call('POST', '/projects', { project: { name: 'acme-project', domain_id: acme } })).status,
    ).toBe(201);
    expect(
      (await suite.admin.call('PUT', `/domains/${acme}/users/${acmeAdmin}/roles/${await suite.admin.roleId('admin')}`))
        .status,
    ).toBe(204);

    const session = await suite.open();
    const { page, context, errors } = session;
    await page.goto('/dashboard/login');
    await page.locator('#username').fill('acme-admin');
    await page.locator('#password').fill('acme-password-1');
    await page.locator('#domain').fill('acme');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard\/overview/);
    await page.getByTestId('scope-switcher').click();
    await page.getByRole('option', { name: 'acme' }).click();
    await expect.poll(() => page.getByTestId('scope-switcher').textContent()).toContain('acme');

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Users', exact: true }).click();
    const rows = page.getByTestId('user-row');
    await rows.filter({ hasText: 'acme-alice' }).waitFor();
    const names = await rows.locator('td[data-label="Name"]').allTextContents();
    expect(names.sort()).toEqual(['acme-admin', 'acme-alice']);
    await page.getByTestId('create-user').waitFor();
    await checkPage(page, 'domain-admin-users');

    await nav.getByRole('link', { name: 'Projects', exact: true }).click();
    await page.getByTestId('project-row').filter({ hasText: 'acme-project' }).waitFor();
    expect(await page.getByTestId('project-row').count()).toBe(1);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);

  it('works at 375 px: the projects tree and the users list', async () => {
    const { page, context, errors } = await asAdmin('/identity/projects', 375);
    await page.getByTestId('projects-tree').waitFor();
    await checkPage(page, 'projects-375');
    await page.goto('/dashboard/identity/users');
    await page.getByTestId('users-table').waitFor();
    await checkPage(page, 'users-375');
    // No horizontal scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);
});

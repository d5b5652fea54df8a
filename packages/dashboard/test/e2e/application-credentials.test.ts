import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countDialogs, expectAccessible, screenshotAt, unexpectedErrors } from './browser.ts';
import { cleanEnv, run, saveDownload, scratchDir, tokenOf, tokenRoles, XLOUD_BIN } from './cli-steps.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

const PAGE = '/project/identity/application-credentials';
const PASSWORD = 'alice-password-1';

/** yyyy-mm-dd of a UTC day `days` from now. */
function utcDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Project → Identity → Application Credentials end to end: the created credential's downloads are used unedited by
 * the real `openstack` CLI and by `xloud`, and stop working once the credential is deleted in the console.
 */
describe('console application credentials (headless Chromium, openstack and xloud CLIs)', () => {
  const suite = useConsoleSuite();
  let project: { id: string; name: string };
  let alice: { id: string };

  beforeAll(async () => {
    project = await suite.admin.createProject('ac-demo');
    alice = await suite.admin.createUser('alice', PASSWORD, { project, role: 'member' });
    const reader = await suite.admin.roleId('reader');
    const grant = await suite.admin.call('PUT', `/projects/${project.id}/users/${alice.id}/roles/${reader}`);
    expect(grant.status).toBe(204);
  }, 600_000);

  /** A project-scoped token straight from the API (as a script would hold one). */
  async function userToken(name = 'alice'): Promise<string> {
    const response = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name, domain: { id: 'default' }, password: PASSWORD } },
          },
          scope: { project: { id: project.id } },
        },
      }),
    });
    expect(response.status).toBe(201);
    return response.headers.get('x-subject-token')!;
  }

  async function createViaApi(token: string, name: string, userId = alice.id): Promise<{ id: string; secret: string }> {
    const response = await fetch(`${suite.server.baseUrl}/v3/users/${userId}/application_credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
      body: JSON.stringify({ application_credential: { name } }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { application_credential: { id: string; secret: string } })
      .application_credential;
  }

  async function openAs(user: string, width?: number) {
    const session = await suite.open({ width });
    const dialogs = countDialogs(session.page);
    await signInWithPassword(session.page, user, PASSWORD, {
      project: project.name,
      path: `/login?next=${encodeURIComponent(PAGE)}`,
    });
    await session.page.waitForURL((url) => url.pathname === `/dashboard${PAGE}`);
    await session.page.getByRole('heading', { level: 1, name: 'Application Credentials' }).waitFor();
    return { ...session, dialogs };
  }

  const activeTestId = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

  it('creates a reader-only expiring credential whose one-time downloads work in openstack and xloud, then deletes it (401 after)', async () => {
    const { page, context, errors, dialogs } = await openAs('alice');
    await page.getByText('No application credentials yet').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Create Application Credential', exact: true }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: 'Name', exact: true }).waitFor();
    expect(await activeTestId(page)).toBe('app-cred-name');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('ci-deploy');
    await form.getByLabel('Description').fill('Deploys from CI');
    // Both of Alice's roles are offered and ticked; keep only reader.
    await expect.poll(() => form.getByLabel('member', { exact: true }).isChecked()).toBe(true);
    await form.getByLabel('member', { exact: true }).uncheck();
    expect(await form.getByLabel('reader', { exact: true }).isChecked()).toBe(true);
    const day = utcDay(3);
    await form.getByLabel('Expiry date (UTC)').fill(day);
    await form.getByLabel('Expiry time (UTC)').fill('12:30');
    await expectAccessible(page);
    await screenshotAt(page, 'application-credentials-create');
    await form.getByTestId('create-app-cred-submit').click();

    const panel = page.getByTestId('created-app-cred');
    await panel.getByText('Copy the secret now: it cannot be shown again').waitFor();
    const id = await panel.getByTestId('created-app-cred-id').locator('input').inputValue();
    const secret = await panel.getByTestId('created-app-cred-secret').locator('input').inputValue();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await expectAccessible(page);
    await screenshotAt(page, 'application-credentials-secret');

    const dir = scratchDir('appcred');
    const [cloudsDownload] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download clouds.yaml', exact: true }).click(),
    ]);
    const clouds = await saveDownload(cloudsDownload, dir);
    expect(clouds.name).toBe('ci-deploy-clouds.yaml');
    const [openrcDownload] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download OpenRC', exact: true }).click(),
    ]);
    const openrc = await saveDownload(openrcDownload, dir);
    expect(openrc.name).toBe('ci-deploy-openrc.sh');
    const yaml = readFileSync(clouds.path, 'utf8');
    expect(yaml).toContain('v3applicationcredential');
    expect(yaml).toContain(id);
    expect(yaml).toContain(secret);
    expect(yaml).toContain(`${suite.server.baseUrl}/v3`);

    await panel.getByRole('button', { name: 'I have saved the secret' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => activeTestId(page)).toBe('create-app-cred');
    const row = page.getByTestId('app-cred-row');
    await row.getByText('ci-deploy', { exact: true }).waitFor();
    expect(await row.getByText('reader', { exact: true }).count()).toBe(1);
    expect(await row.getByText('member', { exact: true }).count()).toBe(0);
    expect(await row.locator(`time[datetime="${day}T12:30:00.000Z"]`).count()).toBe(1);
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page.getByTestId('app-cred-row').getByText('ci-deploy', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page);
    await screenshotAt(page, 'application-credentials');

    // The downloads, unedited, in the real openstack CLI and in xloud: a token for the project with exactly reader.
    const env = cleanEnv(dir, { OS_CLIENT_CONFIG_FILE: clouds.path });
    const viaOpenstack = tokenOf(
      await run('openstack', ['--os-cloud', 'ci-deploy', 'token', 'issue', '-f', 'json'], { env, cwd: dir }),
      'openstack with clouds.yaml',
    );
    expect(viaOpenstack.project_id).toBe(project.id);
    expect(await tokenRoles(suite.admin, viaOpenstack.id)).toEqual(['reader']);
    const viaXloud = tokenOf(
      await run(process.execPath, [XLOUD_BIN, '--os-cloud', 'ci-deploy', 'token', 'issue', '-f', 'json'], {
        env,
        cwd: dir,
      }),
      'xloud with clouds.yaml',
    );
    expect(viaXloud.project_id).toBe(project.id);
    expect(await tokenRoles(suite.admin, viaXloud.id)).toEqual(['reader']);
    // The one-time panel's OpenRC holds the secret, so sourcing it asks nothing.
    const sourced = tokenOf(
      await run('bash', ['-c', 'source "$1" && openstack token issue -f json', 'bash', openrc.path], {
        env: cleanEnv(dir),
        cwd: dir,
      }),
      'openstack after sourcing the OpenRC',
    );
    expect(sourced.project_id).toBe(project.id);
    expect(await tokenRoles(suite.admin, sourced.id)).toEqual(['reader']);

    // Delete in the console: the same clouds.yaml is refused from then on.
    await page.getByRole('button', { name: 'Delete application credential ci-deploy' }).click();
    const confirm = page.getByTestId('delete-app-cred');
    await confirm.getByText('will no longer be able to sign in').waitFor();
    await expectAccessible(page);
    await confirm.getByTestId('delete-app-cred-confirm').click();
    await page.getByText('Application credential "ci-deploy" deleted.').waitFor();
    await page.getByText('No application credentials yet').waitFor();
    const refused = await run('openstack', ['--os-cloud', 'ci-deploy', 'token', 'issue', '-f', 'json'], {
      env,
      cwd: dir,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/401|authenticat/i);

    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 180_000);

  it('checks every field before sending, shows the server refusal in its own words, and keeps hostile names inert', async () => {
    const { page, context, errors, dialogs } = await openAs('alice');
    const marker = `/tmp/pwned-ac-${Math.random().toString(36).slice(2, 10)}`;
    const hostile = `ci "ops" 'x' $(touch ${marker}) \`touch ${marker}\` <b>bold</b> مرحبا 🎉`;

    // Keyboard: the create button opens the form with the focus in Name; Escape closes it and returns the focus.
    await page.getByTestId('create-app-cred').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeTestId(page)).toBe('app-cred-name');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => activeTestId(page)).toBe('create-app-cred');

    // A name taken on the server after the page loaded: only the server can tell.
    await createViaApi(await userToken(), 'taken-on-server');

    await page.getByTestId('create-app-cred').click();
    const form = page.getByRole('dialog');
    const submit = form.getByTestId('create-app-cred-submit');
    await submit.click();
    await form.getByText('This field is required.').waitFor();
    await expect.poll(() => activeTestId(page)).toBe('app-cred-name');

    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('taken-on-server');
    await form.getByLabel('Expiry date (UTC)').fill(utcDay(-1));
    await form.getByLabel('member', { exact: true }).uncheck();
    await form.getByLabel('reader', { exact: true }).uncheck();
    await form.getByRole('button', { name: 'Add access rule' }).click();
    await expect.poll(() => activeTestId(page)).toBe('rule-service-0');
    await form.getByLabel('Path of rule 1').fill('v2.1/servers');
    await submit.click();
    await form.getByText('The expiry must be in the future.').waitFor();
    await form.getByText('Choose at least one role.').waitFor();
    await form.getByText('Give a service type such as compute').waitFor();
    await form.getByText('The path must start with /').waitFor();
    await expectAccessible(page);
    await screenshotAt(page, 'application-credentials-validation');

    await form.getByLabel('Expiry date (UTC)').fill('');
    await form.getByLabel('reader', { exact: true }).check();
    await form.getByLabel('Service type of rule 1').fill('compute');
    await form.getByLabel('Method of rule 1').selectOption('GET');
    await form.getByLabel('Path of rule 1').fill('/v2.1/servers');
    await form.getByRole('button', { name: 'Add access rule' }).click();
    await form.getByLabel('Service type of rule 2').fill('compute');
    await form.getByLabel('Path of rule 2').fill('/v2.1/servers');
    await submit.click();
    await form.getByText('This rule is the same as rule 1.').waitFor();
    await form.getByRole('button', { name: 'Remove access rule 2' }).click();
    await expect.poll(() => activeTestId(page)).toBe('add-access-rule');

    // The dangerous switch says why in plain words.
    const dangerous = form.getByRole('switch', { name: 'Unrestricted (dangerous)' });
    await dangerous.focus();
    await page.keyboard.press('Space');
    expect(await dangerous.isChecked()).toBe(true);
    await form.getByText('An unrestricted credential can make more credentials').waitFor();
    await page.keyboard.press('Space');
    expect(await dangerous.isChecked()).toBe(false);

    await submit.click();
    await form
      .getByTestId('create-app-cred-error')
      .getByText('Duplicate entry found with name taken-on-server')
      .waitFor();

    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(hostile);
    await submit.click();
    const panel = page.getByTestId('created-app-cred');
    await panel.getByText('Copy the secret now').waitFor();
    expect(await panel.locator('b', { hasText: 'bold' }).count()).toBe(0);
    expect(await panel.getByRole('heading').first().textContent()).toContain(hostile);
    const id = await panel.getByTestId('created-app-cred-id').locator('input').inputValue();
    const dir = scratchDir('hostile');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download OpenRC', exact: true }).click(),
    ]);
    const openrc = await saveDownload(download, dir);
    expect(openrc.name).toMatch(/^[A-Za-z0-9._-]+-openrc\.sh$/);
    const sourced = await run(
      'bash',
      ['-c', 'source "$1" && printf "%s" "$OS_APPLICATION_CREDENTIAL_ID"', 'bash', openrc.path],
      { env: cleanEnv(dir), cwd: dir },
    );
    expect(sourced.status).toBe(0);
    expect(sourced.stdout).toBe(id);
    expect(existsSync(marker)).toBe(false);
    await panel.getByRole('button', { name: 'I have saved the secret' }).click();

    const row = page.getByTestId('app-cred-row').filter({ hasText: 'مرحبا' });
    await row.getByText(hostile, { exact: true }).waitFor();
    expect(await row.getByText('1 rule').count()).toBe(1);
    expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
    await expectAccessible(page);

    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors, [401, 409])).toEqual([]);
    await context.close();
  }, 180_000);

  it('pages long lists and is read-only in a restricted application-credential session; fits a 375 px screen', async () => {
    // A user of its own, so the count does not depend on the other tests.
    const carol = await suite.admin.createUser('carol', PASSWORD, { project, role: 'member' });
    const token = await userToken('carol');
    const made = [];
    for (let i = 0; i < 25; i += 1)
      made.push(await createViaApi(token, `bulk-${String(i).padStart(2, '0')}`, carol.id));

    const { page, context, errors } = await suite.open();
    await page.goto('/dashboard/login');
    await page.getByRole('tab', { name: 'Application credential' }).click();
    await page.getByLabel('Application credential ID').fill(made[0].id);
    await page.getByLabel('Secret').fill(made[0].secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard\/overview/);
    await page.goto(`/dashboard${PAGE}`);
    await page.getByTestId('app-creds-read-only').getByText('bulk-00').waitFor();
    expect(await page.getByTestId('create-app-cred').count()).toBe(0);
    await expect.poll(() => page.getByTestId('app-cred-row').count()).toBe(20);
    expect(await page.getByRole('button', { name: /^Delete application credential/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshotAt(page, 'application-credentials-read-only');

    await page.getByRole('button', { name: 'Go to the next page' }).first().click();
    await expect.poll(() => page.getByTestId('app-cred-row').count()).toBe(5);
    await page.locator('#app-creds-pagination-top-top-toggle').click();
    await page.getByRole('menuitem', { name: '50 per page' }).click();
    await expect.poll(() => page.getByTestId('app-cred-row').count()).toBe(25);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();

    // A phone: the page and the create form fit the width, nothing scrolls sideways.
    const phone = await openAs('carol', 375);
    await phone.page.getByTestId('app-cred-row').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page);
    await screenshotAt(phone.page, 'application-credentials-375');
    await phone.page.getByTestId('create-app-cred').click();
    await phone.page.getByRole('dialog').getByRole('button', { name: 'Add access rule' }).click();
    await expectAccessible(phone.page);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshotAt(phone.page, 'application-credentials-create-375');
    expect(phone.dialogs()).toBe(0);
    expect(unexpectedErrors(phone.errors, [401])).toEqual([]);
    await phone.context.close();
  }, 180_000);
});

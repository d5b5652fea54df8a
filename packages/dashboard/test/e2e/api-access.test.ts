import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countDialogs, expectAccessible, screenshotAt, unexpectedErrors } from './browser.ts';
import { cleanEnv, run, saveDownload, scratchDir, tokenOf, XLOUD_BIN } from './cli-steps.ts';
import { signInWithPassword } from './sign-in-steps.ts';
import { useConsoleSuite } from './suite.ts';

const PASSWORD = 'bob-password-1';
const PAGE = '/project/api-access';

/**
 * Project → API Access end to end: the password OpenRC and clouds.yaml (never containing the password) and the
 * application-credential variants (never containing the secret) work in the real `openstack` CLI and in `xloud`;
 * project names made of shell and HTML syntax stay inert in the page and in the sourced OpenRC.
 */
describe('console API access (headless Chromium, openstack and xloud CLIs)', () => {
  const suite = useConsoleSuite();
  let project: { id: string; name: string };
  let bob: { id: string };
  const marker = `/tmp/pwned-${Math.random().toString(36).slice(2, 10)}`;
  const hostileNames = [`$(touch ${marker})`, `a"b'c \`touch ${marker}\` $HOME \\ <i>x</i> مرحبا 🎉`];
  const hostile: Array<{ id: string; name: string }> = [];

  beforeAll(async () => {
    project = await suite.admin.createProject('api-demo');
    bob = await suite.admin.createUser('bob', PASSWORD, { project, role: 'member' });
    const member = await suite.admin.roleId('member');
    for (const name of hostileNames) {
      const p = await suite.admin.createProject(name);
      expect((await suite.admin.call('PUT', `/projects/${p.id}/users/${bob.id}/roles/${member}`)).status).toBe(204);
      hostile.push(p);
    }
  }, 600_000);

  async function download(page: Page, button: string, dir: string) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return saveDownload(file, dir);
  }

  /** A clouds.yaml as the user would place it: ./clouds.yaml with a secure.yaml beside it holding the secret. */
  function besideSecure(dir: string, cloudsPath: string, cloud: string, auth: Record<string, string>): void {
    copyFileSync(cloudsPath, join(dir, 'clouds.yaml'));
    const lines = [
      'clouds:',
      `  ${cloud}:`,
      '    auth:',
      ...Object.entries(auth).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
    ];
    writeFileSync(join(dir, 'secure.yaml'), `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  it('offers a password OpenRC and clouds.yaml, and files for an application credential, that work in openstack and xloud', async () => {
    const credential = await (async () => {
      const auth = await fetch(`${suite.server.baseUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: { methods: ['password'], password: { user: { id: bob.id, password: PASSWORD } } },
            scope: { project: { id: project.id } },
          },
        }),
      });
      const created = await fetch(`${suite.server.baseUrl}/v3/users/${bob.id}/application_credentials`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': auth.headers.get('x-subject-token')! },
        body: JSON.stringify({ application_credential: { name: 'bob-ci' } }),
      });
      expect(created.status).toBe(201);
      return ((await created.json()) as { application_credential: { id: string; secret: string } })
        .application_credential;
    })();

    const { page, context, errors } = await suite.open();
    await signInWithPassword(page, 'bob', PASSWORD, {
      project: project.name,
      path: `/login?next=${encodeURIComponent(PAGE)}`,
    });
    await page.waitForURL((url) => url.pathname === `/dashboard${PAGE}`);
    await page.getByRole('heading', { level: 1, name: 'API Access' }).waitFor();

    const identityRow = page.getByTestId('catalog-row').filter({ hasText: 'identity' }).filter({ hasText: 'public' });
    await identityRow.getByText(`${suite.server.baseUrl}/v3`, { exact: true }).waitFor();
    const summary = page.getByTestId('api-credentials');
    for (const value of ['bob', bob.id, 'api-demo', project.id, `${suite.server.baseUrl}/v3`]) {
      expect(
        await summary
          .locator('input')
          .evaluateAll((inputs, v) => inputs.some((i) => (i as HTMLInputElement).value === v), value),
      ).toBe(true);
    }
    await page.getByTestId('app-cred-select').locator('option', { hasText: 'bob-ci' }).waitFor({ state: 'attached' });
    await expectAccessible(page);
    await screenshotAt(page, 'api-access');

    const dir = scratchDir('api');
    const openrc = await download(page, 'Download OpenStack RC File', dir);
    expect(openrc.name).toBe('api-demo-openrc.sh');
    expect(readFileSync(openrc.path, 'utf8')).not.toContain(PASSWORD);
    const env = cleanEnv(dir);
    for (const [what, command] of [
      ['openstack', 'openstack token issue -f json'],
      ['xloud', `"${process.execPath}" "${XLOUD_BIN}" token issue -f json`],
    ]) {
      const result = await run('bash', ['-c', `source "$1" && ${command}`, 'bash', openrc.path], {
        env,
        cwd: dir,
        input: `${PASSWORD}\n`,
      });
      expect(tokenOf(result, `${what} after sourcing the password OpenRC`).project_id).toBe(project.id);
    }

    const clouds = await download(page, 'Download clouds.yaml', dir);
    expect(clouds.name).toBe('api-demo-clouds.yaml');
    const yaml = readFileSync(clouds.path, 'utf8');
    expect(yaml).not.toContain(PASSWORD);
    expect(yaml).toContain('secure.yaml');
    const withFile = cleanEnv(dir, { OS_CLIENT_CONFIG_FILE: clouds.path });
    const viaFlag = await run(
      'openstack',
      ['--os-cloud', 'api-demo', '--os-password', PASSWORD, 'token', 'issue', '-f', 'json'],
      { env: withFile, cwd: dir },
    );
    expect(tokenOf(viaFlag, 'openstack with clouds.yaml and --os-password').project_id).toBe(project.id);
    const secureDir = scratchDir('api-secure');
    besideSecure(secureDir, clouds.path, 'api-demo', { password: PASSWORD });
    for (const [what, command, args] of [
      ['openstack', 'openstack', ['--os-cloud', 'api-demo', 'token', 'issue', '-f', 'json']],
      ['xloud', process.execPath, [XLOUD_BIN, '--os-cloud', 'api-demo', 'token', 'issue', '-f', 'json']],
    ] as const) {
      const result = await run(command, [...args], { env: cleanEnv(secureDir), cwd: secureDir });
      expect(tokenOf(result, `${what} with clouds.yaml and secure.yaml`).project_id).toBe(project.id);
    }

    // The application credential, chosen by name: its files carry the id only.
    await page.getByLabel('Application credential', { exact: true }).selectOption({ label: 'bob-ci' });
    const acOpenrc = await download(page, 'Download OpenRC for this credential', dir);
    expect(acOpenrc.name).toBe('bob-ci-openrc.sh');
    expect(readFileSync(acOpenrc.path, 'utf8')).not.toContain(credential.secret);
    const acSourced = await run('bash', ['-c', 'source "$1" && openstack token issue -f json', 'bash', acOpenrc.path], {
      env,
      cwd: dir,
      input: `${credential.secret}\n`,
    });
    expect(tokenOf(acSourced, 'openstack after sourcing the application credential OpenRC').project_id).toBe(
      project.id,
    );
    const acClouds = await download(page, 'Download clouds.yaml for this credential', dir);
    expect(acClouds.name).toBe('bob-ci-clouds.yaml');
    expect(readFileSync(acClouds.path, 'utf8')).not.toContain(credential.secret);
    const acDir = scratchDir('api-ac');
    besideSecure(acDir, acClouds.path, 'bob-ci', { application_credential_secret: credential.secret });
    const acResult = await run(process.execPath, [XLOUD_BIN, '--os-cloud', 'bob-ci', 'token', 'issue', '-f', 'json'], {
      env: cleanEnv(acDir),
      cwd: acDir,
    });
    expect(tokenOf(acResult, 'xloud with the application credential clouds.yaml and secure.yaml').project_id).toBe(
      project.id,
    );

    // A phone: the same page fits 375 px.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await screenshotAt(page, 'api-access-375');

    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 240_000);

  it('keeps project names made of shell and HTML syntax inert: text on the pages, exact in the sourced OpenRC, no command run', async () => {
    const { page, context, errors } = await suite.open();
    const dialogs = countDialogs(page);
    // No project: Bob has no default project, so the session starts unscoped and the overview asks him to pick one.
    await signInWithPassword(page, 'bob', PASSWORD);
    await page.waitForURL(/\/dashboard\/overview/);
    await page.getByTestId('overview-unscoped').waitFor();
    await page.getByTestId('overview-project-row').filter({ hasText: 'مرحبا' }).waitFor();
    expect(await page.locator('i', { hasText: 'x' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshotAt(page, 'overview-unscoped');

    const dir = scratchDir('hostile');
    for (const [index, target] of hostile.entries()) {
      await page.goto('/dashboard/overview');
      await page.getByRole('button', { name: `Switch to this project: ${target.name}`, exact: true }).click();
      await page.getByTestId('overview-scope').getByText(`Project ${target.name}`, { exact: true }).waitFor();
      await page.goto(`/dashboard${PAGE}`);
      const summary = page.getByTestId('api-credentials');
      await summary.locator('input').first().waitFor();
      expect(
        await summary
          .locator('input')
          .evaluateAll((inputs, v) => inputs.some((i) => (i as HTMLInputElement).value === v), target.name),
      ).toBe(true);
      expect(await page.getByTestId('scope-switcher').textContent()).toContain(target.name);
      expect(await page.locator('i', { hasText: 'x' }).count()).toBe(0);
      await expectAccessible(page);
      if (index === 1) await screenshotAt(page, 'api-access-hostile');

      const openrc = await download(page, 'Download OpenStack RC File', dir);
      expect(openrc.name).toMatch(/^[A-Za-z0-9._-]+-openrc\.sh$/);
      const shown = await run(
        'bash',
        ['-c', 'source "$1" && printf "%s\\n%s" "$OS_PROJECT_ID" "$OS_PROJECT_NAME"', 'bash', openrc.path],
        {
          env: cleanEnv(dir),
          cwd: dir,
          input: `${PASSWORD}\n`,
        },
      );
      expect(shown.status).toBe(0);
      expect(shown.stdout).toBe(`${target.id}\n${target.name}`);
      const issued = await run('bash', ['-c', 'source "$1" && openstack token issue -f json', 'bash', openrc.path], {
        env: cleanEnv(dir),
        cwd: dir,
        input: `${PASSWORD}\n`,
      });
      expect(tokenOf(issued, `openstack in project ${target.name}`).project_id).toBe(target.id);
      expect(existsSync(marker)).toBe(false);
    }

    expect(dialogs()).toBe(0);
    expect(unexpectedErrors(errors, [401])).toEqual([]);
    await context.close();
  }, 240_000);
});

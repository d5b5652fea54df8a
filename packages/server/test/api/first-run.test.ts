/**
 * The quick start never creates or changes an administrator behind the operator's back (issue #7, operators):
 * `admin` only on an empty database, XLOUD_ADMIN_PASSWORD on that first run only, no second admin for a cloud
 * bootstrapped under another name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container } from '../../src/container.ts';
import { bootstrap } from '../../src/manage/bootstrap.ts';
import { ensureFernetKeys, quickStartBootstrap } from '../../src/manage/first-run.ts';

const opened: Array<{ container: Container; dir: string }> = [];

async function freshContainer(): Promise<Container> {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-first-run-'));
  const conf = loadConfig({ dataDir: dir, env: {}, overrides: { identity: { password_hash_rounds: '4' } } });
  ensureFernetKeys(conf);
  const container = await buildContainer(conf, { migrate: true });
  opened.push({ container, dir });
  return container;
}

afterEach(async () => {
  for (const { container, dir } of opened.splice(0)) {
    await container.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const signsIn = async (container: Container, name: string, password: string): Promise<boolean> =>
  container.services.authenticator
    .authenticate({
      identity: { methods: ['password'], password: { user: { name, domain: { id: 'default' }, password } } },
    })
    .then(() => true)
    .catch(() => false);

describe('quick start bootstrap', () => {
  it('creates admin on an empty database with XLOUD_ADMIN_PASSWORD, then never changes it', async () => {
    const container = await freshContainer();
    const first = await quickStartBootstrap(container, 'http://127.0.0.1:5000/v3', {
      XLOUD_ADMIN_PASSWORD: 'first-secret',
    });
    expect(first.bootstrapped).toBe(true);
    expect(first.generatedPassword).toBeUndefined();
    expect(await signsIn(container, 'admin', 'first-secret')).toBe(true);

    const again = await quickStartBootstrap(container, 'http://127.0.0.1:5000/v3', {
      XLOUD_ADMIN_PASSWORD: 'second-secret',
    });
    expect(again).toMatchObject({ bootstrapped: false, ignoredAdminPassword: true });
    expect(await signsIn(container, 'admin', 'first-secret')).toBe(true);
    expect(await signsIn(container, 'admin', 'second-secret')).toBe(false);
  });

  it('generates and returns a password when none is given, on the first run only', async () => {
    const container = await freshContainer();
    const first = await quickStartBootstrap(container, 'http://127.0.0.1:5000/v3', {});
    expect(first.generatedPassword).toMatch(/.{16,}/);
    expect(await signsIn(container, 'admin', first.generatedPassword!)).toBe(true);
    const again = await quickStartBootstrap(container, 'http://127.0.0.1:5000/v3', {});
    expect(again).toMatchObject({ bootstrapped: false, generatedPassword: undefined, ignoredAdminPassword: false });
  });

  it('gives a cloud bootstrapped with another admin name no second admin', async () => {
    const container = await freshContainer();
    await bootstrap(container, {
      username: 'cloud-root',
      password: 'root-secret',
      regionId: 'RegionOne',
      publicUrl: 'http://127.0.0.1:5000/v3',
    });
    const run = await quickStartBootstrap(container, 'http://127.0.0.1:5000/v3', { XLOUD_ADMIN_PASSWORD: 'sneaky' });
    expect(run.bootstrapped).toBe(false);
    const admins = await container.services.identity.listUsers({ name: 'admin' });
    expect(admins).toEqual([]);
    expect(await signsIn(container, 'cloud-root', 'root-secret')).toBe(true);
  });
});

/**
 * `xloud-manage db import-keystone` against a real Keystone database (issue #7 item 7): the real Keystone
 * (Debian's python3-keystone, served by keystone_wsgi_server.py, on PostgreSQL as deployments run it: Keystone on
 * SQLite locks itself out creating a credential) is set up with keystone-manage and populated
 * through its own API — users with passwords (one changed once), a project with tags, a group, role grants, an
 * application credential, a trust, a TOTP credential — then imported. Xloud then signs in the same users with
 * the same passwords and application-credential secret, validates a token Keystone issued before the import,
 * decrypts the credential and honours the trust. Re-running the import changes nothing; an unknown schema
 * version is refused before anything is written.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type XloudConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container } from '../../src/container.ts';
import { totpKeyOf, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { ensureFernetKeys } from '../../src/manage/first-run.ts';
import { runImportKeystone } from '../../src/manage/import-keystone-command.ts';
import { KeystoneImportError } from '../../src/storage/keystone-import/import-keystone.ts';
import { createPostgresDatabase } from '../helpers/test-server.ts';

const PYTHON = '/usr/bin/python3';
const ADMIN_PASSWORD = 'keystone-admin-secret';
const HERE = import.meta.dirname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/v3${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new Error(`${method} ${base}${path}: ${res.status} ${text.slice(0, 300)}`);
  }
  return { status: res.status, token: res.headers.get('x-subject-token') ?? '', body: parsed };
}

const passwordAuth = (userId: string, password: string, scope?: unknown) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { id: userId, password } } },
    ...(scope ? { scope } : {}),
  },
});

describe('import from a real Keystone database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-ks-import-'));
  let keystoneDb: { url: string; drop(): Promise<void> };
  const fernetKeys = join(dir, 'ks-fernet');
  const credentialKeys = join(dir, 'ks-credential');
  let keystone: ChildProcess | undefined;
  let ks = '';
  const seeded = {
    adminId: '',
    userId: '',
    projectId: '',
    groupId: '',
    appCred: { id: '', secret: '' },
    trustId: '',
    credentialId: '',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    keystoneToken: '',
    mfaUserId: '',
  };
  let conf: XloudConfig;
  let container: Container | undefined;
  let app: FastifyInstance | undefined;
  let xloud = '';

  beforeAll(async () => {
    keystoneDb = await createPostgresDatabase();
    const ksConf = join(dir, 'keystone.conf');
    writeFileSync(
      ksConf,
      [
        '[DEFAULT]',
        'use_stderr = false',
        `log_dir = ${dir}`,
        '[database]',
        `connection = ${keystoneDb.url.replace(/^postgresql:/, 'postgresql+psycopg2:')}`,
        '[token]',
        'provider = fernet',
        '[fernet_tokens]',
        `key_repository = ${fernetKeys}`,
        '[credential]',
        `key_repository = ${credentialKeys}`,
        '[cache]',
        'enabled = false',
        '',
      ].join('\n'),
    );
    const manage = (...args: string[]) =>
      execFileSync('keystone-manage', ['--config-file', ksConf, ...args], { stdio: 'pipe', timeout: 180_000 });
    manage('db_sync');
    manage('fernet_setup', '--keystone-user', 'root', '--keystone-group', 'root');
    manage('credential_setup', '--keystone-user', 'root', '--keystone-group', 'root');
    const port = await freePort();
    ks = `http://127.0.0.1:${port}`;
    manage(
      'bootstrap',
      '--bootstrap-password',
      ADMIN_PASSWORD,
      '--bootstrap-public-url',
      `${ks}/v3`,
      '--bootstrap-region-id',
      'RegionOne',
    );
    keystone = spawn(PYTHON, [join(HERE, 'keystone_wsgi_server.py'), ksConf, String(port)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 600; i++) {
      const up = await fetch(`${ks}/v3`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Populate Keystone through its own API.
    const admin = await call(ks, 'POST', '/auth/tokens', undefined, {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD } },
        },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    });
    expect(admin.status).toBe(201);
    const adminToken = admin.token;
    seeded.adminId = admin.body.token.user.id;
    const project = await call(ks, 'POST', '/projects', adminToken, {
      project: { name: 'imported-project', domain_id: 'default', tags: ['blue', 'green'] },
    });
    seeded.projectId = project.body.project.id;
    const user = await call(ks, 'POST', '/users', adminToken, {
      user: { name: 'alice', domain_id: 'default', password: 'first-password', email: 'alice@example.com' },
    });
    seeded.userId = user.body.user.id;
    const memberRole = (await call(ks, 'GET', '/roles?name=member', adminToken)).body.roles[0].id;
    expect(
      (await call(ks, 'PUT', `/projects/${seeded.projectId}/users/${seeded.userId}/roles/${memberRole}`, adminToken))
        .status,
    ).toBe(204);
    const grp = await call(ks, 'POST', '/groups', adminToken, { group: { name: 'importers', domain_id: 'default' } });
    seeded.groupId = grp.body.group.id;
    expect((await call(ks, 'PUT', `/groups/${seeded.groupId}/users/${seeded.userId}`, adminToken)).status).toBe(204);
    // A password change, so there is history (the first password must then be refused).
    const first = await call(ks, 'POST', '/auth/tokens', undefined, passwordAuth(seeded.userId, 'first-password'));
    expect(
      (
        await call(ks, 'POST', `/users/${seeded.userId}/password`, first.token, {
          user: { original_password: 'first-password', password: 'second-password' },
        })
      ).status,
    ).toBe(204);
    const changed = Date.now();
    // Keystone's revocation events are whole seconds: a token issued in the same second as the password change
    // would be revoked by it (the race Xloud's outlastRevocationSecond closes). Keystone runs on the real clock,
    // so poll it out: the change ended at `changed`, its event is no later, the next token must be a second on.
    const nextSecond = Math.floor(changed / 1000) * 1000 + 1000;
    while (Date.now() < nextSecond) await new Promise((resolve) => setTimeout(resolve, 20));
    const alice = await call(
      ks,
      'POST',
      '/auth/tokens',
      undefined,
      passwordAuth(seeded.userId, 'second-password', { project: { id: seeded.projectId } }),
    );
    expect(alice.status).toBe(201);
    seeded.keystoneToken = alice.token;
    const appCred = await call(ks, 'POST', `/users/${seeded.userId}/application_credentials`, alice.token, {
      application_credential: { name: 'ci-bot' },
    });
    expect(appCred.status).toBe(201);
    seeded.appCred = { id: appCred.body.application_credential.id, secret: appCred.body.application_credential.secret };
    const trust = await call(ks, 'POST', '/OS-TRUST/trusts', alice.token, {
      trust: {
        trustor_user_id: seeded.userId,
        trustee_user_id: seeded.adminId,
        project_id: seeded.projectId,
        impersonation: false,
        roles: [{ name: 'member' }],
      },
    });
    expect(trust.status).toBe(201);
    seeded.trustId = trust.body.trust.id;
    const totp = await call(ks, 'POST', '/credentials', adminToken, {
      credential: { type: 'totp', user_id: seeded.userId, blob: seeded.totpSecret },
    });
    expect(totp.status).toBe(201);
    seeded.credentialId = totp.body.credential.id;
    // A user under Keystone's multi-factor rules: the import must keep the rules enforced, not just stored.
    const carol = await call(ks, 'POST', '/users', adminToken, {
      user: {
        name: 'carol',
        domain_id: 'default',
        password: 'carol-password',
        options: { multi_factor_auth_enabled: true, multi_factor_auth_rules: [['password', 'totp']] },
      },
    });
    expect(carol.status).toBe(201);
    seeded.mfaUserId = carol.body.user.id;
    expect(
      (
        await call(ks, 'POST', '/credentials', adminToken, {
          credential: { type: 'totp', user_id: seeded.mfaUserId, blob: seeded.totpSecret },
        })
      ).status,
    ).toBe(201);
    keystone.kill('SIGTERM');
    keystone = undefined;

    const dataDir = join(dir, 'xloud');
    conf = loadConfig({ dataDir, env: {} });
  }, 300_000);

  afterAll(async () => {
    keystone?.kill('SIGKILL');
    await app?.close();
    await container?.close();
    await keystoneDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database of an unknown schema version before writing anything', async () => {
    const setVersion = async (from: string, to: string) => {
      const client = new pg.Client({ connectionString: keystoneDb.url });
      await client.connect();
      await client.query('update alembic_version set version_num = $1 where version_num = $2', [to, from]);
      await client.end();
    };
    await setVersion('e25ffa003242', 'ffff00000000');
    const error = await runImportKeystone(conf, { from: keystoneDb.url, dryRun: false }).catch((e: unknown) => e);
    await setVersion('ffff00000000', 'e25ffa003242');
    expect(error).toBeInstanceOf(KeystoneImportError);
    expect((error as Error).message).toContain('ffff00000000');
    const probe = loadConfig({ dataDir: join(dir, 'xloud'), env: {} });
    const check = await buildContainer(probe, { migrate: true });
    try {
      expect(await check.database.db.selectFrom('identity_user').select('id').execute()).toEqual([]);
    } finally {
      await check.close();
    }
  });

  it('a dry run reports the counts and writes nothing', async () => {
    const report = await runImportKeystone(conf, { from: keystoneDb.url, dryRun: true });
    expect(report).toMatch(/identity_user\s+3\s+\(3 new, 0 already here\)/);
    expect(report).toMatch(/application_credential\s+1\s+\(1 new/);
    expect(report).toMatch(/trust\s+1\s+\(1 new/);
    expect(report).toMatch(/credential\s+2\s+\(2 new/);
    expect(report).toMatch(/project_tag\s+2\s+\(2 new/);
  });

  it('imports, then signs in the same users with the same secrets and validates a token Keystone issued', async () => {
    const report = await runImportKeystone(conf, { from: keystoneDb.url, fernetKeys, credentialKeys, dryRun: false });
    expect(report).toMatch(/identity_user\s+3\s+\(3 new/);
    console.info(report);
    // As the server's own start does after an import: the key repositories the import did not bring (receipts).
    ensureFernetKeys(conf);
    container = await buildContainer(conf, { migrate: false });
    app = await buildApp(container);
    await app.listen({ host: '127.0.0.1', port: 0 });
    xloud = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const admin = await call(
      xloud,
      'POST',
      '/auth/tokens',
      undefined,
      passwordAuth(seeded.adminId, ADMIN_PASSWORD, { project: { name: 'admin', domain: { id: 'default' } } }),
    );
    expect(admin.status).toBe(201);
    const alice = await call(
      xloud,
      'POST',
      '/auth/tokens',
      undefined,
      passwordAuth(seeded.userId, 'second-password', { project: { id: seeded.projectId } }),
    );
    expect(alice.status).toBe(201);
    expect(alice.body.token.roles.map((r: { name: string }) => r.name)).toContain('member');
    expect(
      (await call(xloud, 'POST', '/auth/tokens', undefined, passwordAuth(seeded.userId, 'first-password'))).status,
    ).toBe(401);
    const viaAppCred = await call(xloud, 'POST', '/auth/tokens', undefined, {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: seeded.appCred.id, secret: seeded.appCred.secret },
        },
      },
    });
    expect(viaAppCred.status).toBe(201);
    expect(viaAppCred.body.token.project.id).toBe(seeded.projectId);

    const validated = await fetch(`${xloud}/v3/auth/tokens`, {
      headers: { 'X-Auth-Token': admin.token, 'X-Subject-Token': seeded.keystoneToken },
    });
    expect(validated.status).toBe(200);
    expect(((await validated.json()) as any).token.user.id).toBe(seeded.userId);

    const credential = await call(xloud, 'GET', `/credentials/${seeded.credentialId}`, admin.token);
    expect(credential.status).toBe(200);
    expect(credential.body.credential).toMatchObject({ type: 'totp', user_id: seeded.userId, blob: seeded.totpSecret });
    const trust = await call(xloud, 'GET', `/OS-TRUST/trusts/${seeded.trustId}`, admin.token);
    expect(trust.status).toBe(200);
    const trustScoped = await call(xloud, 'POST', '/auth/tokens', undefined, {
      auth: {
        identity: { methods: ['token'], token: { id: admin.token } },
        scope: { 'OS-TRUST:trust': { id: seeded.trustId } },
      },
    });
    expect(trustScoped.status).toBe(201);
    expect(trustScoped.body.token.project.id).toBe(seeded.projectId);

    const project = await call(xloud, 'GET', `/projects/${seeded.projectId}`, admin.token);
    expect(project.body.project.tags.sort()).toEqual(['blue', 'green']);
    const groups = await call(xloud, 'GET', `/users/${seeded.userId}/groups`, admin.token);
    expect(groups.body.groups.map((g: { id: string }) => g.id)).toEqual([seeded.groupId]);
    const user = await call(xloud, 'GET', `/users/${seeded.userId}`, admin.token);
    expect(user.body.user).toMatchObject({ name: 'alice', email: 'alice@example.com', enabled: true });

    // Keystone's multi-factor rules came across and are enforced: the password alone earns a receipt, not a token.
    const passwordOnly = await fetch(`${xloud}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(passwordAuth(seeded.mfaUserId, 'carol-password')),
    });
    expect(passwordOnly.status, await passwordOnly.clone().text()).toBe(401);
    const receipt = passwordOnly.headers.get('openstack-auth-receipt') ?? '';
    expect(receipt).not.toBe('');
    expect(((await passwordOnly.json()) as any).required_auth_methods).toEqual([['password', 'totp']]);
    const key = totpKeyOf(seeded.totpSecret);
    if (!key) throw new Error('the seeded TOTP secret must be usable');
    const withCode = await fetch(`${xloud}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Openstack-Auth-Receipt': receipt },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['totp'],
            totp: { user: { id: seeded.mfaUserId, passcode: totpPasscode(key, totpStep(Date.now())) } },
          },
        },
      }),
    });
    expect(withCode.status).toBe(201);
    expect(((await withCode.json()) as any).token.methods.sort()).toEqual(['password', 'totp']);
  });

  it('re-running the import changes nothing and sign-in still works', async () => {
    const again = await runImportKeystone(conf, { from: keystoneDb.url, dryRun: false });
    expect(again).toMatch(/identity_user\s+3\s+\(0 new, 3 already here\)/);
    expect(again).toMatch(/revocation_event\s+\d+\s+\(0 new/);
    const alice = await call(xloud, 'POST', '/auth/tokens', undefined, passwordAuth(seeded.userId, 'second-password'));
    expect(alice.status).toBe(201);
  });
});

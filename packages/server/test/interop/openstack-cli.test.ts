/**
 * Interop: the real OpenStack CLI (Debian python3-openstackclient, /usr/bin/openstack) against our server,
 * walking the flows of the user-facing authentication guide (OpenRC variables, token issue, projects, users,
 * role assignments, application credentials, revocation, catalog, clouds.yaml).
 *
 * Against the reference Keystone (proves the test itself is right):
 *   XLOUD_TEST_TARGET=http://127.0.0.1:5001 XLOUD_TEST_ADMIN_PASSWORD=refadmin npx vitest run packages/server/test/interop/openstack-cli.test.ts
 *
 * Each `openstack` run costs ~1.5 s of CPU, so independent commands of one step run concurrently.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeBase32Secret, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { getTarget, identityApiPrefix, type TestServer } from '../helpers/target.ts';

const OPENSTACK = process.env.XLOUD_OPENSTACK_CLI ?? '/usr/bin/openstack';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type OsEnv = Record<string, string>;

let target: TestServer;
let home: string; // private HOME: no ~/.config/openstack/clouds.yaml or caches of the machine leak in
let authUrl: string; // <baseUrl>/identity/v3 (the seed's OpenRC), /v3 only when an external target lacks it

function cliMissing(): string | undefined {
  try {
    accessSync(OPENSTACK, constants.X_OK);
    return undefined;
  } catch {
    return `${OPENSTACK} not found or not executable: install the Debian package python3-openstackclient (apt-get install -y python3-openstackclient) — .ci/run does this`;
  }
}

/** Runs `openstack ARGS` with exactly the given OS_* variables (nothing inherited from this process). */
function osc(args: string[], osEnv: OsEnv): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PYTHONWARNINGS: 'ignore',
    ...osEnv,
  };
  return new Promise((resolve) => {
    execFile(OPENSTACK, args, { env, timeout: 45_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : '') });
    });
  });
}

/** `openstack ARGS -f json`, must succeed; returns the parsed output. */
async function oscJson<T = Record<string, unknown>>(args: string[], osEnv: OsEnv): Promise<T> {
  const r = await osc([...args, '-f', 'json'], osEnv);
  if (r.code !== 0) throw new Error(`openstack ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`openstack ${args.join(' ')}: output is not JSON: ${r.stdout.slice(0, 500)}`);
  }
}

/** `openstack ARGS` without output, must succeed. */
async function oscOk(args: string[], osEnv: OsEnv): Promise<void> {
  const r = await osc(args, osEnv);
  if (r.code !== 0) throw new Error(`openstack ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
}

/** The OpenRC of the seed document, for the given user/project. */
function openrc(username: string, password: string, project: string, url = authUrl): OsEnv {
  return {
    OS_AUTH_URL: url,
    OS_PROJECT_NAME: project,
    OS_USERNAME: username,
    OS_PASSWORD: password,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_IDENTITY_API_VERSION: '3',
  };
}

interface TokenOut {
  expires: string;
  id: string;
  project_id: string;
  user_id: string;
}

function expectToken(t: TokenOut): void {
  expect(t.id).toMatch(/^\S{16,}$/);
  expect(t.user_id).toMatch(/^\S+$/);
  expect(t.project_id).toMatch(/^\S+$/);
  expect(Date.parse(t.expires)).toBeGreaterThan(Date.now());
}

async function http(method: string, path: string, token: string, subject?: string): Promise<number> {
  const headers: Record<string, string> = { 'X-Auth-Token': token };
  if (subject) headers['X-Subject-Token'] = subject;
  const res = await fetch(`${target.baseUrl}${path}`, { method, headers });
  await res.arrayBuffer();
  return res.status;
}

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const names = { project: `xcli-p-${run}`, user: `xcli-u-${run}`, ac1: `xcli-ac1-${run}`, ac2: `xcli-ac2-${run}` };
const password1 = `Pw1-${run}`;
const password2 = `Pw2-${run}`;
/** A 160-bit TOTP seed in base32, as authenticator apps and Keystone's totp credentials take it. */
const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

// state shared by the steps (they run in order)
const s: {
  adminEnv?: OsEnv;
  adminToken?: string;
  projectId?: string;
  userId?: string;
  mfaUserId?: string;
  userToken?: string;
  ac1?: { id: string; secret: string };
  ac2?: { id: string; secret: string };
} = {};

describe('openstack CLI (python3-openstackclient) against the server', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'xloud-osc-'));
    // Without the CLI every test must FAIL with the reason (a throwing beforeAll would only mark them skipped).
    if (cliMissing()) return;
    target = await getTarget();
    authUrl = `${target.baseUrl}${await identityApiPrefix(target)}`;
    s.adminEnv = openrc('admin', target.adminPassword, 'admin');
  });

  afterAll(async () => {
    // best-effort cleanup when a step failed half-way
    if (target && s.adminToken) {
      if (s.userId) await http('DELETE', `/v3/users/${s.userId}`, s.adminToken).catch(() => 0);
      if (s.mfaUserId) await http('DELETE', `/v3/users/${s.mfaUserId}`, s.adminToken).catch(() => 0);
      if (s.projectId) await http('DELETE', `/v3/projects/${s.projectId}`, s.adminToken).catch(() => 0);
    }
    await target?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it(`has the openstack CLI at ${OPENSTACK}`, () => {
    const missing = cliMissing();
    if (missing) expect.fail(missing);
  });

  beforeEach(() => {
    const missing = cliMissing();
    if (missing) throw new Error(missing);
  });

  it('admin: token issue (OpenRC, /identity/v3 and /v3 auth URLs, clouds.yaml), catalog list, project + user create', async () => {
    const admin = s.adminEnv as OsEnv;
    const cloudsFile = join(home, 'clouds.yaml');
    writeFileSync(
      cloudsFile,
      [
        'clouds:',
        '  xloud:',
        '    auth:',
        `      auth_url: ${authUrl}`,
        '      username: admin',
        `      password: "${target.adminPassword}"`,
        '      project_name: admin',
        '      user_domain_name: Default',
        '      project_domain_name: Default',
        '    identity_api_version: 3',
        '    region_name: RegionOne',
        '    interface: public',
        '',
      ].join('\n'),
    );
    const [tok, tokV3, tokCloud, catalog, project, user] = await Promise.all([
      oscJson<TokenOut>(['token', 'issue'], admin),
      oscJson<TokenOut>(['token', 'issue'], { ...admin, OS_AUTH_URL: `${target.baseUrl}/v3` }),
      oscJson<TokenOut>(['--os-cloud', 'xloud', 'token', 'issue'], { OS_CLIENT_CONFIG_FILE: cloudsFile }),
      oscJson<
        Array<{ Name: string; Type: string; Endpoints: Array<{ interface: string; url: string; region?: string }> }>
      >(['catalog', 'list'], admin),
      oscJson<{ id: string; name: string; domain_id: string; enabled: boolean }>(
        ['project', 'create', '--domain', 'default', '--description', 'openstack CLI interop', names.project],
        admin,
      ),
      oscJson<{ id: string; name: string; domain_id: string; enabled: boolean }>(
        ['user', 'create', '--password', password1, '--domain', 'default', names.user],
        admin,
      ),
    ]);
    s.projectId = project.id;
    s.userId = user.id;
    s.adminToken = tok.id;

    expectToken(tok);
    expectToken(tokV3);
    expectToken(tokCloud);
    expect(tokV3.project_id).toBe(tok.project_id);
    expect(tokCloud.project_id).toBe(tok.project_id);
    expect(tokCloud.user_id).toBe(tok.user_id);

    const identity = catalog.find((e) => e.Type === 'identity');
    expect(identity, JSON.stringify(catalog)).toBeDefined();
    expect(identity?.Name).toBe('keystone');
    expect(identity?.Endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
    const pub = identity?.Endpoints.find((e) => e.interface === 'public');
    expect(pub?.url).toBe(`${target.baseUrl}/v3`);
    expect(pub?.region).toBe('RegionOne');

    expect(project).toMatchObject({ name: names.project, domain_id: 'default', enabled: true });
    expect(user).toMatchObject({ name: names.user, domain_id: 'default', enabled: true });
    expect(user).not.toHaveProperty('password');
  });

  it('admin: project list contains the project; role add member; role assignment list --names', async () => {
    const admin = s.adminEnv as OsEnv;
    const [projects] = await Promise.all([
      oscJson<Array<{ ID: string; Name: string }>>(['project', 'list'], admin),
      oscOk(['role', 'add', '--project', names.project, '--user', names.user, 'member'], admin),
    ]);
    expect(projects).toContainEqual({ ID: s.projectId, Name: names.project });

    const assignments = await oscJson<Array<Record<string, unknown>>>(
      ['role', 'assignment', 'list', '--names', '--user', names.user, '--project', names.project],
      admin,
    );
    expect(assignments).toEqual([
      expect.objectContaining({
        Role: 'member',
        User: `${names.user}@Default`,
        Project: `${names.project}@Default`,
        Group: '',
        Domain: '',
        Inherited: false,
      }),
    ]);
  });

  it('user: token issue scoped to the project; application credential create (plain and --role member --expiration)', async () => {
    const user = openrc(names.user, password1, names.project);
    const expiration = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 19); // %Y-%m-%dT%H:%M:%S
    type AcOut = {
      id: string;
      name: string;
      secret?: string;
      roles: string;
      expires_at: string | null;
      project_id: string;
      user_id: string;
      unrestricted: boolean;
      description: string | null;
    };
    const [tok, ac1, ac2] = await Promise.all([
      oscJson<TokenOut>(['token', 'issue'], user),
      oscJson<AcOut>(['application', 'credential', 'create', names.ac1], user),
      oscJson<AcOut>(
        [
          'application',
          'credential',
          'create',
          '--role',
          'member',
          '--expiration',
          expiration,
          '--description',
          'ci deploy',
          names.ac2,
        ],
        user,
      ),
    ]);
    expectToken(tok);
    expect(tok.project_id).toBe(s.projectId);
    expect(tok.user_id).toBe(s.userId);
    s.userToken = tok.id;

    for (const ac of [ac1, ac2]) {
      expect(ac.secret, 'the secret is returned once, at creation').toMatch(/^\S{16,}$/);
      expect(ac).toMatchObject({ project_id: s.projectId, user_id: s.userId, unrestricted: false });
    }
    expect(ac1.name).toBe(names.ac1);
    expect(ac1.expires_at).toBeNull();
    // without --role the credential gets the roles of the token: member and the implied reader
    expect(ac1.roles.split(/[\s,]+/).sort()).toEqual(['member', 'reader']);
    expect(ac2.name).toBe(names.ac2);
    expect(ac2.roles.split(/[\s,]+/)).toEqual(['member']);
    expect(ac2.description).toBe('ci deploy');
    expect(ac2.expires_at).toMatch(new RegExp(`^${expiration.replace(/[.]/g, '\\.')}`));
    s.ac1 = { id: ac1.id, secret: ac1.secret as string };
    s.ac2 = { id: ac2.id, secret: ac2.secret as string };
  });

  it('user: application credential list / show (no secret); authenticate with each application credential', async () => {
    const user = openrc(names.user, password1, names.project);
    const ac = (c: { id: string; secret: string }): OsEnv => ({
      OS_AUTH_URL: authUrl,
      OS_IDENTITY_API_VERSION: '3',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: c.id,
      OS_APPLICATION_CREDENTIAL_SECRET: c.secret,
    });
    const [list, shown, tok1, tok2] = await Promise.all([
      oscJson<Array<{ ID: string; Name: string; 'Project ID': string }>>(['application', 'credential', 'list'], user),
      oscJson<Record<string, unknown>>(['application', 'credential', 'show', names.ac1], user),
      oscJson<TokenOut>(['token', 'issue'], ac(s.ac1!)),
      oscJson<TokenOut>(['token', 'issue'], ac(s.ac2!)),
    ]);
    expect(list.map((c) => c.ID).sort()).toEqual([s.ac1!.id, s.ac2!.id].sort());
    expect(list.map((c) => c.Name).sort()).toEqual([names.ac1, names.ac2].sort());
    expect(list.every((c) => c['Project ID'] === s.projectId)).toBe(true);
    expect(shown).toMatchObject({ id: s.ac1!.id, name: names.ac1, project_id: s.projectId });
    expect(shown.secret ?? null, 'secret must never be shown again').toBeNull();
    for (const t of [tok1, tok2]) {
      expectToken(t);
      expect(t.project_id).toBe(s.projectId);
      expect(t.user_id).toBe(s.userId);
    }
  });

  it('admin: token revoke; the revoked token no longer validates (HTTP 404) nor authenticates', async () => {
    const admin = s.adminEnv as OsEnv;
    expect(await http('GET', '/v3/auth/tokens', s.adminToken!, s.userToken)).toBe(200);
    await oscOk(['token', 'revoke', s.userToken!], admin);
    const [status, reuse] = await Promise.all([
      http('GET', '/v3/auth/tokens', s.adminToken!, s.userToken),
      osc(['token', 'issue', '-f', 'json'], {
        OS_AUTH_URL: authUrl,
        OS_IDENTITY_API_VERSION: '3',
        OS_AUTH_TYPE: 'v3token',
        OS_TOKEN: s.userToken!,
        OS_PROJECT_ID: s.projectId!,
      }),
    ]);
    expect(status).toBe(404);
    expect(reuse.code, reuse.stdout).not.toBe(0);
    expect(reuse.stderr).toMatch(/HTTP 40[14]/);
  });

  it('admin: user set --password; the new password works, the old one does not', async () => {
    await oscOk(['user', 'set', '--password', password2, names.user], s.adminEnv as OsEnv);
    const [fresh, stale] = await Promise.all([
      oscJson<TokenOut>(['token', 'issue'], openrc(names.user, password2, names.project)),
      osc(['token', 'issue', '-f', 'json'], openrc(names.user, password1, names.project)),
    ]);
    expectToken(fresh);
    expect(fresh.user_id).toBe(s.userId);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/HTTP 401/);
  });

  it('multi-factor: user set --multi-factor-auth-rule, a password alone is refused, v3multifactor with a passcode signs in', async () => {
    const admin = s.adminEnv as OsEnv;
    const mfaUser = `xcli-mfa-${run}`;
    const created = await oscJson<{ id: string }>(
      ['user', 'create', '--password', password1, '--domain', 'default', mfaUser],
      admin,
    );
    s.mfaUserId = created.id;
    await oscOk(
      ['user', 'set', '--multi-factor-auth-rule', 'password,totp', '--enable-multi-factor-auth', created.id],
      admin,
    );
    await oscOk(['credential', 'create', '--type', 'totp', created.id, TOTP_SECRET], admin);
    const user = {
      OS_AUTH_URL: authUrl,
      OS_USERNAME: mfaUser,
      OS_USER_DOMAIN_NAME: 'Default',
      OS_IDENTITY_API_VERSION: '3',
    };
    const alone = await osc(['token', 'issue', '-f', 'json'], { ...user, OS_PASSWORD: password1 });
    expect(alone.code).not.toBe(0);
    expect(alone.stderr).toMatch(/required auth rules were not satisfied|Not all required auth rules were satisfied/i);

    // keystoneauth's v3multifactor plugin sends both methods; its list of methods comes from clouds.yaml.
    const cloudsFile = join(home, 'clouds-mfa.yaml');
    const passcode = totpPasscode(decodeBase32Secret(TOTP_SECRET)!, totpStep(Date.now()));
    writeFileSync(
      cloudsFile,
      [
        'clouds:',
        '  mfa:',
        '    auth_type: v3multifactor',
        '    identity_api_version: 3',
        '    auth:',
        `      auth_url: ${authUrl}`,
        '      auth_methods: [v3password, v3totp]',
        `      username: ${mfaUser}`,
        '      user_domain_name: Default',
        `      password: "${password1}"`,
        '',
      ].join('\n'),
    );
    const token = await oscJson<TokenOut>(['--os-cloud', 'mfa', '--os-passcode', passcode, 'token', 'issue'], {
      OS_CLIENT_CONFIG_FILE: cloudsFile,
    });
    expect(token.user_id).toBe(created.id);
  });

  it('application credential delete, user delete, project delete', async () => {
    const user = openrc(names.user, password2, names.project);
    await oscOk(['application', 'credential', 'delete', names.ac1, names.ac2], user);
    expect(await http('GET', `/v3/users/${s.userId}/application_credentials/${s.ac1!.id}`, s.adminToken!)).toBe(404);
    expect(await http('GET', `/v3/users/${s.userId}/application_credentials/${s.ac2!.id}`, s.adminToken!)).toBe(404);

    const admin = s.adminEnv as OsEnv;
    await Promise.all([
      oscOk(['user', 'delete', names.user], admin),
      oscOk(['project', 'delete', names.project], admin),
    ]);
    expect(await http('GET', `/v3/users/${s.userId}`, s.adminToken!)).toBe(404);
    expect(await http('GET', `/v3/projects/${s.projectId}`, s.adminToken!)).toBe(404);
    s.userId = undefined;
    s.projectId = undefined;
  });
});

/**
 * `xloud` as a newcomer meets it: a server on a port Node's fetch refuses ("bad port"), a wrong auth_url path (said
 * as `openstack` says it), the password asked for on a real terminal (pseudo-terminal, not echoed), an application
 * credential written as a ready-to-use clouds.yaml / OpenRC file that both `xloud` and `openstack` use, and
 * `xloud whoami`.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { relayFromBadPort, type BadPortRelay } from '@xloud/test-kit';
import {
  adminEnv,
  bash,
  expectCleanError,
  json,
  ok,
  onTerminal,
  osc,
  tempDir,
  unique,
  xloud,
  XLOUD_BIN,
} from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;
let relay: BadPortRelay;
const run = unique();

beforeAll(async () => {
  server = await startTestServer();
  env = adminEnv(server.baseUrl, server.adminPassword);
  relay = await relayFromBadPort(Number(new URL(server.baseUrl).port));
});
afterAll(async () => {
  await relay?.close();
  await server?.close();
});

describe('reaching the server', { timeout: 90_000 }, () => {
  it('on a port the fetch standard calls "bad" (5060, 6665–6669, …)', async () => {
    const r = await json(['token', 'issue'], { env: { ...env, OS_AUTH_URL: `http://127.0.0.1:${relay.port}/v3` } });
    expect(r.user_id).toMatch(/^[0-9a-f]{32}$/);
    const unversioned = await json(['token', 'issue'], {
      env: { ...env, OS_AUTH_URL: `http://127.0.0.1:${relay.port}` },
    });
    expect(unversioned.project_id).toBe(r.project_id);
  });

  it('a wrong auth_url path says to check the auth_url, as openstack does, not that a token is invalid', async () => {
    for (const path of ['/identity/wrong', '/v3/wrong', '/dashboard']) {
      const r = await xloud(['token', 'issue'], { env: { ...env, OS_AUTH_URL: `${server.baseUrl}${path}` } });
      expectCleanError(r);
      expect(r.stderr).toMatch(
        /^Could not find versioned identity endpoints when attempting to authenticate\. Please check that your auth_url is correct/,
      );
      expect(r.stderr).not.toMatch(/token given/);
      const real = await osc(['token', 'issue'], { env: { ...env, OS_AUTH_URL: `${server.baseUrl}${path}` } });
      expect(real.code).toBe(1);
    }
    // the token method still reports an unknown token as such
    const token = await xloud(['token', 'issue'], {
      env: { OS_AUTH_URL: `${server.baseUrl}/v3`, OS_AUTH_TYPE: 'token', OS_TOKEN: 'gAAAAAB-not-a-token' },
    });
    expect(token.stderr).toMatch(/^The token given \(OS_TOKEN or --os-token\) is invalid, expired or revoked/);
  });

  it('every kind of failure is one clear line', async () => {
    const refused = await xloud(['token', 'issue'], { env: { ...env, OS_AUTH_URL: 'http://127.0.0.1:9/v3' } });
    expectCleanError(refused);
    expect(refused.stderr).toMatch(
      /^Unable to establish connection to http:\/\/127\.0\.0\.1:9\/v3\/auth\/tokens: connect ECONNREFUSED/,
    );
    const dns = await xloud(['token', 'issue'], { env: { ...env, OS_AUTH_URL: 'http://no-such-host.invalid/v3' } });
    expectCleanError(dns);
    expect(dns.stderr).toMatch(
      /^Unable to establish connection to .*: getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid/,
    );
    const tls = await xloud(['token', 'issue'], {
      env: { ...env, OS_AUTH_URL: server.baseUrl.replace('http:', 'https:') },
    });
    expectCleanError(tls);
    expect(tls.stderr).toMatch(/SSL error: wrong version number \(is it an http:\/\/ URL given as https:\/\/\?\)/);
    const missing = await xloud(['project', 'show', `nope-${run}`], { env });
    expectCleanError(missing);
    // a server that accepts the connection and never answers
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const slow = await xloud(['--timeout', '1', 'token', 'issue'], {
        env: { ...env, OS_AUTH_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v3` },
      });
      expectCleanError(slow);
      expect(slow.stderr).toMatch(
        /^Request to http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens timed out after 1000 ms \(POST\)/,
      );
    } finally {
      silent.close();
    }
    const help = await xloud(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('whoami');
  });
});

describe('password prompt', { timeout: 90_000 }, () => {
  const noPassword = () => {
    const { OS_PASSWORD: _password, ...rest } = env;
    return rest;
  };

  it('on a terminal, "Password: " is asked and what is typed is not echoed', async () => {
    const secret = server.adminPassword;
    const r = await onTerminal(['token', 'issue', '-f', 'value', '-c', 'user_id'], noPassword(), 'Password:', secret);
    expect(r.screen).toMatch(/^Password: \r?\n[0-9a-f]{32}\r?\n$/);
    expect(r.screen).not.toContain(secret);
    expect(r.code).toBe(0);
    const wrong = await onTerminal(['token', 'issue'], noPassword(), 'Password:', `wrong-${run}`);
    expect(wrong.code).toBe(1);
    expect(wrong.screen).not.toContain(`wrong-${run}`);
    expect(wrong.screen).toMatch(/requires authentication\. \(HTTP 401\)/);
  });

  it('without a terminal, the clear missing-password error', async () => {
    const r = await xloud(['token', 'issue'], { env: noPassword() });
    expectCleanError(r);
    expect(r.stderr).toMatch(
      /^Missing value password \(OS_PASSWORD or --os-password\) required for auth plugin password/,
    );
  });
});

describe('application credential files', { timeout: 120_000 }, () => {
  it('--clouds-yaml FILE --cloud NAME and --openrc FILE work with xloud and with openstack', async () => {
    const dir = tempDir();
    const cloudsFile = join(dir, 'ci.yaml');
    const openrcFile = join(dir, 'ci-openrc.sh');
    const created = await xloud(
      [
        'application',
        'credential',
        'create',
        `files-${run}`,
        '--clouds-yaml',
        cloudsFile,
        '--cloud',
        'ci',
        '--openrc',
        openrcFile,
        '-f',
        'json',
      ],
      { env, cwd: dir },
    );
    expect(created.code).toBe(0);
    const ac = JSON.parse(created.stdout);
    for (const f of [cloudsFile, openrcFile]) {
      expect(statSync(f).mode & 0o777).toBe(0o600);
      expect(readFileSync(f, 'utf8')).toContain(ac.secret);
    }
    expect(readFileSync(cloudsFile, 'utf8')).toMatch(/^# This is a clouds\.yaml file/);

    const home = tempDir('xloud-home-');
    const viaFile = { OS_CLIENT_CONFIG_FILE: cloudsFile };
    const [xl, real, sourced] = await Promise.all([
      json(['--os-cloud', 'ci', 'token', 'issue'], { env: viaFile, home }),
      osc(['--os-cloud', 'ci', 'token', 'issue', '-f', 'json'], { env: viaFile, home }),
      bash(
        `. ${openrcFile} && openstack token issue -f json && "${process.execPath}" "${XLOUD_BIN}" token issue -f json`,
        { home },
      ),
    ]);
    expect(xl.project_id).toBe(ac.project_id);
    expect(JSON.parse(real.stdout).project_id).toBe(ac.project_id);
    expect(sourced.code).toBe(0);
    const [fromOsc, fromXloud] = sourced.stdout.split(/\n(?=\{)/).map((j) => JSON.parse(j));
    expect([fromOsc.project_id, fromXloud.project_id]).toEqual([ac.project_id, ac.project_id]);

    // an existing file is never overwritten, and nothing is created then
    writeFileSync(join(dir, 'taken.yaml'), 'clouds: {}\n');
    const refused = await xloud(
      ['application', 'credential', 'create', `again-${run}`, '--clouds-yaml', 'taken.yaml'],
      { env, cwd: dir },
    );
    expectCleanError(refused);
    expect(refused.stderr).toMatch(/taken\.yaml already exists/);
    expect((await xloud(['application', 'credential', 'show', `again-${run}`], { env })).code).toBe(1);
  });
});

describe('xloud whoami', { timeout: 90_000 }, () => {
  it('shows user, scope, roles with the implied ones marked, expiry, methods, auth URL, region and interface', async () => {
    const me = await json(['whoami'], { env });
    expect(me).toMatchObject({
      user: 'admin',
      user_domain: 'Default',
      user_domain_id: 'default',
      scope: 'project',
      project: 'admin',
      project_domain: 'Default',
    });
    expect(me).toMatchObject({
      methods: 'password',
      auth_type: 'password',
      auth_url: `${server.baseUrl}/v3`,
      identity_endpoint: `${server.baseUrl}/v3`,
      region_name: 'RegionOne',
      interface: 'public',
    });
    expect(Date.parse(me.expires_at)).toBeGreaterThan(Date.now());
    const token = await json(['token', 'issue'], { env });
    expect(me.user_id).toBe(token.user_id);
    expect(me.project_id).toBe(token.project_id);
    // bootstrap's chain admin → manager → member → reader: only admin is not implied
    const byName = Object.fromEntries(
      (me.roles as { name: string; implied_by?: string[] }[]).map((r) => [r.name, r.implied_by]),
    );
    expect(byName.admin).toBeUndefined();
    expect(byName.member).toEqual(['manager']);
    expect(byName.reader).toEqual(['member']);

    const table = await ok(['whoami'], { env });
    expect(table).toMatch(/\| roles +\| admin, .*reader \(implied by member\)/);
    const yaml = await ok(['whoami', '-f', 'yaml', '-c', 'user', '-c', 'scope'], { env });
    expect(yaml).toBe('user: admin\nscope: project\n');
  });

  it('a user who may not read the inference rules still sees the token roles', async () => {
    const name = `who-${run}`;
    await ok(['user', 'create', name, '--password', `pw-${run}`], { env });
    await ok(['role', 'add', '--user', name, '--project', 'admin', 'member'], { env });
    const me = await json(['whoami'], { env: { ...env, OS_USERNAME: name, OS_PASSWORD: `pw-${run}` } });
    expect(me.user).toBe(name);
    expect((me.roles as { name: string }[]).map((r) => r.name).sort()).toEqual(['member', 'reader']);
    expect(me.role_inferences).toMatch(/^not readable with this token/);
  });
});

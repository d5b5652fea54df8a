/**
 * Configuration the way users get it: `xloud configure` (flags and interactive answers) writing clouds.yaml and a
 * 0600 secure.yaml that `--os-cloud` then uses; `xloud openrc` and `xloud clouds-yaml` (the dashboard's downloads,
 * without secrets) working when sourced/saved; clouds.yaml < OS_* < --os-* precedence; shell completion.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { adminEnv, bash, json, ok, osc, tempDir, unique, xloud, XLOUD_BIN } from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;
let authUrl: string;
const run = unique();

beforeAll(async () => {
  server = await startTestServer();
  authUrl = `${server.baseUrl}/v3`;
  env = adminEnv(server.baseUrl, server.adminPassword);
});
afterAll(async () => {
  await server?.close();
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('xloud configure', { timeout: 90_000 }, () => {
  it('from flags: clouds.yaml without secrets, secure.yaml 0600, usable with --os-cloud', async () => {
    const home = tempDir('xloud-home-');
    const w = await xloud(
      [
        'configure',
        '--cloud',
        'lab',
        '--auth-url',
        authUrl,
        '--username',
        'admin',
        '--password',
        server.adminPassword,
        '--project-name',
        'admin',
        '--region-name',
        'RegionOne',
        '--non-interactive',
      ],
      { home },
    );
    expect(w.code).toBe(0);
    expect(w.stdout + w.stderr).not.toContain(server.adminPassword);
    const dir = join(home, '.config', 'openstack');
    const clouds = readFileSync(join(dir, 'clouds.yaml'), 'utf8');
    const secure = readFileSync(join(dir, 'secure.yaml'), 'utf8');
    expect(clouds).not.toContain(server.adminPassword);
    expect(clouds).toContain(`auth_url: ${authUrl}`);
    expect(clouds).toContain('region_name: RegionOne');
    expect(secure).toContain(`password: ${server.adminPassword}`);
    expect(mode(join(dir, 'secure.yaml'))).toBe(0o600);

    // a second cloud keeps the first, and its comments
    writeFileSync(join(dir, 'clouds.yaml'), `# my clouds\n${clouds}`);
    await ok(
      [
        'configure',
        '--cloud',
        'other',
        '--auth-url',
        'http://other.example.com/v3',
        '--application-credential-id',
        'abc',
        '--application-credential-secret',
        'app-sec',
        '--non-interactive',
      ],
      { home },
    );
    const both = readFileSync(join(dir, 'clouds.yaml'), 'utf8');
    expect(both).toContain('# my clouds');
    expect(both).toMatch(/lab:[\s\S]*other:[\s\S]*auth_type: v3applicationcredential/);
    expect(both).not.toContain('app-sec');
    expect(readFileSync(join(dir, 'secure.yaml'), 'utf8')).toContain('application_credential_secret: app-sec');
    expect(mode(join(dir, 'secure.yaml'))).toBe(0o600);

    const [tok, viaEnv, missing] = await Promise.all([
      json(['--os-cloud', 'lab', 'token', 'issue'], { home }),
      json(['token', 'issue'], { home, env: { OS_CLOUD: 'lab' } }),
      xloud(['configure', '--cloud', 'x', '--auth-url', authUrl, '--non-interactive'], { home }),
    ]);
    expect(tok.project_id).toBe(viaEnv.project_id);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Missing values for --username, --password, --project-name/);

    // the real openstack command reads the same file (and its secure.yaml) with the same HOME
    const viaOsc = await osc(['--os-cloud', 'lab', 'token', 'issue', '-f', 'json'], { home });
    expect(viaOsc.stderr).toBe('');
    expect(JSON.parse(viaOsc.stdout).project_id).toBe(tok.project_id);
  });

  it('~/.config/xloud and ~/.config/openstack are both read: adding one hides no cloud of the other', async () => {
    const home = tempDir('xloud-home-');
    const xloudDir = join(home, '.config', 'xloud');
    mkdirSync(xloudDir, { recursive: true });
    const entry = (name: string) =>
      `  ${name}:\n    auth:\n      auth_url: ${authUrl}\n      username: admin\n      password: ${server.adminPassword}\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n`;
    writeFileSync(join(xloudDir, 'clouds.yaml'), `clouds:\n${entry('in-xloud')}${entry('shared-name')}`);
    const w = await xloud(
      [
        'configure',
        '--cloud',
        'shared-name',
        '--auth-url',
        'http://127.0.0.1:9/v3',
        '--username',
        'u',
        '--password',
        'p',
        '--project-name',
        'x',
        '--non-interactive',
      ],
      { home },
    );
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(
      `Warning: ${join(xloudDir, 'clouds.yaml')} also defines cloud 'shared-name' and takes precedence`,
    );
    await ok(
      [
        'configure',
        '--cloud',
        'in-openstack',
        '--auth-url',
        authUrl,
        '--username',
        'admin',
        '--password',
        server.adminPassword,
        '--project-name',
        'admin',
        '--non-interactive',
      ],
      { home },
    );
    const [a, b, shared] = await Promise.all([
      json(['--os-cloud', 'in-xloud', 'token', 'issue'], { home }),
      json(['--os-cloud', 'in-openstack', 'token', 'issue'], { home }),
      json(['--os-cloud', 'shared-name', 'token', 'issue'], { home }),
    ]);
    expect([a.project_id, shared.project_id]).toEqual([b.project_id, b.project_id]);
  });

  it('interactively, answers read from stdin', async () => {
    const home = tempDir('xloud-home-');
    const answers = `${['ask', 'password', authUrl, 'admin', server.adminPassword, 'admin', '', '', ''].join('\n')}\n`;
    const w = await xloud(['configure'], { home, input: answers });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('Password: ');
    expect(w.stderr).not.toContain(server.adminPassword);
    const clouds = readFileSync(join(home, '.config', 'openstack', 'clouds.yaml'), 'utf8');
    expect(clouds).toMatch(/ask:\n\s+auth:\n\s+auth_url: http/);
    expect(clouds).toContain('user_domain_name: Default');
    expect((await json(['--os-cloud', 'ask', 'token', 'issue'], { home })).user_id).toMatch(/\S+/);
    const broken = tempDir('xloud-home-');
    mkdirSync(join(broken, '.config', 'openstack'), { recursive: true });
    writeFileSync(join(broken, '.config', 'openstack', 'clouds.yaml'), 'clouds: [oops\n');
    const r = await xloud(
      [
        'configure',
        '--cloud',
        'c',
        '--auth-url',
        authUrl,
        '--username',
        'u',
        '--password',
        'p',
        '--project-name',
        'x',
        '--non-interactive',
      ],
      { home: broken },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Cannot update .*clouds\.yaml: it is not valid YAML/);
  });
});

describe('dashboard downloads', { timeout: 90_000 }, () => {
  it('openrc: no password inside; sourcing it (password typed at the prompt) authenticates', async () => {
    const out = await ok(['openrc'], { env });
    expect(out).not.toContain(server.adminPassword);
    expect(out).toContain(`export OS_AUTH_URL='${authUrl}'`);
    expect(out).toContain("export OS_PROJECT_NAME='admin'");
    expect(out).toContain('read -sr OS_PASSWORD_INPUT');
    const dir = tempDir();
    writeFileSync(join(dir, 'admin-openrc.sh'), out);
    const script = `. ./admin-openrc.sh >/dev/null; exec "${process.execPath}" "${XLOUD_BIN}" token issue -f json`;
    const res = await bash(script, { cwd: dir, home: dir, input: `${server.adminPassword}\n` });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).project_id).toMatch(/\S+/);
  });

  it('clouds-yaml: no secret inside; saved with a secure.yaml it works; app-credential flavour', async () => {
    const out = await ok(['clouds-yaml', '--cloud-name', 'mine'], { env });
    expect(out).not.toContain(server.adminPassword);
    expect(out).toMatch(/^# This is a clouds\.yaml file/);
    const home = tempDir('xloud-home-');
    const dir = join(home, '.config', 'xloud');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clouds.yaml'), out);
    writeFileSync(join(dir, 'secure.yaml'), `clouds:\n  mine:\n    auth:\n      password: ${server.adminPassword}\n`, {
      mode: 0o600,
    });
    expect((await json(['--os-cloud', 'mine', 'project', 'show', 'admin'], { home })).name).toBe('admin');

    const ac = await json(['application', 'credential', 'create', `dl-${run}`, '--secret', `dl-secret-${run}`], {
      env,
    });
    const acEnv = {
      OS_AUTH_URL: authUrl,
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: ac.id,
      OS_APPLICATION_CREDENTIAL_SECRET: `dl-secret-${run}`,
    };
    const [acYaml, acRc] = await Promise.all([ok(['clouds-yaml'], { env: acEnv }), ok(['openrc'], { env: acEnv })]);
    expect(acYaml).toContain(`application_credential_id: "${ac.id}"`);
    expect(acYaml).toContain('auth_type: "v3applicationcredential"');
    expect(acYaml + acRc).not.toContain(`dl-secret-${run}`);
    expect(acYaml + acRc).not.toMatch(/your (OpenStack )?password/i);
    expect(acRc).toContain(`export OS_APPLICATION_CREDENTIAL_ID='${ac.id}'`);
    // sourced with the secret typed at the prompt, it authenticates as the application credential
    const dir2 = tempDir();
    writeFileSync(join(dir2, 'app-openrc.sh'), acRc);
    const sourced = await bash(`. ./app-openrc.sh; exec "${process.execPath}" "${XLOUD_BIN}" token issue -f json`, {
      cwd: dir2,
      home: dir2,
      input: `dl-secret-${run}\n`,
    });
    expect(sourced.code).toBe(0);
    expect(JSON.parse(sourced.stdout).project_id).toBe(ac.project_id);
  });
});

describe('precedence and completion', { timeout: 90_000 }, () => {
  it('--os-* flags beat OS_* variables, which beat clouds.yaml; --os-cloud beats OS_CLOUD', async () => {
    const other = await json(['project', 'create', `prec-${run}`], { env });
    await ok(['role', 'add', '--user', 'admin', '--project', other.id, 'admin'], { env });
    const admin = await json(['project', 'show', 'admin'], { env });
    const home = tempDir('xloud-home-');
    const dir = join(home, '.config', 'xloud');
    mkdirSync(dir, { recursive: true });
    const cloud = (name: string, project: string) =>
      `  ${name}:\n    auth:\n      auth_url: ${authUrl}\n      username: admin\n      password: ${server.adminPassword}\n      project_name: ${project}\n      user_domain_name: Default\n      project_domain_name: Default\n`;
    writeFileSync(join(dir, 'clouds.yaml'), `clouds:\n${cloud('a', 'admin')}${cloud('b', `prec-${run}`)}`);
    const scoped = (r: { project_id: string }) => r.project_id;
    const [fileOnly, envWins, flagWins, osCloud, flagCloud] = await Promise.all([
      json(['--os-cloud', 'a', 'token', 'issue'], { home }),
      json(['--os-cloud', 'a', 'token', 'issue'], { home, env: { OS_PROJECT_NAME: `prec-${run}` } }),
      json(['--os-cloud', 'a', '--os-project-name', 'admin', 'token', 'issue'], {
        home,
        env: { OS_PROJECT_NAME: `prec-${run}` },
      }),
      json(['token', 'issue'], { home, env: { OS_CLOUD: 'b' } }),
      json(['--os-cloud', 'a', 'token', 'issue'], { home, env: { OS_CLOUD: 'b' } }),
    ]);
    expect(scoped(fileOnly)).toBe(admin.id);
    expect(scoped(envWins)).toBe(other.id);
    expect(scoped(flagWins)).toBe(admin.id);
    expect(scoped(osCloud)).toBe(other.id);
    expect(scoped(flagCloud)).toBe(admin.id);
  });

  it('bash completion script is valid and completes command words', async () => {
    const script = await ok(['complete']);
    const dir = tempDir();
    writeFileSync(join(dir, 'xloud.bash'), script);
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `. ./xloud.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _xloud; echo "\${COMPREPLY[*]}"`,
        ],
        { cwd: dir, encoding: 'utf8' },
      ).trim();
    expect(complete(['xloud', 'proj'])).toBe('project');
    expect(complete(['xloud', 'role', 'assignment', ''])).toBe('list');
    expect(complete(['xloud', 'application', 'credential', 'create', '--ro'])).toBe('--role');
    expect(complete(['xloud', '--os-cl'])).toBe('--os-cloud');
    expect((await ok(['complete', '--shell', 'zsh'])).includes('bashcompinit')).toBe(true);
  });
});

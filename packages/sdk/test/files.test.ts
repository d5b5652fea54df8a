/**
 * The OpenRC and clouds.yaml generators (`renderOpenrc`, `renderCloudsYaml`): hostile names are inert and read back
 * byte for byte — by bash sourcing the OpenRC file (no command runs, no marker file appears), by the SDK's YAML
 * reader and `loadCloudConfig`, and by the real `openstack` CLI — and secrets appear only where the rules allow.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  ConfigError,
  loadCloudConfig,
  renderCloudsYaml,
  renderOpenrc,
  shellQuote,
  yamlQuote,
  type CredentialFileOptions,
} from '../src/index.ts';
import * as browser from '../src/browser.ts';
import { readYaml } from '../src/config/read-yaml.ts';

const readBack = (text: string): unknown => readYaml(text, 'clouds.yaml');

const OPENSTACK = process.env.XLOUD_OPENSTACK_CLI ?? '/usr/bin/openstack';

/** Names that break naive quoting; each that could run a command would create a file in the current directory. */
const HOSTILE = [
  '$(touch m-dollar)',
  '`touch m-backquote`',
  "a'b'; touch m-single; '",
  'a"b"; touch m-double; "',
  'line one\ntouch m-newline\n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion that the written file must keep literally
  'colon: hash # bang! ${HOME} $((6*7)) \\ back\\slash',
  '  leading and trailing  \t',
  '-n',
  'Zürich ☃ 😀 \u2028 \u0085 \x7f \x1b[31m',
  "'",
  '"',
  '*',
];

const nul = (s: string) => s.split('\0');

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'xloud-files-'));
}

/** Sources `script` in bash with `stdin`, prints the given variables NUL-separated; also lists files created. */
function source(
  script: string,
  vars: string[],
  stdin = '',
  presetEnv: Record<string, string> = {},
): { values: Record<string, string | undefined>; created: string[]; stderr: string } {
  const cwd = dir();
  writeFileSync(join(cwd, 'openrc.sh'), script);
  const printer = vars
    .map((v) => `if [ -n "\${${v}+x}" ]; then printf '%s=%s\\0' ${v} "$${v}"; else printf '%s\\0' ${v}; fi`)
    .join('; ');
  const res = spawnSync('bash', ['-c', `set -eu; source ./openrc.sh; ${printer}`], {
    cwd,
    input: stdin,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8', ...presetEnv },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`sourcing failed (${res.status}): ${res.stderr}`);
  const values: Record<string, string | undefined> = {};
  for (const item of nul(res.stdout).slice(0, -1)) {
    const eq = item.indexOf('=');
    if (eq < 0) values[item] = undefined;
    else values[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { values, created: readdirSync(cwd).filter((f) => f !== 'openrc.sh'), stderr: res.stderr };
}

const base = (name: string): CredentialFileOptions => ({
  kind: 'password',
  cloudName: name,
  authUrl: 'https://identity.example.com:5000/v3',
  regionName: name,
  username: name,
  userDomainName: name,
  projectId: name,
  projectName: name,
  projectDomainName: name,
});

describe('shellQuote and yamlQuote', () => {
  test('shell words read back exactly (bash printf), NUL refused', () => {
    const words = HOSTILE.map(shellQuote).join(' ');
    const out = execFileSync('bash', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8', cwd: dir() });
    expect(nul(out).slice(0, -1)).toEqual(HOSTILE);
    expect(() => shellQuote('a\0b')).toThrow(ConfigError);
  });

  test('YAML scalars are printable ASCII and parse back exactly (SDK reader and PyYAML)', () => {
    const doc = HOSTILE.map((h, i) => `k${i}: ${yamlQuote(h)}`).join('\n');
    expect(doc).toMatch(/^[\x20-\x7e\n]*$/);
    const parsed = readBack(doc) as Record<string, string>;
    expect(HOSTILE.map((_, i) => parsed[`k${i}`])).toEqual(HOSTILE);
    const py = execFileSync(
      '/usr/bin/python3',
      ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'],
      { input: doc, encoding: 'utf8' },
    );
    expect(HOSTILE.map((_, i) => (JSON.parse(py) as Record<string, string>)[`k${i}`])).toEqual(HOSTILE);
  });
});

describe('renderOpenrc', () => {
  const PASSWORD = '  p@ss \'w"\\ $(touch m-password) ';

  test.each(HOSTILE.map((h) => [JSON.stringify(h), h]))(
    'password file with every value %s: sourced in bash, byte-identical, nothing runs',
    (_label, name) => {
      const script = renderOpenrc(base(name));
      expect(script).not.toContain(PASSWORD);
      const vars = [
        'OS_AUTH_URL',
        'OS_USERNAME',
        'OS_USER_DOMAIN_NAME',
        'OS_PROJECT_ID',
        'OS_PROJECT_NAME',
        'OS_PROJECT_DOMAIN_NAME',
        'OS_REGION_NAME',
        'OS_PASSWORD',
        'OS_INTERFACE',
        'OS_IDENTITY_API_VERSION',
        'OS_AUTH_TYPE',
      ];
      const { values, created, stderr } = source(script, vars, `${PASSWORD}\n`);
      expect(created).toEqual([]);
      expect(values).toEqual({
        OS_AUTH_URL: 'https://identity.example.com:5000/v3',
        OS_USERNAME: name,
        OS_USER_DOMAIN_NAME: name,
        OS_PROJECT_ID: name,
        OS_PROJECT_NAME: name,
        OS_PROJECT_DOMAIN_NAME: name,
        OS_REGION_NAME: name,
        OS_PASSWORD: PASSWORD,
        OS_INTERFACE: 'public',
        OS_IDENTITY_API_VERSION: '3',
        OS_AUTH_TYPE: 'password',
      });
      expect(stderr).toContain('Please enter your OpenStack Password for project');
    },
  );

  test("another cloud's variables are cleared; a password without a final newline is still read", () => {
    const script = renderOpenrc({
      kind: 'password',
      cloudName: 'x',
      authUrl: 'http://k/v3',
      userId: 'u-1',
      domainName: 'Acme',
    });
    const { values } = source(
      script,
      [
        'OS_CLOUD',
        'OS_TOKEN',
        'OS_PROJECT_NAME',
        'OS_TENANT_NAME',
        'OS_USER_ID',
        'OS_DOMAIN_NAME',
        'OS_PASSWORD',
        'OS_REGION_NAME',
      ],
      'no-newline',
      {
        OS_CLOUD: 'other',
        OS_TOKEN: 'tok',
        OS_PROJECT_NAME: 'old',
        OS_TENANT_NAME: 'older',
        OS_REGION_NAME: 'R9',
      },
    );
    expect(values).toEqual({
      OS_CLOUD: undefined,
      OS_TOKEN: undefined,
      OS_PROJECT_NAME: undefined,
      OS_TENANT_NAME: undefined,
      OS_USER_ID: 'u-1',
      OS_DOMAIN_NAME: 'Acme',
      OS_PASSWORD: 'no-newline',
      OS_REGION_NAME: undefined,
    });
  });

  test('application credential: the id, the secret only when given, else a prompt; no password text', () => {
    const secret = "s3cr'et $(touch m-secret)";
    const prompted = renderOpenrc({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialId: 'ac-1',
      regionName: 'RegionOne',
    });
    const given = renderOpenrc({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialId: 'ac-1',
      applicationCredentialSecret: secret,
    });
    for (const script of [prompted, given]) expect(script).not.toMatch(/your (OpenStack )?password/i);
    expect(prompted).not.toContain(secret);
    expect(prompted).toContain('Please enter the secret of application credential');
    const vars = [
      'OS_AUTH_TYPE',
      'OS_APPLICATION_CREDENTIAL_ID',
      'OS_APPLICATION_CREDENTIAL_SECRET',
      'OS_USERNAME',
      'OS_PASSWORD',
    ];
    const a = source(prompted, vars, `${secret}\n`, { OS_USERNAME: 'old', OS_PASSWORD: 'old' });
    const b = source(given, vars, '', { OS_USERNAME: 'old', OS_PASSWORD: 'old' });
    for (const r of [a, b]) {
      expect(r.created).toEqual([]);
      expect(r.values).toEqual({
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_APPLICATION_CREDENTIAL_ID: 'ac-1',
        OS_APPLICATION_CREDENTIAL_SECRET: secret,
        OS_USERNAME: undefined,
        OS_PASSWORD: undefined,
      });
    }
    expect(b.stderr).toBe('');
    const byName = renderOpenrc({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialName: 'deploy',
      username: 'ci',
      userDomainName: 'Default',
    });
    expect(byName).toContain("export OS_APPLICATION_CREDENTIAL_NAME='deploy'");
    expect(byName).toContain("export OS_USERNAME='ci'");
  });

  test('incomplete or contradictory options are ERR_CONFIG naming what is missing', () => {
    expect(() => renderOpenrc({ kind: 'password', cloudName: 'c', authUrl: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', missing: ['auth_url', 'username'] }),
    );
    expect(() => renderOpenrc({ kind: 'application_credential', cloudName: 'c', authUrl: 'http://k/v3' })).toThrow(
      expect.objectContaining({ missing: ['application_credential_id'] }),
    );
    expect(() =>
      renderCloudsYaml({
        kind: 'application_credential',
        cloudName: 'c',
        authUrl: 'http://k/v3',
        applicationCredentialName: 'n',
      }),
    ).toThrow(expect.objectContaining({ missing: ['user_id'] }));
    expect(() => renderOpenrc({ ...base('x'), domainId: 'd' })).toThrow(/project or to a domain, not both/);
  });
});

describe('renderCloudsYaml', () => {
  test.each(HOSTILE.map((h) => [JSON.stringify(h), h]))(
    'password cloud named %s: ASCII, no blank line, read back by the SDK YAML reader and loadCloudConfig',
    (_label, name) => {
      const yaml = renderCloudsYaml(base(name));
      expect(yaml).toMatch(/^[\x20-\x7e\n]*$/);
      expect(yaml.trimEnd()).not.toMatch(/\n\s*\n/);
      expect(yaml).not.toMatch(/^\s+password:/m);
      expect(yaml).toContain('Put it in secure.yaml next to this file');
      expect(yaml).toContain('xloud configure');
      const expectedAuth = {
        auth_url: 'https://identity.example.com:5000/v3',
        username: name,
        user_domain_name: name,
        project_id: name,
        project_name: name,
        project_domain_name: name,
      };
      expect(readBack(yaml)).toEqual({
        clouds: { [name]: { auth: expectedAuth, region_name: name, interface: 'public', identity_api_version: 3 } },
      });

      const d = dir();
      writeFileSync(join(d, 'clouds.yaml'), yaml);
      writeFileSync(
        join(d, 'secure.yaml'),
        `clouds:\n  ${yamlQuote(name)}:\n    auth:\n      password: ${yamlQuote('pw')}\n`,
      );
      const config = loadCloudConfig({
        cloud: name,
        env: { OS_CLIENT_CONFIG_FILE: join(d, 'clouds.yaml'), OS_CLIENT_SECURE_FILE: join(d, 'secure.yaml') },
        searchPath: [],
      });
      expect(config).toMatchObject({
        name,
        auth_type: 'password',
        auth: { ...expectedAuth, password: 'pw' },
        region_name: name,
        interface: 'public',
      });
      expect(String(config.identity_api_version)).toBe('3');
    },
  );

  test('application credential: auth_type, id, secret only when given; no password text', () => {
    const noSecret = renderCloudsYaml({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialId: 'ac-1',
      regionName: 'RegionOne',
      interface: 'internal',
    });
    const withSecret = renderCloudsYaml({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialId: 'ac-1',
      applicationCredentialSecret: 'sec: "x"',
    });
    for (const y of [noSecret, withSecret]) {
      expect(y).not.toMatch(/password/i);
      expect(y.trimEnd()).not.toMatch(/\n\s*\n/);
    }
    expect(noSecret).toContain('application_credential_secret: "..."'); // the secure.yaml hint, commented out
    expect(readBack(noSecret)).toEqual({
      clouds: {
        ci: {
          auth_type: 'v3applicationcredential',
          auth: { auth_url: 'http://k/v3', application_credential_id: 'ac-1' },
          region_name: 'RegionOne',
          interface: 'internal',
          identity_api_version: 3,
        },
      },
    });
    expect(readBack(withSecret)).toEqual({
      clouds: {
        ci: {
          auth_type: 'v3applicationcredential',
          auth: {
            auth_url: 'http://k/v3',
            application_credential_id: 'ac-1',
            application_credential_secret: 'sec: "x"',
          },
          interface: 'public',
          identity_api_version: 3,
        },
      },
    });
    expect(withSecret).toContain('keep it private');
  });

  test('a domain-scoped password cloud', () => {
    const yaml = renderCloudsYaml({
      kind: 'password',
      cloudName: 'd',
      authUrl: 'http://k/v3',
      username: 'admin',
      userDomainId: 'default',
      domainName: 'Acme',
    });
    expect((readBack(yaml) as { clouds: { d: { auth: unknown } } }).clouds.d.auth).toEqual({
      auth_url: 'http://k/v3',
      username: 'admin',
      user_domain_id: 'default',
      domain_name: 'Acme',
    });
  });

  test('the browser entry exports the same generators', () => {
    expect(browser.renderOpenrc).toBe(renderOpenrc);
    expect(browser.renderCloudsYaml).toBe(renderCloudsYaml);
  });
});

describe('the real openstack CLI reads the generated clouds.yaml', { timeout: 120_000 }, () => {
  beforeAll(() => {
    try {
      accessSync(OPENSTACK, constants.X_OK);
    } catch {
      throw new Error(
        `${OPENSTACK} is needed for this test: apt-get install python3-openstackclient (or set XLOUD_OPENSTACK_CLI)`,
      );
    }
  });

  /** `openstack --os-cloud NAME configuration show -f json --unmask` with only this file (and an optional secure.yaml). */
  function oscShow(yaml: string, cloud: string, secure?: string): Record<string, unknown> {
    const d = dir();
    writeFileSync(join(d, 'clouds.yaml'), yaml);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: d,
      LANG: 'C.UTF-8',
      PYTHONWARNINGS: 'ignore',
      OS_CLIENT_CONFIG_FILE: join(d, 'clouds.yaml'),
    };
    if (secure) {
      writeFileSync(join(d, 'secure.yaml'), secure);
      env.OS_CLIENT_SECURE_FILE = join(d, 'secure.yaml');
    }
    const res = spawnSync(OPENSTACK, ['--os-cloud', cloud, 'configuration', 'show', '-f', 'json', '--unmask'], {
      cwd: d,
      env,
      encoding: 'utf8',
      input: '',
    });
    if (res.status !== 0) throw new Error(`openstack exited ${res.status}: ${res.stderr}`);
    expect(existsSync(join(d, 'm-dollar')) || existsSync(join(d, 'm-backquote'))).toBe(false);
    return JSON.parse(res.stdout) as Record<string, unknown>;
  }

  test('password cloud with a hostile name and values (password from secure.yaml)', () => {
    // openstacksdk applies Python's str.format to top-level values (the cloud name, region_name): braces there
    // are its own syntax, so the cloud name and region here have none; the auth values have everything.
    const name = `${HOSTILE[0]} ${HOSTILE[1]} ${HOSTILE[2]} ${HOSTILE[3]} ${HOSTILE[4]} colon: hash # $HOME \\ ${HOSTILE[8]}`;
    const value = HOSTILE.join(' ');
    const options: CredentialFileOptions = { ...base(value), cloudName: name, regionName: name };
    const shown = oscShow(
      renderCloudsYaml(options),
      name,
      `clouds:\n  ${yamlQuote(name)}:\n    auth:\n      password: ${yamlQuote('p"w')}\n`,
    );
    expect(shown).toMatchObject({
      cloud: name,
      auth_type: 'password',
      'auth.auth_url': 'https://identity.example.com:5000/v3',
      'auth.username': value,
      'auth.user_domain_name': value,
      'auth.project_id': value,
      'auth.project_name': value,
      'auth.project_domain_name': value,
      'auth.password': 'p"w',
      region_name: name,
      interface: 'public',
      identity_api_version: '3',
    });
  });

  test('application credential cloud with its secret', () => {
    const yaml = renderCloudsYaml({
      kind: 'application_credential',
      cloudName: 'ci',
      authUrl: 'http://k/v3',
      applicationCredentialId: 'ac-1',
      applicationCredentialSecret: 's\'e"c\nret',
      regionName: 'RegionOne',
    });
    expect(oscShow(yaml, 'ci')).toMatchObject({
      auth_type: 'v3applicationcredential',
      'auth.auth_url': 'http://k/v3',
      'auth.application_credential_id': 'ac-1',
      'auth.application_credential_secret': 's\'e"c\nret',
      region_name: 'RegionOne',
    });
  });
});

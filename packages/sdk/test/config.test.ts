import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  authFromConfig,
  ConfigError,
  configSearchPath,
  findConfigFiles,
  listClouds,
  loadCloudConfig,
  redactConfig,
  scopeFromAuth,
  type LoadCloudConfigOptions,
} from '../src/index.ts';

let root: string;
let home: string;
let cwd: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'xloud-sdk-config-'));
  home = join(root, 'home');
  cwd = join(root, 'work');
  mkdirSync(home);
  mkdirSync(cwd);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Hermetic: no /etc files, no real environment. */
function load(env: Record<string, string> = {}, options: Partial<LoadCloudConfigOptions> = {}) {
  return loadCloudConfig({
    env: { HOME: home, ...env },
    cwd,
    searchPath: configSearchPath({ env: { HOME: home }, cwd }).filter((d) => !d.startsWith('/etc')),
    ...options,
  });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe('ERR_CONFIG');
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const cloud = (name: string, authUrl: string, extra = '') => `clouds:
  ${name}:
    auth:
      auth_url: ${authUrl}
      username: demo
      password: from-clouds-yaml
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
${extra}`;

describe('search path', () => {
  test('is ./, ~/.config/xloud, ~/.config/openstack, /etc/xloud, /etc/openstack', () => {
    expect(configSearchPath({ cwd: '/w', homeDir: '/h', env: {} })).toEqual([
      '/w',
      '/h/.config/xloud',
      '/h/.config/openstack',
      '/etc/xloud',
      '/etc/openstack',
    ]);
    expect(configSearchPath({ cwd: '/w', env: { HOME: '/h', XDG_CONFIG_HOME: '/x' } })).toEqual([
      '/w',
      '/x/xloud',
      '/h/.config/xloud',
      '/x/openstack',
      '/h/.config/openstack',
      '/etc/xloud',
      '/etc/openstack',
    ]);
  });

  test('the first clouds file found wins: ./ over ~/.config/xloud over ~/.config/openstack', () => {
    write(join(home, '.config/openstack/clouds.yaml'), cloud('c', 'http://openstack-dir/v3'));
    expect(load({}, { cloud: 'c' }).auth.auth_url).toBe('http://openstack-dir/v3');
    write(join(home, '.config/xloud/clouds.yml'), cloud('c', 'http://xloud-dir/v3'));
    expect(load({}, { cloud: 'c' }).auth.auth_url).toBe('http://xloud-dir/v3');
    const here = write(join(cwd, 'clouds.yaml'), cloud('c', 'http://cwd/v3'));
    const config = load({}, { cloud: 'c' });
    expect(config.auth.auth_url).toBe('http://cwd/v3');
    expect(config.config_file).toBe(here);
  });

  test('clouds of every file found are merged: adding ~/.config/xloud/clouds.yaml never hides ~/.config/openstack clouds', () => {
    const openstackFile = write(
      join(home, '.config/openstack/clouds.yaml'),
      cloud('from-openstack', 'http://openstack-dir/v3') +
        cloud('both', 'http://openstack-dir/v3', '    interface: internal\n').replace('clouds:\n', ''),
    );
    const xloudFile = write(
      join(home, '.config/xloud/clouds.yaml'),
      cloud('from-xloud', 'http://xloud-dir/v3') +
        '  both:\n    auth:\n      auth_url: http://xloud-dir/v3\n      token: t\n',
    );
    expect(
      listClouds({
        env: { HOME: home },
        cwd,
        searchPath: [cwd, join(home, '.config/xloud'), join(home, '.config/openstack')],
      }).sort(),
    ).toEqual(['both', 'from-openstack', 'from-xloud']);
    expect(findConfigFiles({ env: { HOME: home }, cwd }).cloudsFiles.slice(0, 2)).toEqual([xloudFile, openstackFile]);
    const fromOpenstack = load({}, { cloud: 'from-openstack' });
    expect(fromOpenstack.auth.auth_url).toBe('http://openstack-dir/v3');
    expect(fromOpenstack.config_file).toBe(openstackFile);
    expect(load({}, { cloud: 'from-xloud' }).config_file).toBe(xloudFile);
    // a name in both files: the whole entry comes from the higher-precedence file, nothing mixed in from the other
    const both = load({}, { cloud: 'both' });
    expect(both.config_file).toBe(xloudFile);
    expect(both.auth_type).toBe('token');
    expect(both.auth.username).toBeUndefined();
    expect(both.interface).toBe('public');
    const e = configError(() => load({}, { cloud: 'gamma' }));
    expect(e.message).toContain(`${xloudFile} and ${openstackFile} define`);
    expect(e.message).toContain('"from-openstack"');
  });

  test('a cloud named like an Object.prototype member is just a name', () => {
    write(join(home, '.config/openstack/clouds.yaml'), cloud('constructor', 'http://ctor/v3'));
    expect(load({}, { cloud: 'constructor' }).auth.auth_url).toBe('http://ctor/v3');
    expect(configError(() => load({}, { cloud: 'toString' })).message).toContain('Cloud toString was not found');
  });

  test('OS_CLIENT_CONFIG_FILE, when it exists, is the only clouds file read (as in openstacksdk)', () => {
    write(join(cwd, 'clouds.yaml'), `${cloud('c', 'http://cwd/v3')}  other:\n    auth: {auth_url: http://x}\n`);
    const custom = write(join(root, 'custom.yaml'), cloud('c', 'http://custom/v3'));
    const config = load({ OS_CLIENT_CONFIG_FILE: custom }, { cloud: 'c' });
    expect(config.auth.auth_url).toBe('http://custom/v3');
    expect(listClouds({ env: { OS_CLIENT_CONFIG_FILE: custom, HOME: home }, cwd, searchPath: [cwd] })).toEqual(['c']);
  });

  test('clouds.json is read too', () => {
    write(
      join(home, '.config/xloud/clouds.json'),
      JSON.stringify({ clouds: { j: { auth: { auth_url: 'http://json/v3', token: 't' }, auth_type: 'token' } } }),
    );
    const config = load({}, { cloud: 'j' });
    expect(config.auth_type).toBe('token');
    expect(config.auth.auth_url).toBe('http://json/v3');
  });
});

describe('secure.yaml', () => {
  test('is merged over clouds.yaml, found on its own search', () => {
    write(
      join(home, '.config/xloud/clouds.yaml'),
      cloud('c', 'http://k/v3').replace('      password: from-clouds-yaml\n', ''),
    );
    const secure = write(
      join(home, '.config/openstack/secure.yaml'),
      'clouds:\n  c:\n    auth:\n      password: from-secure\n',
    );
    const config = load({}, { cloud: 'c' });
    expect(config.auth.password).toBe('from-secure');
    expect(config.auth.username).toBe('demo');
    expect(config.secure_file).toBe(secure);
    expect(config.sources['auth.password']).toBe('secure.yaml');
    expect(config.sources['auth.username']).toBe('clouds.yaml');
    expect(findConfigFiles({ env: { HOME: home }, cwd }).secureFile).toBe(secure);
  });

  test('secure files are merged by cloud name too: each cloud takes its secrets from the first secure file naming it', () => {
    write(
      join(home, '.config/openstack/clouds.yaml'),
      cloud('a', 'http://a/v3') + cloud('b', 'http://b/v3').replace('clouds:\n', ''),
    );
    const xloudSecure = write(
      join(home, '.config/xloud/secure.yaml'),
      'clouds:\n  a:\n    auth:\n      password: a-from-xloud\n',
    );
    const openstackSecure = write(
      join(home, '.config/openstack/secure.yaml'),
      'clouds:\n  a:\n    auth:\n      password: a-from-openstack\n  b:\n    auth:\n      password: b-from-openstack\n',
    );
    const a = load({}, { cloud: 'a' });
    expect([a.auth.password, a.secure_file]).toEqual(['a-from-xloud', xloudSecure]);
    const b = load({}, { cloud: 'b' });
    expect([b.auth.password, b.secure_file]).toEqual(['b-from-openstack', openstackSecure]);
  });

  test('the secrets of a hidden cloud do not leak into the same-named cloud in use', () => {
    const withoutPassword = (url: string) => cloud('c', url).replace('      password: from-clouds-yaml\n', '');
    write(
      join(home, '.config/xloud/clouds.yaml'),
      withoutPassword('http://xloud-dir/v3').replace('username: demo', 'username: other'),
    );
    write(join(home, '.config/openstack/clouds.yaml'), withoutPassword('http://openstack-dir/v3'));
    write(
      join(home, '.config/openstack/secure.yaml'),
      'clouds:\n  c:\n    auth:\n      password: for-the-openstack-dir-cloud\n',
    );
    const config = load({}, { cloud: 'c', validate: false });
    expect(config.auth.auth_url).toBe('http://xloud-dir/v3');
    expect(config.auth.password).toBeUndefined();
    expect(config.secure_file).toBeUndefined();
  });
});

describe('cloud selection and precedence (openstackclient)', () => {
  beforeEach(() => {
    write(
      join(home, '.config/xloud/clouds.yaml'),
      cloud('alpha', 'http://alpha/v3') + cloud('beta', 'http://beta/v3').replace('clouds:\n', ''),
    );
  });

  test('OS_CLOUD selects a cloud; an explicit name beats OS_CLOUD', () => {
    expect(load({ OS_CLOUD: 'beta' }).auth.auth_url).toBe('http://beta/v3');
    expect(load({ OS_CLOUD: 'beta' }, { cloud: 'alpha' }).name).toBe('alpha');
  });

  test('an unknown cloud is an error that lists the known ones', () => {
    const e = configError(() => load({ OS_CLOUD: 'gamma' }));
    expect(e.message).toMatch(/Cloud gamma was not found/);
    expect(e.message).toMatch(/"alpha", "beta"/);
  });

  test('OS_* variables override the selected cloud, flags override both', () => {
    const config = load({ OS_CLOUD: 'alpha', OS_PASSWORD: 'from-env', OS_REGION_NAME: 'RegionTwo' });
    expect(config.auth.password).toBe('from-env');
    expect(config.region_name).toBe('RegionTwo');
    expect(config.sources['auth.password']).toBe('env');
    expect(config.sources['auth.username']).toBe('clouds.yaml');
    const flagged = load(
      { OS_CLOUD: 'alpha', OS_PASSWORD: 'from-env' },
      { overrides: { password: 'from-flag', 'project-name': 'other', region_name: '' } },
    );
    expect(flagged.auth.password).toBe('from-flag');
    expect(flagged.auth.project_name).toBe('other');
    expect(flagged.region_name).toBe('RegionOne');
    expect(flagged.sources['auth.password']).toBe('override');
  });

  test("precedence 'openstacksdk': a selected cloud ignores OS_* credentials (but not OS_REGION_NAME)", () => {
    const config = load(
      { OS_CLOUD: 'alpha', OS_PASSWORD: 'from-env', OS_REGION_NAME: 'RegionTwo' },
      { precedence: 'openstacksdk' },
    );
    expect(config.auth.password).toBe('from-clouds-yaml');
    expect(config.region_name).toBe('RegionTwo');
  });

  test('without a cloud name, OpenRC variables alone configure the client', () => {
    const config = load({
      OS_AUTH_URL: 'http://openrc/v3',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_PROJECT_NAME: 'pr',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
      OS_IDENTITY_API_VERSION: '3',
      OS_INTERFACE: 'internal',
    });
    expect(config.name).toBeUndefined();
    expect(config.auth).toMatchObject({ auth_url: 'http://openrc/v3', username: 'u', project_name: 'pr' });
    expect(config.interface).toBe('internal');
    expect(config.auth_type).toBe('password');
  });

  test('several clouds and nothing selected: the error says to choose one', () => {
    const e = configError(() => load());
    expect(e.missing).toEqual(['auth_url', 'username', 'password']);
    expect(e.message).toMatch(/choose one with OS_CLOUD or --os-cloud/);
  });
});

describe('single cloud and missing values', () => {
  test('a lone cloud is used without OS_CLOUD, unless OS_* credentials are set', () => {
    write(join(cwd, 'clouds.yaml'), cloud('only', 'http://only/v3'));
    expect(load().name).toBe('only');
    expect(load({ OS_AUTH_URL: 'http://env/v3', OS_TOKEN: 't' }).auth.auth_url).toBe('http://env/v3');
  });

  test('nothing configured names each missing variable, flag and clouds.yaml key', () => {
    const e = configError(() => load());
    expect(e.message).toContain('auth_url (OS_AUTH_URL or --os-auth-url)');
    expect(e.message).toContain('password (OS_PASSWORD or --os-password)');
    expect(e.message).toMatch(/No clouds.yaml was found and no OS_\* variables are set/);
  });

  test('a cloud missing its auth_url says which cloud and file', () => {
    const file = write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  broken:\n    auth:\n      username: u\n      password: p\n',
    );
    const e = configError(() => load({ OS_CLOUD: 'broken' }));
    expect(e.missing).toEqual(['auth_url']);
    expect(e.message).toContain(`add auth.auth_url to cloud "broken" in ${file}`);
  });

  test('malformed clouds.yaml points at the line', () => {
    const file = write(join(cwd, 'clouds.yaml'), 'clouds:\n  c:\n    auth:\n\tusername: x\n');
    const e = configError(() => load({ OS_CLOUD: 'c' }));
    expect(e.file).toBe(file);
    expect(e.line).toBe(4);
    expect(e.message).toContain(file);
  });

  test('clouds must be a mapping', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  - a\n');
    expect(configError(() => load()).message).toMatch(/"clouds" must be a mapping/);
  });

  test('validate: false returns what there is', () => {
    expect(load({}, { validate: false }).auth).toEqual({});
  });
});

describe('normalisation', () => {
  test('application credentials from a dashboard OpenRC', () => {
    const config = load({
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_AUTH_URL: 'http://k/identity/v3',
      OS_APPLICATION_CREDENTIAL_ID: 'abc',
      OS_APPLICATION_CREDENTIAL_SECRET: 's',
      OS_REGION_NAME: 'RegionOne',
      OS_INTERFACE: 'public',
      OS_IDENTITY_API_VERSION: '3',
    });
    expect(config.auth_type).toBe('v3applicationcredential');
    expect(authFromConfig(config).authType).toBe('v3applicationcredential');
  });

  test('auth_type is inferred when absent', () => {
    expect(
      load({
        OS_AUTH_URL: 'http://k',
        OS_APPLICATION_CREDENTIAL_NAME: 'n',
        OS_APPLICATION_CREDENTIAL_SECRET: 's',
        OS_USERNAME: 'u',
      }).auth_type,
    ).toBe('v3applicationcredential');
    expect(load({ OS_AUTH_URL: 'http://k', OS_TOKEN: 't' }).auth_type).toBe('token');
    expect(load({ OS_AUTH_URL: 'http://k', OS_USERNAME: 'u', OS_PASSWORD: 'p' }).auth_type).toBe('password');
    expect(
      load({ OS_AUTH_URL: 'http://k', OS_USERNAME: 'u', OS_PASSWORD: 'p', OS_AUTH_TYPE: 'v3password' })
        .auth_type_requested,
    ).toBe('v3password');
  });

  test('legacy names, interface spelling, TLS settings, timeout', () => {
    const config = load({
      OS_AUTH_URL: 'http://k',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_TENANT_NAME: 'legacy',
      OS_ENDPOINT_TYPE: 'internalURL',
      OS_INSECURE: 'true',
      OS_CACERT: '/ca.pem',
      OS_API_TIMEOUT: '12',
    });
    expect(config.auth.project_name).toBe('legacy');
    expect(config.interface).toBe('internal');
    expect(config.insecure).toBe(true);
    expect(config.cacert).toBe('/ca.pem');
    expect(config.api_timeout).toBe(12);
  });

  test('verify: false in clouds.yaml means insecure; verify: <path> is a CA bundle', () => {
    write(
      join(cwd, 'clouds.yaml'),
      cloud('a', 'http://k', '    verify: false\n') +
        cloud('b', 'http://k', '    verify: /etc/ca.pem\n').replace('clouds:\n', ''),
    );
    expect(load({ OS_CLOUD: 'a' }).insecure).toBe(true);
    expect(load({ OS_CLOUD: 'b' })).toMatchObject({ insecure: false, cacert: '/etc/ca.pem' });
  });

  test('a regions list supplies the default region (openstacksdk)', () => {
    write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  r:\n    auth: {auth_url: http://k, token: t}\n    regions:\n      - name: RegionA\n      - RegionB\n',
    );
    expect(load({ OS_CLOUD: 'r' }).region_name).toBe('RegionA');
    expect(load({ OS_CLOUD: 'r', OS_REGION_NAME: 'RegionB' }).region_name).toBe('RegionB');
  });

  test('unsupported auth types, API v2 and bad interfaces are refused clearly', () => {
    expect(configError(() => load({ OS_AUTH_URL: 'http://k', OS_AUTH_TYPE: 'v3oidcpassword' })).message).toMatch(
      /Unsupported auth_type 'v3oidcpassword'/,
    );
    expect(
      configError(() => load({ OS_AUTH_URL: 'http://k', OS_TOKEN: 't', OS_IDENTITY_API_VERSION: '2.0' })).message,
    ).toMatch(/only 3 is/);
    expect(
      configError(() => load({ OS_AUTH_URL: 'http://k', OS_TOKEN: 't', OS_INTERFACE: 'private' })).message,
    ).toMatch(/Invalid interface/);
  });

  test('redactConfig hides secrets', () => {
    const config = load({ OS_AUTH_URL: 'http://k', OS_USERNAME: 'u', OS_PASSWORD: 'hunter2' });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"password":"***"');
  });
});

describe('scope', () => {
  test('project by name uses the project domain, else the default domain', () => {
    expect(scopeFromAuth({ project_name: 'p', project_domain_name: 'D' })).toEqual({
      project: { name: 'p', domain: { name: 'D' } },
    });
    expect(scopeFromAuth({ project_name: 'p' })).toEqual({ project: { name: 'p', domain: { id: 'default' } } });
    expect(scopeFromAuth({ project_id: 'x', project_name: 'ignored' })).toEqual({ project: { id: 'x' } });
    expect(scopeFromAuth({ domain_name: 'D' })).toEqual({ domain: { name: 'D' } });
    expect(scopeFromAuth({ system_scope: 'all' })).toEqual({ system: { all: true } });
    expect(scopeFromAuth({})).toBeUndefined();
  });

  test('two scopes at once are refused', () => {
    expect(() => scopeFromAuth({ project_name: 'p', domain_name: 'd' })).toThrow(/multiple targets/);
  });
});

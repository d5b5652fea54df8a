import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type LoadConfigOptions } from '../../src/conf/index.ts';

function writeConf(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
  writeFileSync(path, text);
  return path;
}

function errorOf(opts: LoadConfigOptions): ConfigError {
  try {
    loadConfig({ env: {}, ...opts });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('configuration errors', () => {
  it('names file, line, section and option for a bad value', () => {
    const file = writeConf('[token]\n\nexpiration = abc\n');
    expect(errorOf({ file }).message).toBe(`${file}:3: [token] expiration: expected an integer >= 0, got "abc"`);
  });

  it('checks ranges, booleans and choices', () => {
    const file = writeConf(`[token]
expiration = -1
caching = maybe
[fernet_tokens]
max_active_keys = 0
[identity]
password_hash_algorithm = md5
max_password_length = 5000
[eventlet_server]
public_port = 70000
[DEFAULT]
public_endpoint = not a url
[security_compliance]
password_regex = (unclosed
`);
    expect(errorOf({ file }).problems).toEqual([
      `${file}:2: [token] expiration: expected an integer >= 0, got "-1"`,
      `${file}:3: [token] caching: expected a boolean (true/false, yes/no, on/off, 1/0), got "maybe"`,
      `${file}:5: [fernet_tokens] max_active_keys: expected an integer >= 1, got "0"`,
      `${file}:7: [identity] password_hash_algorithm: expected one of bcrypt, bcrypt_sha256, scrypt, pbkdf2_sha512, got "md5"`,
      `${file}:8: [identity] max_password_length: expected an integer from 1 to 4096, got "5000"`,
      `${file}:10: [eventlet_server] public_port: expected an integer from 0 to 65535, got "70000"`,
      `${file}:12: [DEFAULT] public_endpoint: expected an absolute http:// or https:// URL, got "not a url"`,
      `${file}:14: [security_compliance] password_regex: expected a regular expression (JavaScript syntax), got "(unclosed"`,
    ]);
  });

  it('rejects unknown options and sections, with a suggestion for near misses', () => {
    const file = writeConf('[token]\nexpiry = 5\n[tokens]\nexpiration = 5\n[nonsense]\nurl = ldap://x\n');
    expect(errorOf({ file }).problems).toEqual([
      `${file}:2: [token] expiry: unknown option`,
      `${file}:4: unknown section [tokens] (did you mean "token"?)`,
      `${file}:6: unknown section [nonsense]`,
    ]);
    expect(errorOf({ overrides: { token: { expiraton: '1' } } }).message).toBe(
      'override: [token] expiraton: unknown option (did you mean "expiration"?)',
    );
  });

  it('names the environment variable', () => {
    expect(errorOf({ env: { XLOUD__TOKEN__EXPIRATION: 'soon' } }).message).toBe(
      'environment variable XLOUD__TOKEN__EXPIRATION: [token] expiration: expected an integer >= 0, got "soon"',
    );
    expect(errorOf({ env: { XLOUD__NOPE__X: '1' } }).message).toBe(
      'environment variable XLOUD__NOPE__X: unknown section [NOPE]',
    );
    expect(errorOf({ env: { XLOUD__TOKEN: '1' } }).message).toBe(
      'environment variable XLOUD__TOKEN: expected the form XLOUD__<SECTION>__<OPTION>',
    );
    expect(errorOf({ env: { XLOUD_PORT: 'http' } }).message).toBe(
      'environment variable XLOUD_PORT: [eventlet_server] public_port: expected an integer from 0 to 65535, got "http"',
    );
  });

  it('validates a file value even when the environment replaces it', () => {
    const file = writeConf('[token]\nexpiration = abc\n');
    expect(errorOf({ file, env: { XLOUD__TOKEN__EXPIRATION: '5' } }).problems).toHaveLength(1);
  });

  it('reports syntax errors and a missing file', () => {
    const file = writeConf('orphan = 1\n[token\n  stray continuation\n[]\nno separator here\n');
    expect(errorOf({ file }).problems).toEqual([
      `${file}:1: option "orphan" appears before any [section]`,
      `${file}:2: section header must end with ']'`,
      `${file}:3: unexpected continuation line`,
      `${file}:4: empty section name`,
      `${file}:5: expected "option = value", got "no separator here"`,
    ]);
    expect(errorOf({ file: '/nonexistent/keystone.conf' }).message).toBe(
      'cannot read configuration file /nonexistent/keystone.conf: file not found',
    );
  });

  it('does not print database passwords', () => {
    const file = writeConf('[database]\nconnection = oracle://keystone:s3cret@db/keystone\n');
    const message = errorOf({ file }).message;
    expect(message).toContain('[database] connection: expected a database URL');
    expect(message).toContain('oracle://keystone:****@db/keystone');
    expect(message).not.toContain('s3cret');
  });

  it('checks password_hash_rounds against the algorithm, and offers only implemented cache backends', () => {
    expect(errorOf({ overrides: { identity: { password_hash_rounds: '25000' } } }).message).toBe(
      '[identity] password_hash_rounds: expected an integer from 4 to 31 for password_hash_algorithm = bcrypt, got "25000"',
    );
    expect(
      loadConfig({
        env: {},
        overrides: { identity: { password_hash_algorithm: 'pbkdf2_sha512', password_hash_rounds: '25000' } },
      }).identity.password_hash_rounds,
    ).toBe(25000);
    expect(errorOf({ overrides: { cache: { backend: 'memcached' } } }).message).toMatch(
      /^override: \[cache\] backend: /,
    );
  });

  it('refuses a password hashing limit below 1 and a negative or fractional queue length', () => {
    const file = writeConf(`[identity]
max_concurrent_password_hashes = 0
password_hash_queue_length = -1
`);
    expect(errorOf({ file }).problems).toEqual([
      `${file}:2: [identity] max_concurrent_password_hashes: expected an integer >= 1, got "0"`,
      `${file}:3: [identity] password_hash_queue_length: expected an integer >= 0, got "-1"`,
    ]);
    expect(errorOf({ overrides: { identity: { max_concurrent_password_hashes: '-2' } } }).message).toBe(
      'override: [identity] max_concurrent_password_hashes: expected an integer >= 1, got "-2"',
    );
    expect(errorOf({ env: { XLOUD__IDENTITY__MAX_CONCURRENT_PASSWORD_HASHES: '1.5' } }).message).toBe(
      'environment variable XLOUD__IDENTITY__MAX_CONCURRENT_PASSWORD_HASHES: [identity] max_concurrent_password_hashes: expected an integer >= 1, got "1.5"',
    );
    expect(errorOf({ overrides: { identity: { password_hash_queue_length: 'many' } } }).message).toBe(
      'override: [identity] password_hash_queue_length: expected an integer >= 0, got "many"',
    );
    const conf = loadConfig({
      env: {},
      overrides: { identity: { max_concurrent_password_hashes: '3', password_hash_queue_length: '0' } },
    });
    expect([conf.identity.max_concurrent_password_hashes, conf.identity.password_hash_queue_length]).toEqual([3, 0]);
  });

  it('lists several problems in one message', () => {
    const message = errorOf({ overrides: { token: { expiration: 'x', caching: 'y' } } }).message;
    expect(message).toBe(
      'invalid configuration:\n' +
        '  - override: [token] expiration: expected an integer >= 0, got "x"\n' +
        '  - override: [token] caching: expected a boolean (true/false, yes/no, on/off, 1/0), got "y"',
    );
  });
});

describe('an existing keystone.conf', () => {
  it('loads with sections this server does not implement, reporting them once', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadConfig } = await import('../../src/conf/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'xloud-conf-'));
    const file = join(dir, 'keystone.conf');
    writeFileSync(
      file,
      '[token]\nexpiration = 600\n[ldap]\nurl = ldap://x\n[oslo_middleware]\nenable_proxy_headers_parsing = true\n',
    );
    const warnings: string[] = [];
    const conf = loadConfig({ file, env: {}, dataDir: dir, warn: (m) => warnings.push(m) });
    expect(conf.token.expiration).toBe(600);
    expect(warnings).toEqual([
      'ignoring keystone.conf sections this server does not implement: [ldap], [oslo_middleware]',
    ]);
    writeFileSync(file, '[tokne]\nexpiration = 600\n');
    expect(() => loadConfig({ file, env: {}, dataDir: dir })).toThrow(/unknown section \[tokne\]/);
  });
});

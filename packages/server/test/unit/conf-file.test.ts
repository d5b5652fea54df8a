import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';

function writeConf(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
  writeFileSync(path, text);
  return path;
}

describe('keystone.conf parsing', () => {
  it('reads sections, comments, booleans, lists and both separators', () => {
    const file = writeConf(`
# A comment
; another comment
[DEFAULT]
public_endpoint = http://keystone.example.com:5000/
debug = True
insecure_debug: yes

[token]
expiration=600
caching = off

[auth]
methods = password, token ,application_credential

[identity]
password_hash_algorithm = scrypt
`);
    const conf = loadConfig({ file, env: {} });
    expect(conf.DEFAULT.public_endpoint).toBe('http://keystone.example.com:5000/');
    expect(conf.DEFAULT.debug).toBe(true);
    expect(conf.DEFAULT.insecure_debug).toBe(true);
    expect(conf.token.expiration).toBe(600);
    expect(conf.token.caching).toBe(false);
    expect(conf.token.allow_expired_window).toBe(172800);
    expect(conf.auth.methods).toEqual(['password', 'token', 'application_credential']);
    expect(conf.identity.password_hash_algorithm).toBe('scrypt');
  });

  it('keeps "#" inside values and strips surrounding quotes, as oslo.config does', () => {
    const file = writeConf(`[database]
connection = postgresql://keystone:pa#ss;word@db.example.com/keystone
[security_compliance]
password_regex = "^(?=.*\\d)(?=.*[a-zA-Z]).{7,}$"
password_regex_description = 'At least 7 characters, a letter and a digit'
`);
    const conf = loadConfig({ file, env: {} });
    expect(conf.database.connection).toEqual({
      kind: 'postgres',
      // SQLAlchemy takes the password raw; the Node drivers need it percent-encoded.
      url: 'postgresql://keystone:pa%23ss%3Bword@db.example.com/keystone',
    });
    expect(conf.security_compliance.password_regex).toBe('^(?=.*\\d)(?=.*[a-zA-Z]).{7,}$');
    expect(conf.security_compliance.password_regex_description).toBe('At least 7 characters, a letter and a digit');
  });

  it('treats an empty value as unset, except for lists where it means empty', () => {
    const file = writeConf(`[token]
expiration =
cache_time =
[DEFAULT]
public_endpoint =
[assignment]
prohibited_implied_role =
`);
    const conf = loadConfig({ file, env: {} });
    expect(conf.token.expiration).toBe(3600);
    expect(conf.token.cache_time).toBeUndefined();
    expect(conf.DEFAULT.public_endpoint).toBeUndefined();
    expect(conf.assignment.prohibited_implied_role).toEqual([]);
  });

  it('joins continuation lines, takes the last of repeated options and merges repeated sections', () => {
    const file = writeConf(`[auth]
methods = password,
  token
[token]
expiration = 100
[token]
expiration = 200
`);
    const conf = loadConfig({ file, env: {} });
    expect(conf.auth.methods).toEqual(['password', 'token']);
    expect(conf.token.expiration).toBe(200);
  });

  it('matches section names case-insensitively and tolerates CRLF and a BOM', () => {
    const file = writeConf('\uFEFF[Token]\r\nexpiration = 42\r\n[default]\r\ndebug = 1\r\n');
    const conf = loadConfig({ file, env: {} });
    expect(conf.token.expiration).toBe(42);
    expect(conf.DEFAULT.debug).toBe(true);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';

const file = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
writeFileSync(
  file,
  `[token]
expiration = 1000
allow_expired_window = 50
[eventlet_server]
public_port = 6000
[DEFAULT]
max_token_size = 300
`,
);

describe('configuration precedence', () => {
  it('defaults < file < environment < overrides', () => {
    const conf = loadConfig({
      file,
      env: { XLOUD__TOKEN__EXPIRATION: '2000', XLOUD__TOKEN__ALLOW_EXPIRED_WINDOW: '60' },
      overrides: { token: { expiration: '3000' } },
    });
    expect(conf.token.expiration).toBe(3000);
    expect(conf.token.allow_expired_window).toBe(60);
    expect(conf.DEFAULT.max_token_size).toBe(300);
    expect(conf.token.revoke_by_id).toBe(true);
  });

  it('reads DEFAULT and multi-word sections from the environment, case-insensitively', () => {
    const conf = loadConfig({
      env: {
        XLOUD__DEFAULT__PUBLIC_ENDPOINT: 'https://id.example.com/',
        XLOUD__FERNET_TOKENS__MAX_ACTIVE_KEYS: '5',
        xloud__auth__methods: 'password,token',
        UNRELATED: 'x',
      },
    });
    expect(conf.DEFAULT.public_endpoint).toBe('https://id.example.com/');
    expect(conf.fernet_tokens.max_active_keys).toBe(5);
    expect(conf.auth.methods).toEqual(['password', 'token']);
  });

  it('lets XLOUD_PORT override the file, and the explicit variable override XLOUD_PORT', () => {
    expect(loadConfig({ file, env: { XLOUD_PORT: '7000' } }).eventlet_server.public_port).toBe(7000);
    expect(
      loadConfig({ file, env: { XLOUD_PORT: '7000', XLOUD__EVENTLET_SERVER__PUBLIC_PORT: '8000' } }).eventlet_server
        .public_port,
    ).toBe(8000);
    expect(loadConfig({ file, env: {} }).eventlet_server.public_port).toBe(6000);
  });

  it('ignores an empty environment variable', () => {
    expect(loadConfig({ file, env: { XLOUD__TOKEN__EXPIRATION: '' } }).token.expiration).toBe(1000);
  });

  it('reads process.env when no env is given', () => {
    process.env.XLOUD__TOKEN__EXPIRATION = '1234';
    try {
      expect(loadConfig({}).token.expiration).toBe(1234);
    } finally {
      delete process.env.XLOUD__TOKEN__EXPIRATION;
    }
  });
});

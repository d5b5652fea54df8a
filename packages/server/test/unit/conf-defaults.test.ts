import { join, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { loadConfig, type DatabaseConnection } from '../../src/conf/index.ts';

describe('loadConfig defaults', () => {
  const conf = loadConfig({ env: {}, dataDir: '/srv/xloud' });

  it('matches Keystone defaults', () => {
    expect(conf.DEFAULT).toEqual({
      public_endpoint: undefined,
      max_request_body_size: 114688,
      list_limit: undefined,
      max_project_tree_depth: 5,
      max_token_size: 255,
      enable_proxy_headers_parsing: false,
      strict_password_check: false,
      insecure_debug: false,
      debug: false,
      log_file: undefined,
      log_dir: undefined,
      use_stderr: false,
      transport_url: undefined,
      control_exchange: 'keystone',
      default_publisher_id: undefined,
      notification_format: 'cadf',
      notification_opt_out: [
        'identity.authenticate.success',
        'identity.authenticate.pending',
        'identity.authenticate.failed',
      ],
    });
    expect(conf.oslo_messaging_notifications).toEqual({
      driver: [],
      transport_url: undefined,
      topics: ['notifications'],
      retry: -1,
      buffer_size: 1000,
    });
    expect(conf.audit).toEqual({ retention_days: 90 });
    expect(conf.eventlet_server).toEqual({
      public_bind_host: '127.0.0.1',
      public_port: 5000,
      client_socket_timeout: 60,
      headers_timeout: 20,
      request_timeout: 60,
      keep_alive_timeout: 72,
    });
    expect(conf.token).toMatchObject({
      expiration: 3600,
      allow_expired_window: 172800,
      allow_rescope_scoped_token: true,
      provider: 'fernet',
      caching: true,
      cache_time: undefined,
      cache_on_issue: true,
      revoke_by_id: true,
    });
    expect(conf.fernet_tokens.max_active_keys).toBe(3);
    expect(conf.identity).toMatchObject({
      default_domain_id: 'default',
      password_hash_algorithm: 'bcrypt',
      password_hash_rounds: undefined,
      max_password_length: 4096,
    });
    // Keystone's list, and totp after it (two-factor sign-in is a standard feature here; the bits of the others stay).
    expect(conf.auth.methods).toEqual([
      'external',
      'password',
      'token',
      'oauth1',
      'mapped',
      'application_credential',
      'totp',
    ]);
    expect(conf.assignment.prohibited_implied_role).toEqual(['admin']);
    expect(conf.revoke).toEqual({ expiration_buffer: 1800 });
    expect(conf.resource).toMatchObject({ admin_project_name: undefined, project_name_url_safe: 'off' });
    expect(conf.oslo_policy).toEqual({ policy_file: undefined, enforce_scope: true, enforce_new_defaults: true });
    expect(conf.security_compliance).toMatchObject({
      lockout_failure_attempts: undefined,
      lockout_duration: 1800,
      unique_last_password_count: 0,
      minimum_password_age: 0,
      change_password_upon_first_use: false,
    });
    expect(conf.application_credential).toEqual({ user_limit: -1 });
    expect(conf.oauth1).toEqual({ driver: 'sql', request_token_duration: 28_800, access_token_duration: 86_400 });
    expect(conf.catalog.caching).toBe(true);
    expect(conf.cache).toEqual({
      enabled: true,
      backend: 'memory',
      redis_url: 'redis://127.0.0.1:6379',
      invalidation_poll_interval: 1,
      expiration_time: 600,
    });
  });

  it('puts the database and Fernet keys in the data directory', () => {
    expect(conf.database.connection).toEqual({ kind: 'sqlite', filename: '/srv/xloud/keystone.db' });
    expect(conf.fernet_tokens.key_repository).toBe('/srv/xloud/fernet-keys');
  });

  it('takes the data directory from XLOUD_DATA_DIR, else ./data, as an absolute path', () => {
    expect(loadConfig({ env: { XLOUD_DATA_DIR: '/var/lib/xloud' } }).fernet_tokens.key_repository).toBe(
      '/var/lib/xloud/fernet-keys',
    );
    expect(
      loadConfig({ env: { XLOUD_DATA_DIR: '/var/lib/xloud' }, dataDir: '/opt/x' }).fernet_tokens.key_repository,
    ).toBe('/opt/x/fernet-keys');
    expect(loadConfig({ env: {} }).database.connection).toEqual({
      kind: 'sqlite',
      filename: join(resolve('./data'), 'keystone.db'),
    });
  });

  it('is frozen, including lists', () => {
    expect(Object.isFrozen(conf)).toBe(true);
    expect(Object.isFrozen(conf.token)).toBe(true);
    expect(Object.isFrozen(conf.auth.methods)).toBe(true);
    expect(Object.isFrozen(conf.database.connection)).toBe(true);
    expect(() => {
      (conf.token as { expiration: number }).expiration = 1;
    }).toThrow(TypeError);
  });

  it('derives precise types from the schema tables', () => {
    expectTypeOf(conf.token.expiration).toEqualTypeOf<number>();
    expectTypeOf(conf.token.cache_time).toEqualTypeOf<number | undefined>();
    expectTypeOf(conf.fernet_tokens.key_repository).toEqualTypeOf<string>();
    expectTypeOf(conf.auth.methods).toEqualTypeOf<readonly string[]>();
    expectTypeOf(conf.identity.password_hash_algorithm).toEqualTypeOf<
      'bcrypt' | 'bcrypt_sha256' | 'scrypt' | 'pbkdf2_sha512'
    >();
    expectTypeOf(conf.database.connection).toEqualTypeOf<DatabaseConnection>();
    expectTypeOf(conf.DEFAULT.public_endpoint).toEqualTypeOf<string | undefined>();
  });
});

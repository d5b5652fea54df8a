/**
 * The option table, walked: every option of CONFIG_SCHEMA is either proven to change behaviour (a test that
 * sets it to a non-default value on a started server, or on the real component it configures, and asserts
 * what changes) or refused at start-up for every value but its default. An option added to the schema
 * without one of the two fails here. The Keystone-only options are walked too: each is accepted with
 * exactly one notice naming it, and none is also implemented.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/conf/index.ts';
import { KEYSTONE_ONLY_OPTIONS, KEYSTONE_ONLY_VALUES } from '../../src/conf/keystone-only-options.ts';
import { CONFIG_SCHEMA } from '../../src/conf/schema.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

/** A behaviour test (path from the repository root) that sets the option, or a non-default value start-up refuses. */
type Evidence = { proof: string } | { refused: string };

const CONFIG_OPTIONS = 'packages/server/test/api/config-options.test.ts';
const CONFIG_OPTIONS_SECURITY = 'packages/server/test/api/config-options-security.test.ts';
const DATABASE_UNAVAILABLE = 'packages/server/test/faults/database-unavailable.test.ts';
const SLOW_CLIENTS = 'packages/server/test/faults/slow-clients.test.ts';
const HEALTHCHECK = 'packages/server/test/api/healthcheck.test.ts';
const METRICS = 'packages/server/test/api/metrics.test.ts';
const CORS = 'packages/server/test/api/cors.test.ts';
const NOTIFICATIONS = 'packages/server/test/interop/oslo-messaging-notifications.test.ts';
const NOTIFICATIONS_LOG = 'packages/server/test/api/notifications-log-driver.test.ts';
const AUDIT_EVENTS = 'packages/server/test/api/audit-events.test.ts';
const REQUEST_LOG = 'packages/server/test/api/request-log.test.ts';
const LOCKOUT = 'packages/server/test/faults/lockout-bypass-under-parallel-attempts.test.ts';
const CONSOLE_SESSION = 'packages/server/test/api/console-session.test.ts';
const CONSOLE_STATIC = 'packages/server/test/api/console-static.test.ts';
const CREDENTIALS = 'packages/server/test/api/credentials.test.ts';
const PAGINATION = 'packages/server/test/api/pagination.test.ts';
const MULTI_NODE = 'packages/server/test/api/multi-node.test.ts';
const THREE_NODES = 'packages/server/test/api/three-nodes.test.ts';
const MULTI_FACTOR = 'packages/server/test/api/multi-factor.test.ts';
const WORKERS = 'packages/server/test/faults/workers.test.ts';
const HASHING_QUEUE = 'packages/server/test/api/password-hashing-queue.test.ts';
const OAUTH1 = 'packages/server/test/api/oauth1.test.ts';

/** `section.option` → evidence. Keep it in the order of CONFIG_SCHEMA. */
const EVIDENCE: Readonly<Record<string, Evidence>> = {
  'DEFAULT.public_endpoint': { proof: CONFIG_OPTIONS },
  'DEFAULT.max_request_body_size': { proof: CONFIG_OPTIONS },
  'DEFAULT.list_limit': { proof: PAGINATION },
  'DEFAULT.max_project_tree_depth': { proof: CONFIG_OPTIONS },
  'DEFAULT.max_token_size': { proof: CONFIG_OPTIONS },
  'DEFAULT.enable_proxy_headers_parsing': { proof: METRICS },
  'DEFAULT.strict_password_check': { proof: CONFIG_OPTIONS },
  'DEFAULT.insecure_debug': { proof: LOCKOUT },
  'DEFAULT.debug': { proof: REQUEST_LOG },
  'DEFAULT.log_file': { proof: REQUEST_LOG },
  'DEFAULT.log_dir': { proof: REQUEST_LOG },
  'DEFAULT.use_stderr': { proof: CONFIG_OPTIONS },

  'eventlet_server.public_bind_host': { proof: CONFIG_OPTIONS },
  'eventlet_server.public_port': { proof: CONFIG_OPTIONS },
  'eventlet_server.client_socket_timeout': { proof: SLOW_CLIENTS },
  'eventlet_server.headers_timeout': { proof: SLOW_CLIENTS },
  'eventlet_server.request_timeout': { proof: SLOW_CLIENTS },
  'eventlet_server.keep_alive_timeout': { proof: SLOW_CLIENTS },

  'database.connection': { proof: MULTI_NODE },
  // The PostgreSQL and MariaDB fault files run this suite; it sets max_pool_size and exhausts the pool.
  'database.max_pool_size': { proof: 'packages/server/test/faults/database-trouble-suite.ts' },
  'database.pool_timeout': { proof: DATABASE_UNAVAILABLE },
  'database.connection_recycle_time': { proof: CONFIG_OPTIONS },
  'database.statement_timeout': { proof: DATABASE_UNAVAILABLE },
  'database.retry_interval': { proof: DATABASE_UNAVAILABLE },

  'token.expiration': { proof: CONFIG_OPTIONS },
  // Only Fernet tokens exist; Keystone's jws provider is refused rather than silently replaced.
  'token.provider': { refused: 'jws' },
  'token.caching': { proof: CONFIG_OPTIONS },
  'token.cache_time': { proof: CONFIG_OPTIONS },
  'token.revoke_by_id': { proof: CONFIG_OPTIONS },
  'token.allow_rescope_scoped_token': { proof: CONFIG_OPTIONS },
  'token.cache_on_issue': { proof: CONFIG_OPTIONS },
  'token.allow_expired_window': { proof: CONFIG_OPTIONS },

  'fernet_tokens.key_repository': { proof: MULTI_NODE },
  'fernet_tokens.max_active_keys': { proof: CONFIG_OPTIONS },
  'fernet_receipts.key_repository': { proof: MULTI_FACTOR },
  'fernet_receipts.max_active_keys': { proof: MULTI_FACTOR },
  'receipt.expiration': { proof: MULTI_FACTOR },
  // Only Fernet receipts exist, as only Fernet tokens do.
  'receipt.provider': { refused: 'jws' },
  'totp.included_previous_windows': { proof: MULTI_FACTOR },
  'DEFAULT.workers': { proof: WORKERS },

  'identity.default_domain_id': { proof: CONFIG_OPTIONS },
  'identity.password_hash_algorithm': { proof: CONFIG_OPTIONS },
  'identity.password_hash_rounds': { proof: CONFIG_OPTIONS },
  'identity.salt_bytesize': { proof: CONFIG_OPTIONS },
  'identity.scrypt_block_size': { proof: CONFIG_OPTIONS },
  'identity.scrypt_parallelism': { proof: CONFIG_OPTIONS },
  'identity.max_password_length': { proof: CONFIG_OPTIONS },
  'identity.max_concurrent_password_hashes': { proof: HASHING_QUEUE },
  'identity.password_hash_queue_length': { proof: HASHING_QUEUE },
  'identity.list_limit': { proof: CONFIG_OPTIONS },

  'auth.methods': { proof: CONFIG_OPTIONS },

  'resource.admin_project_name': { proof: CONFIG_OPTIONS_SECURITY },
  'resource.admin_project_domain_name': { proof: CONFIG_OPTIONS_SECURITY },
  'resource.project_name_url_safe': { proof: CONFIG_OPTIONS_SECURITY },
  'resource.domain_name_url_safe': { proof: CONFIG_OPTIONS_SECURITY },
  'resource.list_limit': { proof: CONFIG_OPTIONS },

  'assignment.prohibited_implied_role': { proof: CONFIG_OPTIONS },

  'revoke.expiration_buffer': { proof: CONFIG_OPTIONS },

  'oslo_policy.policy_file': { proof: CONFIG_OPTIONS },
  'oslo_policy.enforce_scope': { proof: CONFIG_OPTIONS },
  // Only the new default rules exist, so there are no deprecated ones to fall back to.
  'oslo_policy.enforce_new_defaults': { refused: 'false' },

  'security_compliance.disable_user_account_days_inactive': { proof: CONFIG_OPTIONS_SECURITY },
  'security_compliance.lockout_failure_attempts': { proof: LOCKOUT },
  'security_compliance.lockout_duration': { proof: CONFIG_OPTIONS },
  'security_compliance.password_expires_days': { proof: CONFIG_OPTIONS },
  'security_compliance.unique_last_password_count': { proof: CONFIG_OPTIONS },
  'security_compliance.minimum_password_age': { proof: CONFIG_OPTIONS },
  'security_compliance.password_regex': { proof: CONFIG_OPTIONS },
  'security_compliance.password_regex_description': { proof: CONFIG_OPTIONS },
  'security_compliance.change_password_upon_first_use': { proof: CONFIG_OPTIONS },

  'application_credential.user_limit': { proof: CONFIG_OPTIONS },

  'credential.key_repository': { proof: CONFIG_OPTIONS },
  'credential.user_limit': { proof: CREDENTIALS },
  // Consumers and OAuth tokens live in the SQL store; Keystone's only other value would be a plugin of one's own.
  'oauth1.driver': { refused: 'ldap' },
  'oauth1.request_token_duration': { proof: OAUTH1 },
  'oauth1.access_token_duration': { proof: OAUTH1 },

  'catalog.caching': { proof: CONFIG_OPTIONS },
  'catalog.cache_time': { proof: CONFIG_OPTIONS },
  'catalog.list_limit': { proof: CONFIG_OPTIONS },

  'cache.enabled': { proof: CONFIG_OPTIONS },
  // Keystone's dogpile backends load with a notice (see below); redis carries change announcements between nodes.
  'cache.backend': { proof: THREE_NODES },
  'cache.redis_url': { proof: THREE_NODES },
  'cache.invalidation_poll_interval': { proof: CONFIG_OPTIONS },
  'cache.expiration_time': { proof: CONFIG_OPTIONS },

  'dashboard.enabled': { proof: CONSOLE_STATIC },
  'dashboard.idle_timeout': { proof: CONSOLE_SESSION },
  'dashboard.static_dir': { proof: CONSOLE_STATIC },

  'healthcheck.path': { proof: HEALTHCHECK },
  'healthcheck.detailed': { proof: HEALTHCHECK },
  'healthcheck.backends': { proof: HEALTHCHECK },
  'healthcheck.allowed_source_ranges': { proof: HEALTHCHECK },
  'healthcheck.ignore_proxied_requests': { proof: HEALTHCHECK },
  'healthcheck.disable_by_file_path': { proof: HEALTHCHECK },
  'healthcheck.disable_by_file_paths': { refused: '5000:/var/run/xloud/disabled' },
  'healthcheck.enable_by_file_paths': { refused: '5000:/var/run/xloud/enabled' },
  'healthcheck.detail_token': { proof: HEALTHCHECK },

  'metrics.enabled': { proof: METRICS },
  'metrics.allowed_source_ranges': { proof: METRICS },
  'DEFAULT.transport_url': { proof: NOTIFICATIONS },
  'DEFAULT.control_exchange': { proof: NOTIFICATIONS },
  'DEFAULT.default_publisher_id': { proof: NOTIFICATIONS },
  'DEFAULT.notification_format': { proof: NOTIFICATIONS_LOG },
  'DEFAULT.notification_opt_out': { proof: NOTIFICATIONS_LOG },
  'oslo_messaging_notifications.driver': { proof: NOTIFICATIONS_LOG },
  'oslo_messaging_notifications.transport_url': { proof: NOTIFICATIONS },
  'oslo_messaging_notifications.topics': { proof: NOTIFICATIONS },
  'oslo_messaging_notifications.retry': { proof: NOTIFICATIONS },
  'oslo_messaging_notifications.buffer_size': { proof: NOTIFICATIONS },
  'audit.retention_days': { proof: AUDIT_EVENTS },
  'cors.allowed_origin': { proof: CORS },
  'cors.allow_credentials': { proof: CORS },
  'cors.expose_headers': { proof: CORS },
  'cors.max_age': { proof: CORS },
  'cors.allow_methods': { proof: CORS },
  'cors.allow_headers': { proof: CORS },
};

/** Config-parsing tests show an option is read, not that it does anything. */
const NOT_A_PROOF = /\/unit\/conf-[^/]*\.test\.ts$/;

const schemaOptions = Object.entries(CONFIG_SCHEMA).flatMap(([section, options]) =>
  Object.keys(options).map((option) => ({ key: `${section}.${option}`, section, option })),
);
const schemaKeys = new Set(schemaOptions.map(({ key }) => key));

function splitKey(key: string): { section: string; option: string } {
  const dot = key.indexOf('.');
  return { section: key.slice(0, dot), option: key.slice(dot + 1) };
}

/** `name` as a whole word (so `path` is not found inside `disable_by_file_path`). */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(text);
}

/** The ConfigError loading `value` gives, or undefined when it loads. */
function refusal(section: string, option: string, value: string): ConfigError | undefined {
  try {
    loadConfig({ env: {}, dataDir: '/unused', overrides: { [section]: { [option]: value } }, warn: () => undefined });
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

describe('the option table: every option is proven to change behaviour or refused', () => {
  it('every option of CONFIG_SCHEMA has an entry', () => {
    const missing = schemaOptions.filter(({ key }) => !Object.hasOwn(EVIDENCE, key)).map(({ key }) => key);
    expect(
      missing,
      `options without evidence: ${missing.join(', ')}. Add each to EVIDENCE in packages/server/test/unit/option-walk.test.ts ` +
        `as { proof: '<test file>' } (a test that sets the option to a non-default value on a started server and ` +
        `asserts the behaviour that changes) or { refused: '<value>' } (a non-default value start-up refuses).`,
    ).toEqual([]);
  });

  it('every entry names an option of CONFIG_SCHEMA', () => {
    const stale = Object.keys(EVIDENCE).filter((key) => !schemaKeys.has(key));
    expect(
      stale,
      `entries for options that are not in CONFIG_SCHEMA (renamed or removed?): ${stale.join(', ')}; remove or rename them`,
    ).toEqual([]);
  });

  describe.each(Object.entries(EVIDENCE).filter(([key]) => schemaKeys.has(key)))('%s', (key, evidence) => {
    const { section, option } = splitKey(key);
    if ('proof' in evidence) {
      it(`is proven by ${evidence.proof}`, () => {
        expect(
          NOT_A_PROOF.test(evidence.proof),
          `${evidence.proof} is a configuration-parsing test; a proof starts a server`,
        ).toBe(false);
        const path = resolve(REPO_ROOT, evidence.proof);
        expect(
          existsSync(path),
          `${key}: the proof ${evidence.proof} does not exist; write it or point the entry at the test that proves ${key}`,
        ).toBe(true);
        const text = readFileSync(path, 'utf8');
        for (const name of [section, option]) {
          expect(
            mentions(text, name),
            `${key}: ${evidence.proof} never mentions ${name}; the proof must set [${section}] ${option} to a non-default value and assert what changes`,
          ).toBe(true);
        }
      });
    } else {
      it(`refuses ${JSON.stringify(evidence.refused)} at start-up`, () => {
        const error = refusal(section, option, evidence.refused);
        expect(
          error,
          `[${section}] ${option} = ${evidence.refused} loads without error; prove the option instead, or refuse the value`,
        ).toBeInstanceOf(ConfigError);
        expect(error?.message, `the refusal must name [${section}] ${option}`).toContain(`[${section}] ${option}`);
      });
    }
  });
});

describe('the Keystone-only options: accepted with one notice each, never also implemented', () => {
  const keystoneOnly = Object.entries(KEYSTONE_ONLY_OPTIONS).flatMap(([section, options]) =>
    Object.keys(options).map((option) => ({ section, option })),
  );

  it('no option is both implemented and listed as without effect', () => {
    const both = keystoneOnly
      .filter(({ section, option }) => schemaKeys.has(`${section}.${option}`))
      .map(({ section, option }) => `[${section}] ${option}`);
    expect(
      both,
      `implemented options still listed in KEYSTONE_ONLY_OPTIONS: ${both.join(', ')}; remove them from that list`,
    ).toEqual([]);
  });

  it.each(keystoneOnly.map(({ section, option }) => [`[${section}] ${option}`, section, option] as const))(
    '%s',
    (_name, section, option) => {
      const notices: string[] = [];
      loadConfig({
        env: {},
        dataDir: '/unused',
        overrides: { [section]: { [option]: 'x' } },
        warn: (message) => notices.push(message),
      });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(`[${section}] ${option}`);
    },
  );

  /** A Keystone value for each entry of KEYSTONE_ONLY_VALUES. */
  const KEYSTONE_VALUE_EXAMPLES: Readonly<Record<string, string>> = { 'cache.backend': 'dogpile.cache.memcached' };
  const keystoneValues = Object.entries(KEYSTONE_ONLY_VALUES).flatMap(([section, options]) =>
    Object.keys(options).map((option) => [`[${section}] ${option}`, section, option] as const),
  );

  it.each(keystoneValues)('a Keystone value of %s is accepted with one notice', (name, section, option) => {
    const value = KEYSTONE_VALUE_EXAMPLES[`${section}.${option}`];
    expect(value, `add an example Keystone value for ${name} to KEYSTONE_VALUE_EXAMPLES`).toBeDefined();
    const notices: string[] = [];
    loadConfig({
      env: {},
      dataDir: '/unused',
      overrides: { [section]: { [option]: value! } },
      warn: (message) => notices.push(message),
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(name);
  });
});

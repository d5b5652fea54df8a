/**
 * Options Keystone documents, in sections this server implements, that have no effect here. An existing
 * keystone.conf carries them, so they are accepted — never refused — and each one set is reported once at
 * start-up with the reason, so nothing is ignored silently. None of them weakens security by being ignored:
 * each either tunes something Xloud does not have (memcached, SQLAlchemy pools, plugin class paths, Python
 * logging), or enables something that then stays off (a backend driver, domain-specific drivers, admin_token).
 * Options that Xloud implements are in the schema instead; an option in neither list is a typo and refused.
 */

const NO_SEPARATE_CACHE =
  'Xloud keeps no separate cache of this data: it is read from the database, and what a validated token ' +
  'carries is cached under [token] caching / cache_time';
const ONLY_SQL_DRIVER = 'Xloud has one storage driver (SQL, on [database] connection)';
const PYTHON_LOGGING =
  'oslo.log formatting and rotation do not apply: Xloud logs JSON lines (or readable lines on a terminal) to ' +
  'standard output or [DEFAULT] log_file; rotate the file with logrotate (copytruncate)';
const NO_RPC = 'Xloud publishes notifications but makes no RPC calls; this option is about RPC';
const SQLALCHEMY_POOL =
  "a SQLAlchemy setting: Xloud's pool is sized and bounded by [database] max_pool_size, pool_timeout and statement_timeout";
const IN_PROCESS_CACHE =
  'Xloud caches in each process and keeps nodes consistent through [cache] invalidation_poll_interval: no memcached is needed';
const PLUGIN_CLASS = "Xloud's authentication methods are built in; [auth] methods chooses among them";

const LOGGING_OPTIONS = [
  'use_syslog',
  'syslog_log_facility',
  'use_journal',
  'use_json',
  'use_eventlog',
  'log_config_append',
  'log_date_format',
  'watch_log_file',
  'log_rotation_type',
  'log_rotate_interval',
  'log_rotate_interval_type',
  'max_logfile_count',
  'max_logfile_size_mb',
  'logging_context_format_string',
  'logging_default_format_string',
  'logging_debug_format_suffix',
  'logging_exception_prefix',
  'logging_user_identity_format',
  'default_log_levels',
  'publish_errors',
  'instance_format',
  'instance_uuid_format',
  'rate_limit_interval',
  'rate_limit_burst',
  'rate_limit_except_level',
  'fatal_deprecations',
  'verbose',
];
const MESSAGING_OPTIONS = ['rpc_response_timeout', 'executor_thread_pool_size'];
const DATABASE_OPTIONS = [
  'max_overflow',
  'max_retries',
  'retry_interval_max',
  'idle_timeout',
  'db_max_retries',
  'db_retry_interval',
  'db_inc_retry_interval',
  'db_max_retry_interval',
  'use_db_reconnect',
  'mysql_sql_mode',
  'mysql_wsrep_sync_wait',
  'mysql_enable_ndb',
  'connection_debug',
  'connection_trace',
  'connection_parameters',
  'pool_pre_ping',
  'slave_connection',
  'sqlite_synchronous',
  'backend',
  'use_tpool',
  'sqlite_db',
  'min_pool_size',
  'asyncio_connection',
  'asyncio_slave_connection',
];
const CACHE_OPTIONS = [
  'config_prefix',
  'backend_argument',
  'proxies',
  'debug_cache_backend',
  'memcache_servers',
  'memcache_dead_retry',
  'memcache_socket_timeout',
  'memcache_pool_maxsize',
  'memcache_pool_unused_timeout',
  'memcache_pool_connection_get_timeout',
  'memcache_pool_flush_on_reconnect',
  'memcache_sasl_enabled',
  'memcache_username',
  'memcache_password',
  'tls_enabled',
  'tls_cafile',
  'tls_certfile',
  'tls_keyfile',
  'tls_allowed_ciphers',
  'enable_socket_keepalive',
  'socket_keepalive_idle',
  'socket_keepalive_interval',
  'socket_keepalive_count',
  'enable_retry_client',
  'retry_attempts',
  'retry_delay',
  'hashclient_retry_attempts',
  'hashclient_retry_delay',
  'dead_timeout',
  'redis_server',
  'redis_username',
  'redis_password',
  'redis_sentinels',
  'redis_sentinel_service_name',
  'redis_socket_timeout',
  'expiration_time_minimum',
];

const each = (names: string[], reason: string): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, reason]));

export const KEYSTONE_ONLY_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DEFAULT: {
    ...each(LOGGING_OPTIONS, PYTHON_LOGGING),
    ...each(MESSAGING_OPTIONS, NO_RPC),
    max_param_size: "Keystone used it to limit v2.0 request fields; neither Keystone's v3 API nor Xloud uses it",
    admin_token:
      'the shared admin token is not supported (it bypasses all authentication); bootstrap an admin with xloud-manage bootstrap',
    member_role_id: 'a v2.0 option; Keystone 22 does not use it either',
    member_role_name: 'a v2.0 option; Keystone 22 does not use it either',
    crypt_strength: 'a sha512_crypt option of old Keystone; set [identity] password_hash_rounds',
    secure_proxy_ssl_header: 'use [DEFAULT] enable_proxy_headers_parsing, which reads X-Forwarded-Proto',
    host: 'an oslo.service name for RPC; Xloud has no RPC',
    state_path: 'Xloud keeps its state in the database and the key repositories',
  },
  database: each(DATABASE_OPTIONS, SQLALCHEMY_POOL),
  cache: each(CACHE_OPTIONS, IN_PROCESS_CACHE),
  receipt: each(
    ['caching', 'cache_time', 'cache_on_issue'],
    'receipts are not cached: a Fernet receipt is checked by decrypting it, which takes microseconds',
  ),
  token: {
    driver: ONLY_SQL_DRIVER,
    bind: 'token binding (Kerberos, X.509) is not supported',
    enforce_token_bind: 'token binding is not supported; tokens carry no bind',
    infer_roles: 'roles are always inferred (implied roles), as Keystone does by default',
  },
  identity: {
    driver: ONLY_SQL_DRIVER,
    caching: NO_SEPARATE_CACHE,
    cache_time: NO_SEPARATE_CACHE,
    domain_specific_drivers_enabled:
      'domain-specific identity drivers (LDAP per domain) are not supported: every domain uses the SQL store',
    domain_configurations_from_database:
      'domain configurations are stored through the API (/v3/domains/{id}/config) and not used to choose drivers',
    domain_config_dir: 'domain-specific driver files are not read',
  },
  resource: { driver: ONLY_SQL_DRIVER, caching: NO_SEPARATE_CACHE, cache_time: NO_SEPARATE_CACHE },
  assignment: { driver: ONLY_SQL_DRIVER },
  revoke: { driver: ONLY_SQL_DRIVER, caching: NO_SEPARATE_CACHE, cache_time: NO_SEPARATE_CACHE },
  credential: {
    driver: ONLY_SQL_DRIVER,
    provider: 'credentials are always encrypted with the Fernet keys of [credential] key_repository',
    caching: NO_SEPARATE_CACHE,
    cache_time: NO_SEPARATE_CACHE,
    auth_ttl: '/v3/ec2tokens and /v3/s3tokens are not served, so there are no signed requests to age',
  },
  application_credential: { driver: ONLY_SQL_DRIVER, caching: NO_SEPARATE_CACHE, cache_time: NO_SEPARATE_CACHE },
  catalog: { driver: ONLY_SQL_DRIVER, template_file: 'the catalog is always read from the database' },
  auth: each(
    ['password', 'token', 'external', 'oauth1', 'mapped', 'application_credential', 'totp', 'kerberos', 'x509'],
    PLUGIN_CLASS,
  ),
  oslo_policy: each(
    [
      'policy_dirs',
      'policy_default_rule',
      'remote_content_type',
      'remote_ssl_verify_server_crt',
      'remote_ssl_ca_crt_file',
      'remote_ssl_client_crt_file',
      'remote_ssl_client_key_file',
      'remote_timeout',
    ],
    'only [oslo_policy] policy_file is read; remote checks and policy directories are not supported',
  ),
  fernet_tokens: {},
};

/** Values of implemented options that a Keystone file carries and that mean "use the default" here. */
export const KEYSTONE_ONLY_VALUES: Readonly<
  Record<string, Readonly<Record<string, { pattern: RegExp; reason: string }>>>
> = {
  cache: { backend: { pattern: /^(dogpile\.cache\.|oslo_cache\.)/, reason: IN_PROCESS_CACHE } },
};

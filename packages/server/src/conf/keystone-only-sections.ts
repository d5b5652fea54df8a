/**
 * keystone.conf sections this server does not implement. An existing Keystone configuration file
 * carries them; they are reported once as ignored instead of refusing to start, so operators can
 * point the server at the file they already have. Typos in sections we do implement still fail.
 */
export const KEYSTONE_ONLY_SECTIONS = new Set([
  'access_rules_config',
  'domain_config',
  'endpoint_filter',
  'endpoint_policy',
  'federation',
  'jwt_tokens',
  'ldap',
  'memcache',
  'oauth2',
  'identity_mapping',
  'oslo_concurrency',
  'oslo_messaging_amqp',
  'oslo_messaging_kafka',
  'oslo_messaging_rabbit',
  'oslo_middleware',
  'policy',
  'profiler',
  'role',
  'saml',
  'shadow_users',
  'tokenless_auth',
  'trust',
  'unified_limit',
  'wsgi',
]);

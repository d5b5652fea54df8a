/**
 * The vocabulary of cloud configuration: which keys belong under `auth`, which are top-level, their legacy aliases,
 * and how each is spelled as an environment variable and a command-line flag.
 */

/**
 * Keys that live under `auth:` in clouds.yaml (keystoneauth plugin options).
 *
 * @example
 * ```ts
 * for (const key of AUTH_KEYS) console.log(flagName(key), envName(key));
 * ```
 */
export const AUTH_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'user_domain_name',
  'user_domain_id',
  'project_name',
  'project_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'default_domain_name',
  'default_domain_id',
  'system_scope',
  'trust_id',
  'token',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'endpoint',
  'passcode',
  'auth_methods',
] as const;

/**
 * One key under `auth:`.
 *
 * @example
 * ```ts
 * const key: AuthKey = 'project_name';
 * ```
 */
export type AuthKey = (typeof AUTH_KEYS)[number];

/**
 * Top-level keys this SDK understands (others in clouds.yaml are kept in `extra`).
 *
 * @example
 * ```ts
 * const isTopLevel = (TOP_LEVEL_KEYS as readonly string[]).includes('region_name'); // true
 * ```
 */
export const TOP_LEVEL_KEYS = [
  'auth_type',
  'region_name',
  'interface',
  'identity_api_version',
  'cacert',
  'insecure',
  'verify',
  'cert',
  'key',
  'api_timeout',
  'identity_endpoint_override',
  'default_domain',
] as const;

/** Legacy spellings, rewritten on load (openstacksdk's `_fix_backwards_*`). */
const LEGACY_KEYS: Record<string, string> = {
  tenant_name: 'project_name',
  tenant_id: 'project_id',
  endpoint_type: 'interface',
  identity_interface: 'interface',
  url: 'endpoint',
  os_auth_url: 'auth_url',
  timeout: 'api_timeout',
};

/** Environment variables that select a cloud or config file rather than carry settings. */
export const SELECTOR_ENV = new Set([
  'OS_CLOUD',
  'OS_REGION_NAME',
  'OS_CLIENT_CONFIG_FILE',
  'OS_CLIENT_SECURE_FILE',
  'OS_CLOUD_NAME',
]);

/**
 * The environment variable for a configuration key.
 *
 * @example
 * ```ts
 * envName('auth_url'); // 'OS_AUTH_URL'
 * ```
 */
export function envName(key: string): string {
  return `OS_${key.toUpperCase()}`;
}

/**
 * The openstackclient-style flag for a configuration key.
 *
 * @example
 * ```ts
 * flagName('project_domain_name'); // '--os-project-domain-name'
 * ```
 */
export function flagName(key: string): string {
  return `--os-${key.replace(/_/g, '-')}`;
}

/** Normalizes a key as openstacksdk does (`-` → `_`, legacy names). */
export function canonicalKey(key: string): string {
  const k = key.replace(/-/g, '_');
  return LEGACY_KEYS[k] ?? k;
}

export const isAuthKey = (key: string): key is AuthKey => (AUTH_KEYS as readonly string[]).includes(key);

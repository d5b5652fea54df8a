import { ConfigError } from '../errors.ts';
import { findConfigFiles, type ConfigLocationOptions } from './files.ts';
import { cloudNames, mergeCloudFiles, secureEntryFor } from './merge.ts';
import { AUTH_KEYS, canonicalKey, envName, flagName, isAuthKey, SELECTOR_ENV, type AuthKey } from './keys.ts';

/**
 * `auth:` settings of a cloud (snake_case, as in clouds.yaml).
 *
 * @example
 * ```ts
 * const auth: AuthOptions = { auth_url: 'http://k:5000/v3', username: 'demo', password: 'pw', user_domain_name: 'Default' };
 * ```
 */
export type AuthOptions = Partial<Record<AuthKey, string>>;

/**
 * The auth plugins this SDK implements (canonical names).
 *
 * @example
 * ```ts
 * if (config.auth_type === 'v3applicationcredential') console.log('using an application credential');
 * ```
 */
export type AuthType = 'password' | 'token' | 'v3applicationcredential' | 'admin_token' | 'v3multifactor';

/**
 * Where a resolved value came from.
 *
 * @example
 * ```ts
 * if (config.sources['auth.password'] === 'env') console.warn('password taken from OS_PASSWORD');
 * ```
 */
export type ConfigSource = 'clouds.yaml' | 'secure.yaml' | 'env' | 'override' | 'default';

/**
 * A fully resolved cloud: what `loadCloudConfig` returns and `sessionFromConfig` consumes.
 * Keys are spelled as in clouds.yaml.
 *
 * @example
 * ```ts
 * const config: CloudConfig = loadCloudConfig({ cloud: 'dev' });
 * console.log(config.auth.auth_url, config.region_name, config.interface);
 * ```
 */
export interface CloudConfig {
  /** The cloud's name in clouds.yaml, or undefined when configured from the environment/overrides only. */
  name?: string;
  auth_type: AuthType;
  /** `auth_type` as written (e.g. `v3password`), before canonicalisation. */
  auth_type_requested?: string;
  auth: AuthOptions;
  region_name?: string;
  interface: 'public' | 'internal' | 'admin';
  identity_api_version: string;
  cacert?: string;
  insecure: boolean;
  cert?: string;
  key?: string;
  /** Seconds. */
  api_timeout?: number;
  identity_endpoint_override?: string;
  /** Domain used for user/project names when no `*_domain_*` is given (openstackclient's `--os-default-domain`). */
  default_domain: string;
  /** Other top-level settings found for the cloud (kept, not interpreted). */
  extra: Record<string, unknown>;
  config_file?: string;
  secure_file?: string;
  /** Origin of each resolved setting, keyed like `auth.password` or `region_name`. */
  sources: Record<string, ConfigSource>;
}

/**
 * Options for {@link loadCloudConfig}.
 *
 * @example
 * ```ts
 * const options: LoadCloudConfigOptions = { cloud: 'prod', overrides: { region_name: 'RegionTwo' }, precedence: 'openstackclient' };
 * loadCloudConfig(options);
 * ```
 */
export interface LoadCloudConfigOptions extends ConfigLocationOptions {
  /** Cloud name in clouds.yaml (e.g. from `--os-cloud`). Default: `OS_CLOUD`. */
  cloud?: string;
  /** Flat settings that beat everything (e.g. `--os-*` flags): `{ project_name: 'demo', password: '…' }`. Empty values are ignored. */
  overrides?: Record<string, unknown>;
  /**
   * `'openstackclient'` (default): overrides > `OS_*` environment > clouds.yaml, as the `openstack` command behaves.
   * `'openstacksdk'`: a selected cloud ignores `OS_*` settings (they form a separate cloud), as `openstack.connect()`.
   */
  precedence?: 'openstackclient' | 'openstacksdk';
  /** Throw `ERR_CONFIG` when required settings are missing (default true). */
  validate?: boolean;
}

type Flat = Record<string, unknown>;
type Layer = { values: Flat; source: ConfigSource };

/** Flattens a clouds.yaml cloud entry (auth keys beat same-named top-level keys, as in openstacksdk). */
function flattenCloud(cloud: Flat): Flat {
  const out: Flat = {};
  for (const [k, v] of Object.entries(cloud)) if (k !== 'auth' && k !== 'profile') out[canonicalKey(k)] = v;
  const auth = cloud.auth;
  if (auth && typeof auth === 'object' && !Array.isArray(auth)) {
    for (const [k, v] of Object.entries(auth as Flat)) out[canonicalKey(k)] = v;
  }
  return out;
}

/**
 * `OS_*` variables as flat settings (`OS_PROJECT_NAME` → `project_name`), skipping empty values and the
 * test-runner variables openstacksdk skips.
 *
 * @example
 * ```ts
 * envSettings({ OS_AUTH_URL: 'http://k:5000/v3', OS_CLOUD: 'x' }); // { auth_url: 'http://k:5000/v3' }
 * ```
 */
export function envSettings(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OS_') || value === undefined || value === '') continue;
    if (/^OS_(TEST|STD|LOG)/.test(name) || (SELECTOR_ENV.has(name) && name !== 'OS_REGION_NAME')) continue;
    out[canonicalKey(name.slice(3).toLowerCase())] = value;
  }
  return out;
}

/** True if the environment carries settings beyond cloud/file selectors (openstacksdk's "envvars" cloud exists). */
function envHasSettings(env: Record<string, string | undefined>): boolean {
  return Object.keys(envSettings(env)).some((k) => k !== 'region_name');
}

function flatOverrides(overrides: Flat | undefined): Flat {
  const out: Flat = {};
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (k === 'auth' && v && typeof v === 'object') Object.assign(out, flatOverrides(v as Flat));
    else if (k !== 'cloud' && v !== undefined && v !== null && v !== '') out[canonicalKey(k)] = v;
  }
  return out;
}

/**
 * Resolves one cloud's settings from clouds.yaml (+ secure.yaml), `OS_*` variables and explicit overrides, with
 * openstackclient's precedence (see {@link LoadCloudConfigOptions.precedence}). Synchronous; reads files only.
 *
 * @throws {ConfigError} `ERR_CONFIG`: unknown cloud, malformed file, unsupported auth type, or missing settings
 * (`error.missing` lists them; the message names the variable, flag and clouds.yaml key to set).
 * @example
 * ```ts
 * const config = loadCloudConfig({ cloud: 'mycloud', overrides: { region_name: 'RegionTwo' } });
 * console.log(config.auth.auth_url, config.sources['auth.password']); // e.g. 'secure.yaml'
 * ```
 */
export function loadCloudConfig(options: LoadCloudConfigOptions = {}): CloudConfig {
  const env = options.env ?? process.env;
  const files = findConfigFiles({ ...options, env });
  const clouds = mergeCloudFiles(files.cloudsFiles);
  const names = cloudNames(files.cloudsFiles, files.secureFiles);

  const requested = options.cloud || env.OS_CLOUD || undefined;
  let name: string | undefined;
  if (requested) {
    if (!names.includes(requested)) {
      const where = files.cloudsFiles.length
        ? `${files.cloudsFiles.join(' and ')} define${files.cloudsFiles.length > 1 ? '' : 's'} ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'no clouds'}`
        : `no clouds.yaml was found (searched ${files.searched.filter((p) => /clouds\.yaml$/.test(p)).join(', ')})`;
      throw new ConfigError(`Cloud ${requested} was not found: ${where}.`, { file: files.cloudsFile });
    }
    name = requested;
  } else if (!envHasSettings(env) && names.length === 1) {
    name = names[0];
  }

  const layers: Layer[] = [];
  const secure = name ? secureEntryFor(name, files.secureFiles, files.cloudsFiles, clouds.origin.get(name)) : undefined;
  if (name) {
    // secure.yaml is merged over clouds.yaml key by key, as openstacksdk does
    const secureOnly = flattenCloud(secure?.entry ?? {});
    const merged = { ...flattenCloud(clouds.clouds.get(name) ?? {}), ...secureOnly };
    const fromClouds: Flat = {};
    const fromSecure: Flat = {};
    for (const [k, v] of Object.entries(merged)) (Object.hasOwn(secureOnly, k) ? fromSecure : fromClouds)[k] = v;
    layers.push({ values: fromClouds, source: 'clouds.yaml' }, { values: fromSecure, source: 'secure.yaml' });
  }
  const precedence = options.precedence ?? 'openstackclient';
  if (!name || precedence === 'openstackclient') layers.push({ values: envSettings(env), source: 'env' });
  else if (env.OS_REGION_NAME) layers.push({ values: { region_name: env.OS_REGION_NAME }, source: 'env' });
  layers.push({ values: flatOverrides(options.overrides), source: 'override' });

  const flat: Flat = {};
  const sources: Record<string, ConfigSource> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.values)) {
      if (v === undefined || v === null || v === '') continue;
      flat[k] = v;
      sources[isAuthKey(k) ? `auth.${k}` : k] = layer.source;
    }
  }
  const where = name ? { name, cloudsFile: clouds.origin.get(name), secureFile: secure?.file } : {};
  const config = normalize(flat, sources, where);
  if (options.validate ?? true)
    validateCloudConfig(config, {
      names: name ? undefined : names,
      cloudsFile: files.cloudsFile,
      searched: files.searched,
    });
  return config;
}

const AUTH_TYPES: Record<string, AuthType> = {
  password: 'password',
  v3password: 'password',
  token: 'token',
  v3token: 'token',
  v3applicationcredential: 'v3applicationcredential',
  applicationcredential: 'v3applicationcredential',
  application_credential: 'v3applicationcredential',
  admin_token: 'admin_token',
  token_endpoint: 'admin_token',
  v3multifactor: 'v3multifactor',
};

/** openstacksdk's `regions:` list: without a `region_name`, the first one is used. */
function firstRegion(regions: unknown): string | undefined {
  if (!Array.isArray(regions) || regions.length === 0) return undefined;
  const first = regions[0] as unknown;
  if (typeof first === 'string') return first;
  return first && typeof first === 'object' ? str((first as { name?: unknown }).name) : undefined;
}

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const bool = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(1|true|yes|on)$/i.test(v)) || v === 1;

function normalize(
  flat: Flat,
  sources: Record<string, ConfigSource>,
  where: { name?: string; cloudsFile?: string; secureFile?: string },
): CloudConfig {
  const auth: AuthOptions = {};
  for (const key of AUTH_KEYS) {
    const raw = flat[key];
    const v = Array.isArray(raw) ? str(raw.join(',')) : str(raw);
    if (v !== undefined) auth[key] = v;
  }
  const requestedType = str(flat.auth_type);
  let authType: AuthType;
  if (requestedType) {
    const canonical = AUTH_TYPES[requestedType.toLowerCase()];
    if (!canonical) {
      throw new ConfigError(
        `Unsupported auth_type '${requestedType}' (OS_AUTH_TYPE / --os-auth-type): use one of ${Object.keys(AUTH_TYPES).join(', ')}.`,
        { file: where.cloudsFile },
      );
    }
    authType = canonical;
  } else if (auth.application_credential_secret || auth.application_credential_id) authType = 'v3applicationcredential';
  else if (auth.username || auth.user_id || auth.password) authType = 'password';
  else if (auth.token && auth.endpoint) authType = 'admin_token';
  else if (auth.token) authType = 'token';
  else authType = 'password';

  const iface = (str(flat.interface) ?? 'public').toLowerCase().replace(/url$/, '');
  if (iface !== 'public' && iface !== 'internal' && iface !== 'admin') {
    throw new ConfigError(
      `Invalid interface '${String(flat.interface)}' (OS_INTERFACE / --os-interface): use public, internal or admin.`,
    );
  }
  const apiVersion = str(flat.identity_api_version) ?? '3';
  if (!/^3(\.\d+)?$/.test(apiVersion)) {
    throw new ConfigError(
      `Identity API version '${apiVersion}' is not supported (OS_IDENTITY_API_VERSION): only 3 is.`,
    );
  }
  let insecure = bool(flat.insecure);
  let cacert = str(flat.cacert);
  if (flat.verify !== undefined) {
    if (flat.verify === false || (typeof flat.verify === 'string' && /^(0|false|no|off)$/i.test(flat.verify)))
      insecure = true;
    else if (typeof flat.verify === 'string' && !/^(1|true|yes|on)$/i.test(flat.verify)) cacert ??= flat.verify;
  }
  let apiTimeout: number | undefined;
  if (flat.api_timeout !== undefined) {
    apiTimeout = Number(flat.api_timeout);
    if (!Number.isFinite(apiTimeout) || apiTimeout <= 0)
      throw new ConfigError(`Invalid api_timeout '${String(flat.api_timeout)}': expected a number of seconds.`);
  }
  const known = new Set<string>([
    ...AUTH_KEYS,
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
  ]);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) if (!known.has(k)) extra[k] = v;
  return {
    name: where.name,
    auth_type: authType,
    auth_type_requested: requestedType,
    auth,
    region_name: str(flat.region_name) ?? firstRegion(flat.regions),
    interface: iface,
    identity_api_version: apiVersion,
    cacert,
    insecure,
    cert: str(flat.cert),
    key: str(flat.key),
    api_timeout: apiTimeout,
    identity_endpoint_override: str(flat.identity_endpoint_override),
    default_domain: str(flat.default_domain) ?? 'default',
    extra,
    config_file: where.cloudsFile,
    secure_file: where.secureFile,
    sources,
  };
}

/**
 * The settings an auth type needs, as alternatives: each inner list is "one of these".
 *
 * @example
 * ```ts
 * requiredSettings('token'); // [['auth_url'], ['token']]
 * ```
 */
export function requiredSettings(authType: AuthType): AuthKey[][] {
  switch (authType) {
    case 'password':
      return [['auth_url'], ['username', 'user_id'], ['password']];
    case 'token':
      return [['auth_url'], ['token']];
    case 'v3applicationcredential':
      return [
        ['auth_url'],
        ['application_credential_secret'],
        ['application_credential_id', 'application_credential_name'],
      ];
    case 'admin_token':
      return [['endpoint', 'auth_url'], ['token']];
    case 'v3multifactor':
      return [['auth_url'], ['auth_methods'], ['username', 'user_id']];
  }
}

/**
 * Checks that a resolved config has what its auth plugin needs.
 *
 * @throws {ConfigError} naming each missing setting with its environment variable, flag and clouds.yaml key.
 * @example
 * ```ts
 * validateCloudConfig(config); // throws ERR_CONFIG if e.g. auth_url is missing
 * ```
 */
export function validateCloudConfig(
  config: CloudConfig,
  context: { names?: string[]; cloudsFile?: string; searched?: string[] } = {},
): void {
  const missing: string[] = [];
  for (const alternatives of requiredSettings(config.auth_type)) {
    if (!alternatives.some((k) => config.auth[k])) missing.push(alternatives[0]!);
  }
  const a = config.auth;
  if (
    config.auth_type === 'v3applicationcredential' &&
    !a.application_credential_id &&
    a.application_credential_name &&
    !a.username &&
    !a.user_id
  ) {
    missing.push('username');
  }
  if (missing.length === 0) return;
  const describe = (k: string) => `${k} (${envName(k)} or ${flagName(k)})`;
  let message = `Missing value${missing.length > 1 ? 's' : ''} ${missing.map(describe).join(', ')} required for auth plugin ${config.auth_type}`;
  message += config.name
    ? `; add ${missing.map((k) => `auth.${k}`).join(', ')} to cloud "${config.name}" in ${config.config_file ?? 'clouds.yaml'}.`
    : '.';
  if (!config.name) {
    if (context.names && context.names.length > 1) {
      message += ` ${context.cloudsFile} defines several clouds (${context.names.join(', ')}): choose one with OS_CLOUD or --os-cloud.`;
    } else if (!context.cloudsFile && Object.keys(config.sources).length === 0) {
      message +=
        ' No clouds.yaml was found and no OS_* variables are set: source an OpenRC file or create ~/.config/xloud/clouds.yaml.';
    }
  }
  throw new ConfigError(message, { missing, file: context.cloudsFile });
}

/**
 * The cloud names defined in every clouds.yaml (and secure.yaml) found, highest-precedence file first.
 *
 * @example
 * ```ts
 * listClouds(); // ['dev', 'prod']
 * ```
 */
export function listClouds(options: ConfigLocationOptions = {}): string[] {
  const files = findConfigFiles(options);
  return cloudNames(files.cloudsFiles, files.secureFiles);
}

const SECRET_KEYS = new Set(['password', 'token', 'application_credential_secret', 'passcode', 'key']);

/**
 * A copy of a config that is safe to print: passwords, tokens, secrets and key paths are replaced by `***`.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(redactConfig(config).auth)); // {"auth_url":"…","password":"***"}
 * ```
 */
export function redactConfig(config: CloudConfig): CloudConfig {
  const auth: AuthOptions = { ...config.auth };
  for (const k of Object.keys(auth) as AuthKey[]) if (SECRET_KEYS.has(k) && auth[k]) auth[k] = '***';
  return { ...config, auth, extra: { ...config.extra } };
}

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import { readYaml } from './read-yaml.ts';

/**
 * Where to look for clouds.yaml / secure.yaml, and whose environment to read.
 *
 * @example
 * ```ts
 * findConfigFiles({ cwd: '/srv/app', homeDir: '/home/me', env: { OS_CLIENT_CONFIG_FILE: '/tmp/clouds.yaml' } });
 * ```
 */
export interface ConfigLocationOptions {
  /** Environment to read (`OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE`, `HOME`, `XDG_CONFIG_HOME`). Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Directory searched first. Default `process.cwd()`. */
  cwd?: string;
  /** Home directory. Default `env.HOME`, else `os.homedir()`. */
  homeDir?: string;
  /** Replaces the whole directory search path (for tests and embedding). */
  searchPath?: string[];
}

/**
 * The configuration files found, and everything that was looked at.
 *
 * @example
 * ```ts
 * const { cloudsFile, secureFile, searched } = findConfigFiles();
 * if (!cloudsFile) console.log('looked in', searched.join(', '));
 * ```
 */
export interface ConfigFiles {
  /** The highest-precedence clouds file found (the first of `cloudsFiles`). */
  cloudsFile?: string;
  /** The highest-precedence secure file found (the first of `secureFiles`). */
  secureFile?: string;
  /** Every clouds file found, highest precedence first; their clouds are merged (see {@link findConfigFiles}). */
  cloudsFiles: string[];
  /** Every secure file found, highest precedence first. */
  secureFiles: string[];
  /** Every candidate path, in search order (clouds.* first, then secure.*). */
  searched: string[];
}

const SUFFIXES = ['.yaml', '.yml', '.json'];

/**
 * The directories searched for clouds.yaml and secure.yaml, in order: `./`, `~/.config/xloud/`, `~/.config/openstack/`,
 * `/etc/xloud/`, `/etc/openstack/` (`$XDG_CONFIG_HOME` is tried before `~/.config` when set).
 *
 * @example
 * ```ts
 * configSearchPath({ cwd: '/srv/app', homeDir: '/home/me' });
 * // ['/srv/app', '/home/me/.config/xloud', '/home/me/.config/openstack', '/etc/xloud', '/etc/openstack']
 * ```
 */
export function configSearchPath(options: ConfigLocationOptions = {}): string[] {
  if (options.searchPath) return [...options.searchPath];
  const env = options.env ?? process.env;
  const home = options.homeDir ?? (env.HOME || homedir());
  const dirs = [options.cwd ?? process.cwd()];
  const xdg = env.XDG_CONFIG_HOME;
  for (const app of ['xloud', 'openstack']) {
    if (xdg) dirs.push(join(xdg, app));
    dirs.push(join(home, '.config', app));
  }
  dirs.push('/etc/xloud', '/etc/openstack');
  return [...new Set(dirs.map((d) => resolve(d)))];
}

/**
 * Finds the clouds and secure files in openstacksdk's order: `OS_CLIENT_CONFIG_FILE` / `OS_CLIENT_SECURE_FILE` first,
 * then `clouds.{yaml,yml,json}` / `secure.{yaml,yml,json}` in each search directory ({@link configSearchPath}).
 * openstacksdk reads only the first file found; this SDK returns every file found, highest precedence first, and
 * `loadCloudConfig` merges their clouds, so a `~/.config/xloud/clouds.yaml` never hides the clouds of
 * `~/.config/openstack/clouds.yaml` (a cloud defined in both comes whole from the higher-precedence file). An
 * existing `OS_CLIENT_CONFIG_FILE` (or `OS_CLIENT_SECURE_FILE`) is an explicit choice: it is then the only clouds
 * (or secure) file read, as in openstacksdk.
 *
 * @example
 * ```ts
 * const { cloudsFiles, secureFiles } = findConfigFiles();
 * // ['/srv/app/clouds.yaml', '/home/me/.config/openstack/clouds.yaml'], ['/home/me/.config/xloud/secure.yaml']
 * ```
 */
export function findConfigFiles(options: ConfigLocationOptions = {}): ConfigFiles {
  const env = options.env ?? process.env;
  const dirs = configSearchPath(options);
  const search = (base: string, override?: string) => {
    const explicit = override ? resolve(options.cwd ?? process.cwd(), override) : undefined;
    const candidates = [
      ...(explicit ? [explicit] : []),
      ...dirs.flatMap((d) => SUFFIXES.map((s) => join(d, base + s))),
    ];
    const found = explicit && existsSync(explicit) ? [explicit] : [...new Set(candidates.filter((p) => existsSync(p)))];
    return { candidates, found };
  };
  const clouds = search('clouds', env.OS_CLIENT_CONFIG_FILE || undefined);
  const secure = search('secure', env.OS_CLIENT_SECURE_FILE || undefined);
  return {
    cloudsFile: clouds.found[0],
    secureFile: secure.found[0],
    cloudsFiles: clouds.found,
    secureFiles: secure.found,
    searched: [...clouds.candidates, ...secure.candidates],
  };
}

/**
 * Reads and parses one clouds/secure file (YAML as PyYAML reads it, or JSON for `.json`). An empty file is `{}`.
 *
 * @throws {ConfigError} if unreadable, malformed, or not a mapping with a `clouds` mapping.
 * @example
 * ```ts
 * const doc = readConfigFile('/home/me/.config/xloud/clouds.yaml'); // { clouds: { … } }
 * ```
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
  let doc: unknown;
  if (path.endsWith('.json')) {
    try {
      doc = text.trim() ? JSON.parse(text) : {};
    } catch (cause) {
      throw new ConfigError(`${path}: invalid JSON: ${(cause as Error).message}`, { file: path, cause });
    }
  } else {
    doc = readYaml(text, path) ?? {};
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ConfigError(`${path}: expected a mapping with a "clouds" key at the top level`, { file: path });
  }
  const clouds = (doc as Record<string, unknown>).clouds;
  if (clouds !== undefined && clouds !== null && (typeof clouds !== 'object' || Array.isArray(clouds))) {
    throw new ConfigError(`${path}: "clouds" must be a mapping of cloud names to settings`, { file: path });
  }
  for (const [name, cloud] of Object.entries((clouds ?? {}) as Record<string, unknown>)) {
    if (cloud !== null && (typeof cloud !== 'object' || Array.isArray(cloud))) {
      throw new ConfigError(`${path}: cloud "${name}" must be a mapping of settings`, { file: path });
    }
  }
  return doc as Record<string, unknown>;
}

/**
 * Deep merge (plain objects merged key by key, everything else replaced), as openstacksdk merges secure.yaml.
 *
 * @example
 * ```ts
 * mergeDeep({ clouds: { a: { auth: { username: 'u' } } } }, { clouds: { a: { auth: { password: 'p' } } } });
 * // { clouds: { a: { auth: { username: 'u', password: 'p' } } } }
 * ```
 */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    if (isPlainObject(value) && isPlainObject(current)) out[key] = mergeDeep(current, value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

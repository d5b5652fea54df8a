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
  cloudsFile?: string;
  secureFile?: string;
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
 * Finds the clouds and secure files as openstacksdk does: `OS_CLIENT_CONFIG_FILE` / `OS_CLIENT_SECURE_FILE` first,
 * then `clouds.{yaml,yml,json}` / `secure.{yaml,yml,json}` in each search directory. The first existing file wins.
 *
 * @example
 * ```ts
 * const { cloudsFile, secureFile } = findConfigFiles();
 * ```
 */
export function findConfigFiles(options: ConfigLocationOptions = {}): ConfigFiles {
  const env = options.env ?? process.env;
  const dirs = configSearchPath(options);
  const candidates = (base: string, override?: string) => [
    ...(override ? [resolve(options.cwd ?? process.cwd(), override)] : []),
    ...dirs.flatMap((d) => SUFFIXES.map((s) => join(d, base + s))),
  ];
  const clouds = candidates('clouds', env.OS_CLIENT_CONFIG_FILE || undefined);
  const secure = candidates('secure', env.OS_CLIENT_SECURE_FILE || undefined);
  return {
    cloudsFile: clouds.find((p) => existsSync(p)),
    secureFile: secure.find((p) => existsSync(p)),
    searched: [...clouds, ...secure],
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

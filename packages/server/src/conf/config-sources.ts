import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.ts';
import { parseIni } from './ini-parser.ts';

/**
 * One raw `section/option = value` from some source, before validation. `origin`
 * says where it came from, for error messages.
 */
export interface RawSetting {
  readonly section: string;
  readonly option: string;
  readonly value: string;
  readonly origin: string;
}

export function settingsFromFile(path: string): RawSetting[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err);
    throw new ConfigError(`cannot read configuration file ${path}: ${reason}`);
  }
  return parseIni(text, path).map(({ section, option, value, line }) => ({
    section,
    option,
    value,
    origin: `${path}:${line}`,
  }));
}

const ENV_PREFIX = 'XLOUD__';

/**
 * `XLOUD__<SECTION>__<OPTION>=value`, e.g. XLOUD__TOKEN__EXPIRATION=600 or
 * XLOUD__DEFAULT__PUBLIC_ENDPOINT=…; names are case-insensitive. XLOUD_PORT is a
 * shorthand for [eventlet_server] public_port that the explicit variable beats.
 */
export function settingsFromEnvironment(env: Record<string, string | undefined>): RawSetting[] {
  const settings: RawSetting[] = [];
  if (env.XLOUD_PORT !== undefined) {
    settings.push({
      section: 'eventlet_server',
      option: 'public_port',
      value: env.XLOUD_PORT.trim(),
      origin: 'environment variable XLOUD_PORT',
    });
  }
  const problems: string[] = [];
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (!name.toUpperCase().startsWith(ENV_PREFIX) || value === undefined) continue;
    const rest = name.slice(ENV_PREFIX.length);
    const split = rest.indexOf('__');
    if (split <= 0 || split + 2 >= rest.length) {
      problems.push(`environment variable ${name}: expected the form XLOUD__<SECTION>__<OPTION>`);
      continue;
    }
    settings.push({
      section: rest.slice(0, split),
      option: rest.slice(split + 2).toLowerCase(),
      value: value.trim(),
      origin: `environment variable ${name}`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** Programmatic overrides (tests, command-line flags): `{ token: { expiration: '600' } }`. */
export function settingsFromOverrides(overrides: Record<string, Record<string, string>>): RawSetting[] {
  return Object.entries(overrides).flatMap(([section, options]) =>
    Object.entries(options).map(([option, value]) => ({ section, option, value, origin: 'override' })),
  );
}

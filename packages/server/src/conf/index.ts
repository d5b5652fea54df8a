import { resolve } from 'node:path';
import { ConfigError, OptionValueError } from './config-error.ts';
import { settingsFromEnvironment, settingsFromFile, settingsFromOverrides, type RawSetting } from './config-sources.ts';
import { crossCheck } from './cross-checks.ts';
import type { DefaultsContext, OptionSpec } from './option-types.ts';
import { CONFIG_SCHEMA, findSection, SECTION_NAMES, type SectionName, type XloudConfig } from './schema.ts';
import { KEYSTONE_ONLY_OPTIONS, KEYSTONE_ONLY_VALUES } from './keystone-only-options.ts';
import { KEYSTONE_ONLY_SECTIONS } from './keystone-only-sections.ts';
import { suggestName } from './suggest-name.ts';

export { ConfigError } from './config-error.ts';
export type { DatabaseConnection } from './database-connection.ts';
export { renderSampleConfig } from './sample-config.ts';
export { CONFIG_SCHEMA, type XloudConfig } from './schema.ts';

export interface LoadConfigOptions {
  /** keystone.conf-style file. Without it only defaults, environment and overrides apply. */
  file?: string;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Wins over XLOUD_DATA_DIR; default ./data. Resolved to an absolute path. */
  dataDir?: string;
  /** Highest precedence: `{ token: { expiration: '600' } }`, values written as in the file. */
  overrides?: Record<string, Record<string, string>>;
  /** Receives the notices about ignored Keystone-only sections and options (one line each); default stderr. */
  warn?: (message: string) => void;
}

type MutableSections = Record<SectionName, Record<string, unknown>>;

function optionsOf(section: SectionName): Readonly<Record<string, OptionSpec<unknown>>> {
  return CONFIG_SCHEMA[section];
}

function defaults(ctx: DefaultsContext): MutableSections {
  const sections = {} as MutableSections;
  for (const section of SECTION_NAMES) {
    sections[section] = Object.fromEntries(
      Object.entries(optionsOf(section)).map(([name, spec]) => [name, spec.defaultValue(ctx)]),
    );
  }
  return sections;
}

/** The source of a setting: a file (without its line number), the environment, the overrides. */
const sourceOf = (setting: RawSetting): string => setting.origin.replace(/:\d+$/, '');

/**
 * Applies one raw setting; returns a problem description instead of throwing. `lastSource` remembers where each
 * option was last set, so a multi-valued option repeated in one file adds up.
 */
function apply(sections: MutableSections, setting: RawSetting, lastSource: Map<string, string>): string | undefined {
  const section = findSection(setting.section);
  if (!section) {
    const hint = suggestName(setting.section, SECTION_NAMES);
    return `${setting.origin}: unknown section [${setting.section}]${hint}`;
  }
  const options = optionsOf(section);
  const spec = Object.hasOwn(options, setting.option) ? options[setting.option] : undefined;
  if (!spec) {
    const hint = suggestName(setting.option, Object.keys(options));
    return `${setting.origin}: [${section}] ${setting.option}: unknown option${hint}`;
  }
  // Empty means "not set here": the lower-precedence value stays (lists excepted).
  if (setting.value === '' && spec.emptyValue === 'unset') return undefined;
  try {
    const value = spec.parse(setting.value);
    const key = `${section}.${setting.option}`;
    const previous = sections[section][setting.option];
    sections[section][setting.option] =
      spec.multi && lastSource.get(key) === sourceOf(setting) && Array.isArray(previous) && Array.isArray(value)
        ? Object.freeze([...(previous as unknown[]), ...(value as unknown[])])
        : value;
    lastSource.set(key, sourceOf(setting));
    return undefined;
  } catch (err) {
    if (!(err instanceof OptionValueError)) throw err;
    const shown = spec.redact ? spec.redact(setting.value) : setting.value;
    return `${setting.origin}: [${section}] ${setting.option}: ${err.message}, got ${JSON.stringify(shown)}`;
  }
}

/** Why a Keystone option (or a Keystone value of one of ours) has no effect here; undefined when it is ours. */
function keystoneOnlyReason(setting: RawSetting): { section: string; reason: string } | undefined {
  const section = findSection(setting.section);
  if (!section) return undefined;
  const value = KEYSTONE_ONLY_VALUES[section]?.[setting.option];
  if (value?.pattern.test(setting.value)) return { section, reason: value.reason };
  if (Object.hasOwn(CONFIG_SCHEMA[section], setting.option)) return undefined;
  const reason = KEYSTONE_ONLY_OPTIONS[section]?.[setting.option];
  return reason === undefined ? undefined : { section, reason };
}

/** Runs a source, turning its ConfigError into problems so all are reported at once. */
function collect(problems: string[], read: () => RawSetting[]): RawSetting[] {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return [];
  }
}

function deepFreeze(sections: MutableSections): XloudConfig {
  for (const values of Object.values(sections)) {
    for (const value of Object.values(values)) if (value && typeof value === 'object') Object.freeze(value);
    Object.freeze(values);
  }
  return Object.freeze(sections) as unknown as XloudConfig;
}

/**
 * Builds the validated configuration. Precedence, lowest first: built-in defaults,
 * the file, environment (XLOUD_PORT, then XLOUD__<SECTION>__<OPTION>), overrides.
 * Every value from every source is validated, even one a higher source replaces,
 * so a broken keystone.conf is reported rather than silently masked.
 * Throws ConfigError listing all problems.
 */
export function loadConfig(opts: LoadConfigOptions = {}): XloudConfig {
  const env = opts.env ?? process.env;
  const dataDir = resolve(opts.dataDir ?? (env.XLOUD_DATA_DIR || './data'));
  const problems: string[] = [];

  const settings = [
    ...(opts.file !== undefined ? collect(problems, () => settingsFromFile(opts.file!)) : []),
    ...collect(problems, () => settingsFromEnvironment(env)),
    ...collect(problems, () => settingsFromOverrides(opts.overrides ?? {})),
  ];

  const sections = defaults({ dataDir });
  const ignored = new Set<string>();
  const notices = new Map<string, string>();
  const lastSource = new Map<string, string>();
  for (const setting of settings) {
    if (!findSection(setting.section) && KEYSTONE_ONLY_SECTIONS.has(setting.section.toLowerCase())) {
      ignored.add(setting.section);
      continue;
    }
    const keystoneOnly = keystoneOnlyReason(setting);
    if (keystoneOnly) {
      notices.set(`[${keystoneOnly.section}] ${setting.option}`, keystoneOnly.reason);
      continue;
    }
    const problem = apply(sections, setting, lastSource);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const warn = opts.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  if (ignored.size > 0)
    warn(
      `ignoring keystone.conf sections this server does not implement: ${[...ignored].map((s) => `[${s}]`).join(', ')}`,
    );
  for (const [option, reason] of notices) warn(`${option}: accepted and without effect: ${reason}`);

  const conf = deepFreeze(sections);
  const crossProblems = crossCheck(conf);
  if (crossProblems.length > 0) throw new ConfigError(crossProblems);
  return conf;
}

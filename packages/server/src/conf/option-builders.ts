import { OptionValueError } from './config-error.ts';
import type { DefaultsContext, OptionSpec } from './option-types.ts';

/**
 * Builders for the option kinds keystone.conf uses, with oslo.config's parsing rules.
 * Overloads make the value type `T` when a default is given and `T | undefined`
 * when not, so the config type is derived from the schema tables.
 */

type Default<T> = T | ((ctx: DefaultsContext) => T);

interface Common {
  help: string;
  deprecated?: string;
}

function defaultFrom<T>(value: Default<T> | undefined): (ctx: DefaultsContext) => T {
  return typeof value === 'function' ? (value as (ctx: DefaultsContext) => T) : () => value as T;
}

// ---- strings ---------------------------------------------------------------

export function stringOption(spec: Common & { default: Default<string> }): OptionSpec<string>;
export function stringOption(spec: Common & { default?: undefined }): OptionSpec<string | undefined>;
export function stringOption(spec: Common & { default?: Default<string> }): OptionSpec<string | undefined> {
  return {
    typeName: 'string value',
    help: spec.help,
    constraints: [],
    deprecated: spec.deprecated,
    emptyValue: 'unset',
    defaultValue: defaultFrom(spec.default),
    parse: (raw) => raw,
    format: (value) => value,
  };
}

/** An absolute http(s) URL, as oslo.config's URIOpt checks for public_endpoint. */
export function urlOption(spec: Common & { default?: undefined }): OptionSpec<string | undefined> {
  return {
    ...stringOption(spec),
    typeName: 'URI value',
    parse: (raw) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new OptionValueError('expected an absolute http:// or https:// URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new OptionValueError('expected an absolute http:// or https:// URL');
      }
      return raw;
    },
  };
}

export function choiceOption<const C extends readonly string[]>(
  spec: Common & { choices: C; default: C[number] },
): OptionSpec<C[number]> {
  return {
    typeName: 'string value',
    help: spec.help,
    constraints: [`Allowed values: ${spec.choices.join(', ')}`],
    deprecated: spec.deprecated,
    emptyValue: 'unset',
    defaultValue: () => spec.default,
    parse: (raw) => {
      if (!spec.choices.includes(raw)) throw new OptionValueError(`expected one of ${spec.choices.join(', ')}`);
      return raw as C[number];
    },
    format: (value) => value,
  };
}

// ---- integers --------------------------------------------------------------

interface IntegerBounds {
  min?: number;
  max?: number;
}

function integerExpectation({ min, max }: IntegerBounds): string {
  if (min !== undefined && max !== undefined) return `expected an integer from ${min} to ${max}`;
  if (min !== undefined) return `expected an integer >= ${min}`;
  if (max !== undefined) return `expected an integer <= ${max}`;
  return 'expected an integer';
}

export function integerOption(spec: Common & IntegerBounds & { default: number }): OptionSpec<number>;
export function integerOption(spec: Common & IntegerBounds & { default?: undefined }): OptionSpec<number | undefined>;
export function integerOption(spec: Common & IntegerBounds & { default?: number }): OptionSpec<number | undefined> {
  const constraints = [
    ...(spec.min !== undefined ? [`Minimum value: ${spec.min}`] : []),
    ...(spec.max !== undefined ? [`Maximum value: ${spec.max}`] : []),
  ];
  return {
    typeName: 'integer value',
    help: spec.help,
    constraints,
    deprecated: spec.deprecated,
    emptyValue: 'unset',
    defaultValue: () => spec.default,
    parse: (raw) => {
      const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
      const inRange =
        Number.isSafeInteger(value) &&
        (spec.min === undefined || value >= spec.min) &&
        (spec.max === undefined || value <= spec.max);
      if (!inRange) throw new OptionValueError(integerExpectation(spec));
      return value;
    },
    format: (value) => String(value),
  };
}

// ---- booleans --------------------------------------------------------------

// oslo.config's Boolean type accepts exactly these spellings, case-insensitively.
const TRUE_WORDS = new Set(['true', '1', 'on', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'off', 'no']);

export function booleanOption(spec: Common & { default: boolean }): OptionSpec<boolean> {
  return {
    typeName: 'boolean value',
    help: spec.help,
    constraints: [],
    deprecated: spec.deprecated,
    emptyValue: 'unset',
    defaultValue: () => spec.default,
    parse: (raw) => {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw new OptionValueError('expected a boolean (true/false, yes/no, on/off, 1/0)');
    },
    format: (value) => String(value),
  };
}

// ---- lists -----------------------------------------------------------------

/**
 * Comma-separated, items trimmed. Unlike scalar options an empty value is kept and
 * means an empty list, as in oslo.config: it is the only way to write "none of them"
 * (e.g. `[assignment] prohibited_implied_role =`).
 */
export function listOption(
  spec: Common & { default: readonly string[]; multi?: boolean },
): OptionSpec<readonly string[]> {
  return {
    typeName: spec.multi ? 'multi valued' : 'list value',
    multi: spec.multi,
    help: spec.help,
    constraints: [],
    deprecated: spec.deprecated,
    emptyValue: 'parse',
    defaultValue: () => Object.freeze([...spec.default]),
    parse: (raw) =>
      Object.freeze(
        raw
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      ),
    format: (value) => value.join(','),
  };
}

// ---- anything else ---------------------------------------------------------

/** For values with their own parser, e.g. `[database] connection`. */
export function customOption<T>(
  spec: Common & {
    typeName: string;
    default: (ctx: DefaultsContext) => T;
    parse: (raw: string) => T;
    format: (value: Exclude<T, undefined>) => string;
    redact?: (raw: string) => string;
  },
): OptionSpec<T> {
  return {
    typeName: spec.typeName,
    help: spec.help,
    constraints: [],
    deprecated: spec.deprecated,
    emptyValue: 'unset',
    redact: spec.redact,
    defaultValue: spec.default,
    parse: spec.parse,
    format: spec.format,
  };
}

/**
 * A regular expression, compiled at start-up so a typo is reported then rather than
 * on the first password change. (Python-only syntax such as `(?P<name>…)` is refused.)
 */
export function regexOption(spec: Common & { default?: undefined }): OptionSpec<string | undefined> {
  return {
    ...stringOption(spec),
    parse: (raw) => {
      try {
        new RegExp(raw);
      } catch {
        throw new OptionValueError('expected a regular expression (JavaScript syntax)');
      }
      return raw;
    },
  };
}

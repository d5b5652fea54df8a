import type { ErrorCode } from '../errors.ts';

/**
 * Every configuration problem found at start-up, reported together so an operator
 * fixes keystone.conf once rather than once per restart. Each problem names where
 * the value came from (file:line, environment variable or override), the section
 * and the option.
 */
export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG' satisfies ErrorCode;
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? list[0] : `invalid configuration:\n${list.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = Object.freeze([...list]);
  }
}

/**
 * Thrown by an option's parser; the message says what was expected ("expected an
 * integer >= 0"). The loader adds where the value came from and what it was.
 */
export class OptionValueError extends Error {
  readonly code = 'ERR_CONFIG_VALUE' satisfies ErrorCode;

  constructor(expected: string) {
    super(expected);
    this.name = 'OptionValueError';
  }
}

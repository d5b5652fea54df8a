/** What an option's default may depend on: only the data directory (XLOUD_DATA_DIR). */
export interface DefaultsContext {
  readonly dataDir: string;
}

/**
 * One keystone.conf option: how to parse its text, its default and its
 * documentation. `T` is the parsed type; it includes `undefined` for options that
 * are unset by default (oslo.config's `default=None`).
 */
export interface OptionSpec<T> {
  /** oslo-config-generator's wording: "integer value", "boolean value", … */
  readonly typeName: string;
  readonly help: string;
  /** Extra sample-file lines such as "Minimum value: 0" or "Allowed values: a, b". */
  readonly constraints: readonly string[];
  /** Why the option is deprecated, if it is. */
  readonly deprecated?: string;
  /**
   * How an empty value (`option =`) is read: `unset` ignores it so the
   * lower-precedence value stays; `parse` hands '' to the parser (lists: []).
   */
  readonly emptyValue: 'unset' | 'parse';
  /**
   * oslo.config's MultiStrOpt: the option repeated within one file adds up (lists only); a higher-precedence
   * source still replaces the whole list.
   */
  readonly multi?: boolean;
  /** Hide the value in error messages (connection URLs carry passwords). */
  redact?(raw: string): string;
  defaultValue(ctx: DefaultsContext): T;
  /** Throws OptionValueError. Never receives '' when emptyValue is 'unset'. */
  parse(raw: string): T;
  /** Renders a value back to keystone.conf text, for the sample file. */
  format(value: Exclude<T, undefined>): string;
}

/** A section: option name → spec. */
export type SectionSchema = { readonly [option: string]: OptionSpec<unknown> };

/** The parsed values of a section, typed from its schema. */
export type SectionValues<S extends SectionSchema> = {
  readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never;
};

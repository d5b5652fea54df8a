/**
 * How a command is declared: its words (`['application', 'credential', 'create']`), positional arguments, options
 * and an async `run` that returns what cliff would hand to its formatters. `program.ts` turns these declarations
 * into commander commands, so the grammar, the help text and shell completion all come from one place.
 */
import type { Context } from './context.ts';

/** A ShowOne result: parallel arrays of field names and values. */
export interface ShowResult {
  columns: string[];
  values: unknown[];
}

/** A Lister result: column names and rows. */
export interface ListResult {
  columns: string[];
  rows: unknown[][];
}

export interface OptionSpec {
  /** commander flags, e.g. `--domain <domain>`, `--enable`, `-f, --format <format>`. */
  flags: string;
  description: string;
  /** Repeatable: values are collected into an array (argparse `action='append'`). */
  repeat?: boolean;
  choices?: readonly string[];
  default?: unknown;
  /** Parse the value as an integer. */
  int?: boolean;
  /** Parse `key=value` pairs into an object (osc's KeyValueAction); implies repeat. */
  keyValue?: boolean;
  /** Not shown in help. */
  hidden?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: commander's parsed options, shaped by each command's own declaration
export type Opts = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: positional arguments, shaped by each command's own declaration
type Args = Record<string, any>;

interface SpecBase {
  /** The command words after `xloud`. */
  path: string[];
  description: string;
  /** commander argument syntax: `<name>`, `[name]`, `<name...>`. */
  args?: string[];
  options?: OptionSpec[];
  /** Groups of option attribute names at most one of which may be given (argparse mutually exclusive groups). */
  exclusive?: string[][];
}

export type CommandSpec =
  | (SpecBase & { kind: 'show'; run(ctx: Context, opts: Opts, args: Args): Promise<ShowResult> })
  | (SpecBase & { kind: 'list'; run(ctx: Context, opts: Opts, args: Args): Promise<ListResult> })
  // biome-ignore lint/suspicious/noConfusingVoidType: a plain command returns nothing (exit status 0) or an exit status
  | (SpecBase & { kind: 'plain'; run(ctx: Context, opts: Opts, args: Args): Promise<void | number> });

/** An error whose message is printed as is (one line on stderr) with exit status `exitCode`. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** `zip(*sorted(d.items()))`: the columns and values of a dict, keys sorted, as osc's show commands print them. */
export function sortedShow(data: Record<string, unknown>, drop: string[] = ['links']): ShowResult {
  const keys = Object.keys(data)
    .filter((k) => !drop.includes(k) && data[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { columns: keys, values: keys.map((k) => data[k]) };
}

/** osc's `get_item_properties`: for each column, the attribute `column.lower().replace(' ', '_')`, or `''`. */
export function itemProperties(item: Record<string, unknown>, columns: string[], attrs?: string[]): unknown[] {
  return columns.map((c, i) => {
    const key = attrs?.[i] ?? c.toLowerCase().replace(/ /g, '_');
    return key in item && item[key] !== undefined ? item[key] : '';
  });
}

/**
 * Builds the commander program from the command declarations: nested command words, positional arguments,
 * options, cliff's formatter options for show/list commands, argparse-style mutually exclusive groups, and the
 * output step that hands a command's result to the formatters.
 */
import { Command, Option } from 'commander';
import type { CommandSpec, OptionSpec } from './command.ts';
import { CommandError } from './command.ts';
import { Context, type IO } from './context.ts';
import { addGlobalOptions, type GlobalOptions } from './global-options.ts';
import { loadSdk } from './sdk.ts';
import { emitList, emitOne, LIST_FORMATS, QUOTE_MODES, SHOW_FORMATS, type FormatOptions } from './output/formatters.ts';
import { CLI_VERSION } from './version.ts';

/** Usage errors exit 2, as argparse does. */
class UsageError extends CommandError {
  constructor(message: string) {
    super(message, 2);
  }
}

const envInt = (v: string | undefined): number => (v && /^-?\d+$/.test(v) ? parseInt(v, 10) : 0);

function formatterOptions(kind: 'show' | 'list', env: Record<string, string | undefined>): OptionSpec[] {
  const formats = kind === 'show' ? SHOW_FORMATS : LIST_FORMATS;
  const opts: OptionSpec[] = [
    {
      flags: '-f, --format <format>',
      description: 'the output format, defaults to table',
      choices: formats,
      default: 'table',
    },
    {
      flags: '-c, --column <COLUMN>',
      description: 'specify the column(s) to include, can be repeated to show multiple columns',
      repeat: true,
    },
  ];
  if (kind === 'list') {
    opts.push(
      {
        flags: '--sort-column <SORT_COLUMN>',
        description:
          'specify the column(s) to sort the data (columns specified first have a priority, non-existing columns are ignored), can be repeated',
        repeat: true,
      },
      { flags: '--sort-ascending', description: 'sort the column(s) in ascending order' },
      { flags: '--sort-descending', description: 'sort the column(s) in descending order' },
      {
        flags: '--quote <quote>',
        description: 'when to include quotes, defaults to nonnumeric',
        choices: QUOTE_MODES,
        default: 'nonnumeric',
      },
    );
  }
  opts.push({ flags: '--noindent', description: 'whether to disable indenting the JSON' });
  if (kind === 'show') {
    opts.push(
      { flags: '--prefix <PREFIX>', description: 'add a prefix to all variable names', default: '' },
      { flags: '--variable <VARIABLE>', description: 'shell variables to print', repeat: true, hidden: true },
    );
  }
  opts.push(
    {
      flags: '--max-width <integer>',
      description:
        'Maximum display width, <1 to disable. You can also use the CLIFF_MAX_TERM_WIDTH environment variable, but the parameter takes precedence.',
      int: true,
      default: envInt(env.CLIFF_MAX_TERM_WIDTH),
    },
    {
      flags: '--fit-width',
      description:
        'Fit the table to the display width. Implied if --max-width greater than 0. Set the environment variable CLIFF_FIT_WIDTH=1 to always enable',
      default: envInt(env.CLIFF_FIT_WIDTH) > 0,
    },
    { flags: '--print-empty', description: 'Print empty table if there is no data to show.' },
  );
  return opts;
}

function toOption(spec: OptionSpec): Option {
  const o = new Option(spec.flags, spec.description);
  if (spec.choices) o.choices(spec.choices as string[]);
  if (spec.int) {
    o.argParser((v: string) => {
      if (!/^-?\d+$/.test(v.trim()))
        throw new UsageError(`xloud: error: argument ${spec.flags.split(' ')[0]}: invalid int value: '${v}'`);
      return parseInt(v, 10);
    });
  }
  if (spec.keyValue) {
    o.argParser((v: string, prev: Record<string, string> | undefined) => {
      const eq = v.indexOf('=');
      if (eq < 1)
        throw new UsageError(`xloud: error: argument ${spec.flags.split(' ')[0]}: expected 'key=value', got '${v}'`);
      return { ...(prev ?? {}), [v.slice(0, eq)]: v.slice(eq + 1) };
    });
  } else if (spec.repeat) {
    o.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  }
  if (spec.default !== undefined) o.default(spec.default);
  if (spec.hidden) o.hideHelp();
  return o;
}

const argName = (a: string): string =>
  a
    .replace(/^[<[]|[>\]]$/g, '')
    .replace(/\.\.\.$/, '')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The option attribute names commander uses for a flags string (`--user-domain <d>` → `userDomain`). */
export const attrName = (flags: string): string => new Option(flags).attributeName();

export interface Outcome {
  code: number;
}

/** Builds the `xloud` program; `outcome.code` holds the exit status of the command that ran. */
export function buildProgram(specs: CommandSpec[], io: IO, outcome: Outcome): Command {
  const root = new Command('xloud');
  root
    .description('Xloud Identity command-line client (OpenStack Identity v3 compatible)')
    .version(CLI_VERSION, '--version', "show program's version number and exit")
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`xloud: ${s.replace(/^error: /, '')}`),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
    });
  addGlobalOptions(root);
  root.helpCommand('help [command...]', 'print detailed help for another command');

  const groups = new Map<string, Command>([['', root]]);
  const groupFor = (words: string[]): Command => {
    const key = words.join(' ');
    let g = groups.get(key);
    if (g) return g;
    const parent = groupFor(words.slice(0, -1));
    g = parent.command(words[words.length - 1]).description(`${key} commands`);
    groups.set(key, g);
    return g;
  };

  for (const spec of specs) {
    const parent = groupFor(spec.path.slice(0, -1));
    const cmd = parent.command(spec.path[spec.path.length - 1]).description(spec.description);
    for (const a of spec.args ?? []) cmd.argument(a);
    const options = [...(spec.options ?? []), ...(spec.kind === 'plain' ? [] : formatterOptions(spec.kind, io.env))];
    for (const o of options) cmd.addOption(toOption(o));
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const opts = self.opts();
      // repeatable options default to [] (set here, not as a commander default, to keep help free of "(default: [])")
      for (const o of options)
        if (o.repeat && !o.keyValue && opts[attrName(o.flags)] === undefined) opts[attrName(o.flags)] = [];
      const args: Record<string, unknown> = {};
      for (const [i, a] of (spec.args ?? []).entries()) args[argName(a)] = params[i];
      const exclusive = [
        ...(spec.exclusive ?? []),
        ...(spec.kind === 'list' ? [['sortAscending', 'sortDescending']] : []),
      ];
      for (const group of exclusive) {
        const given = group.filter(
          (n) => opts[n] !== undefined && opts[n] !== false && !(Array.isArray(opts[n]) && !opts[n].length),
        );
        if (given.length > 1) {
          const flag = (n: string) => options.find((o) => attrName(o.flags) === n)?.flags.split(' ')[0] ?? n;
          throw new UsageError(
            `xloud ${spec.path.join(' ')}: error: argument ${flag(given[1])}: not allowed with argument ${flag(given[0])}`,
          );
        }
      }
      await loadSdk();
      const ctx = new Context(root.opts() as GlobalOptions, io);
      try {
        const result = await spec.run(ctx, opts, args);
        if (spec.kind === 'plain') {
          outcome.code = typeof result === 'number' ? result : 0;
          return;
        }
        const fmt: FormatOptions = {
          format: opts.format,
          columns: opts.column,
          noindent: opts.noindent,
          prefix: opts.prefix,
          variables: opts.variable,
          maxWidth: opts.maxWidth,
          fitWidth: opts.fitWidth,
          printEmpty: opts.printEmpty,
          quote: opts.quote,
          sortColumns: opts.sortColumn,
          sortDirection: opts.sortDescending ? 'desc' : opts.sortAscending ? 'asc' : undefined,
        };
        if (spec.kind === 'show') {
          const r = result as { columns: string[]; values: unknown[] };
          emitOne(r.columns, r.values, fmt, io.stdout);
        } else {
          const r = result as { columns: string[]; rows: unknown[][] };
          emitList(r.columns, r.rows, fmt, io.stdout);
        }
        outcome.code = 0;
      } finally {
        ctx.close();
      }
    });
  }
  return root;
}

/**
 * `@xloud/cli`: the `xloud` command as a library — `run(argv, io)` runs one command line with the given streams and
 * resolves to its exit status (what `bin/xloud.mjs` does with the process's own streams).
 */
export { run, main } from './main.ts';
export type { IO } from './context.ts';
export { allCommands } from './commands/index.ts';
export type { CommandSpec, ShowResult, ListResult } from './command.ts';
export { emitList, emitOne, Formattable, type FormatOptions } from './output/formatters.ts';

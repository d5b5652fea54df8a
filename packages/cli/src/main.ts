/**
 * Entry point of the `xloud` command: parses the command line, runs the command, prints errors as one line and
 * sets the exit status. `run()` is also what the tests and the package's export call.
 */
import { CommanderError } from 'commander';
import { allCommands } from './commands/index.ts';
import type { IO } from './context.ts';
import { renderError } from './errors.ts';
import { buildProgram, type Outcome } from './program.ts';

/** Runs `xloud ARGV` with the given streams; resolves to the exit status. */
export async function run(argv: string[], io: IO): Promise<number> {
  const outcome: Outcome = { code: 0 };
  const program = buildProgram(allCommands(), io, outcome);
  const debug = argv.includes('--debug');
  // `xloud help project create` = `xloud project create --help` (commander's help command knows one level only)
  const args = argv[0] === 'help' && argv.length > 1 ? [...argv.slice(1), '--help'] : argv;
  try {
    await program.parseAsync(args, { from: 'user' });
    return outcome.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message (or the help)
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return e.exitCode;
      return e.exitCode === 0 ? 0 : 2;
    }
    const r = await renderError(e);
    io.stderr.write(`${r.message}\n`);
    if (debug) for (const d of r.details) io.stderr.write(`${d}\n`);
    return r.exitCode;
  }
}

/** Runs with the process's own streams and exits. */
export async function main(): Promise<void> {
  const fail = async (e: unknown) => {
    const r = await renderError(e);
    process.stderr.write(`${r.message}\n`);
    process.exit(r.exitCode);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const io: IO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
  const code = await run(process.argv.slice(2), io);
  // pipes and files are written synchronously on Linux; exit now rather than wait for idle keep-alive sockets
  process.exit(code);
}

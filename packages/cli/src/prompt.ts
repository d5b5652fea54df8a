/**
 * Reading answers and passwords from stdin: hidden input on a terminal (like getpass), plain lines when stdin is a
 * pipe (so scripts and tests can answer prompts).
 */
import type { IO } from './context.ts';
import { CommandError } from './command.ts';

const buffered = new WeakMap<object, { lines: string[]; done: boolean; waiters: Array<() => void> }>();

function lineReader(stdin: IO['stdin']) {
  let state = buffered.get(stdin);
  if (!state) {
    const s = { lines: [] as string[], done: false, waiters: [] as Array<() => void>, partial: '' };
    state = s;
    buffered.set(stdin, s);
    stdin.setEncoding?.('utf8');
    stdin.on('data', (chunk: string | Buffer) => {
      s.partial += chunk.toString();
      const parts = s.partial.split(/\r?\n/);
      s.partial = parts.pop() ?? '';
      s.lines.push(...parts);
      for (const wake of s.waiters.splice(0)) wake();
    });
    stdin.on('end', () => {
      if (s.partial) s.lines.push(s.partial);
      s.partial = '';
      s.done = true;
      for (const wake of s.waiters.splice(0)) wake();
    });
    stdin.on('error', () => {
      s.done = true;
      for (const wake of s.waiters.splice(0)) wake();
    });
  }
  return state;
}

/** Reads one line from a non-terminal stdin (undefined at end of input). */
async function readLine(io: IO): Promise<string | undefined> {
  const state = lineReader(io.stdin);
  while (!state.lines.length && !state.done) await new Promise<void>((r) => state.waiters.push(r));
  const line = state.lines.shift();
  if (!state.lines.length && state.done) io.stdin.pause?.();
  return line;
}

/** Asks a question; returns the answer (or `fallback` when the answer is empty). */
export async function ask(io: IO, question: string, fallback?: string): Promise<string | undefined> {
  io.stderr.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
  const line = io.stdin.isTTY ? await readTty(io, false) : await readLine(io);
  if (!io.stdin.isTTY) io.stderr.write('\n');
  const v = line?.trim();
  return v ? v : fallback;
}

/** Reads a secret without echo on a terminal; from a pipe, one line. */
export async function askSecret(io: IO, question: string): Promise<string | undefined> {
  // Echo off before the prompt shows (as getpass does): what is typed as soon as it appears must not be echoed.
  if (io.stdin.isTTY) io.stdin.setRawMode?.(true);
  io.stderr.write(`${question}: `);
  const line = io.stdin.isTTY ? await readTty(io, true) : await readLine(io);
  io.stderr.write('\n');
  return line;
}

/** getpass with confirmation, as osc's `utils.get_password`. */
export async function getPassword(io: IO, prompt = 'User Password:', confirm = true): Promise<string> {
  const first = await askSecret(io, prompt.replace(/:$/, ''));
  if (first === undefined) throw new CommandError('No password entered, or found via --password or OS_PASSWORD');
  if (confirm) {
    const second = await askSecret(io, `Repeat ${prompt.replace(/:$/, '')}`);
    if (second !== first) throw new CommandError('The passwords entered were not the same');
  }
  return first;
}

function readTty(io: IO, hidden: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const stdin = io.stdin;
    let value = '';
    if (hidden) stdin.setRawMode?.(true);
    stdin.setEncoding?.('utf8');
    stdin.resume();
    const onData = (chunk: string | Buffer) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(value);
        if (ch === '\u0003') {
          finish(undefined);
          throw new CommandError('Interrupted', 130);
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (v: string | undefined) => {
      stdin.removeListener('data', onData);
      if (hidden) stdin.setRawMode?.(false);
      stdin.pause();
      resolve(v);
    };
    stdin.on('data', onData);
  });
}

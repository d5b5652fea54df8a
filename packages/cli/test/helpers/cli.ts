/**
 * Runs the real `xloud` bin (and Debian's `/usr/bin/openstack`) as subprocesses with exactly the environment a
 * test gives — a private HOME and cwd, no OS_* variables of the machine — and collects exit status and output.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const XLOUD_BIN = fileURLToPath(new URL('../../bin/xloud.mjs', import.meta.url));
const OPENSTACK = process.env.XLOUD_OPENSTACK_CLI ?? '/usr/bin/openstack';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  home?: string;
  timeoutMs?: number;
}

/** A fresh private directory (HOME or cwd of a run). */
export function tempDir(prefix = 'xloud-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const defaultHome = tempDir('xloud-home-');

function baseEnv(opts: RunOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: opts.home ?? defaultHome,
    LANG: 'C.UTF-8',
    PYTHONWARNINGS: 'ignore',
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  return env;
}

function runProcess(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: baseEnv(opts),
      cwd: opts.cwd ?? opts.home ?? defaultHome,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** `xloud ARGS` (the package's bin, through tsx). */
export function xloud(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runProcess(process.execPath, [XLOUD_BIN, ...args], opts);
}

/** `bash -c SCRIPT` (asynchronously: the test server runs in this process and must keep answering). */
export function bash(script: string, opts: RunOptions = {}): Promise<RunResult> {
  return runProcess('bash', ['-c', script], opts);
}

/** `openstack ARGS`. */
export function osc(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runProcess(OPENSTACK, args, opts);
}

export function openstackMissing(): boolean {
  try {
    accessSync(OPENSTACK, constants.X_OK);
    return false;
  } catch {
    return true;
  }
}

/** Runs and requires exit status 0; returns stdout. */
export async function ok(args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await xloud(args, opts);
  if (r.code !== 0) throw new Error(`xloud ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** `xloud ARGS -f json`, parsed. */
export async function json<T = any>(args: string[], opts: RunOptions = {}): Promise<T> {
  const out = await ok([...args, '-f', 'json'], opts);
  try {
    return JSON.parse(out) as T;
  } catch {
    throw new Error(`xloud ${args.join(' ')}: not JSON: ${out.slice(0, 300)}`);
  }
}

/** The OpenRC variables of the bootstrap admin for a test server. */
export function adminEnv(baseUrl: string, password: string, path = '/v3'): Record<string, string> {
  return {
    OS_AUTH_URL: `${baseUrl}${path}`,
    OS_USERNAME: 'admin',
    OS_PASSWORD: password,
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_IDENTITY_API_VERSION: '3',
  };
}

/** One-line, trace-free error output: no stack frames, no "at …" lines, no internal error class dumps. */
export function expectCleanError(r: RunResult): void {
  if (r.code === 0) throw new Error(`expected a failure, got exit 0 (stdout: ${r.stdout.slice(0, 200)})`);
  if (/^\s+at\s|\bnode:internal\b|Error: .*\n\s+at |TypeError|ReferenceError|\.ts:\d+/m.test(r.stderr)) {
    throw new Error(`stderr looks like a stack trace:\n${r.stderr}`);
  }
  if (r.stderr.trim().split('\n').length > 3) throw new Error(`error output is not short:\n${r.stderr}`);
  if (!r.stderr.trim()) throw new Error('no error message on stderr');
}

export const unique = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * Runs `xloud ARGS` on a pseudo-terminal (Python's pty module), types `typed` + Enter once `waitFor` appears, and
 * returns everything the terminal showed.
 */
export function onTerminal(
  args: string[],
  runEnv: Record<string, string>,
  waitFor: string,
  typed: string,
): Promise<{ code: number; screen: string }> {
  const driver = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
screen, typed, deadline = b'', False, time.time() + 40
while time.time() < deadline:
    if select.select([fd], [], [], 0.1)[0]:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    if not typed and ${JSON.stringify(waitFor)}.encode() in screen:
        os.write(fd, os.environ['TYPED'].encode() + b'\\r')
        typed = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(screen.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', driver, process.execPath, XLOUD_BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: tempDir('xloud-home-'),
        LANG: 'C.UTF-8',
        TYPED: typed,
        ...runEnv,
      },
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (screen += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, screen }));
  });
}

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Download } from 'playwright-core';
import { DASHBOARD_DIR } from './build.ts';
import type { AdminApi } from './console-server.ts';

export const XLOUD_BIN = resolve(DASHBOARD_DIR, '../cli/bin/xloud.mjs');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's fresh shell: no OS_* variables from the test runner, and a HOME of its own so no
 * clouds.yaml of the machine is picked up.
 */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('OS_') && !key.startsWith('XLOUD_')) env[key] = value;
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...extra };
}

/**
 * Runs a command asynchronously (the identity server under test runs in this very process: a synchronous spawn would
 * stop it from answering), with optional stdin.
 */
export function run(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
    // A command that exits without reading its input closes the pipe first: not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A scratch directory that plays the user's home and download folder. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `xloud-e2e-${prefix}-`));
}

/** Saves a browser download into `dir` under the name the console suggested; returns [path, suggested name]. */
export async function saveDownload(download: Download, dir: string): Promise<{ path: string; name: string }> {
  const name = download.suggestedFilename();
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, name };
}

/** The JSON of `token issue -f json`, or a failure that shows what the command said. */
export function tokenOf(result: RunResult, what: string): { id: string; project_id: string; user_id: string } {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout) as { id: string; project_id: string; user_id: string };
}

/** The role names a token carries, as the API validates it. */
export async function tokenRoles(admin: AdminApi, token: string): Promise<string[]> {
  const { status, body } = await admin.call<{ token: { roles: Array<{ name: string }> } }>(
    'GET',
    '/auth/tokens',
    undefined,
    { 'X-Subject-Token': token },
  );
  if (status !== 200) throw new Error(`validate: ${status}`);
  return body.token.roles.map((r) => r.name).sort();
}

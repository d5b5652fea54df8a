import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(DASHBOARD_DIR, 'dist');
const SOURCES = [
  join(DASHBOARD_DIR, 'src'),
  join(DASHBOARD_DIR, 'index.html'),
  join(DASHBOARD_DIR, 'vite.config.ts'),
  resolve(DASHBOARD_DIR, '../sdk/src'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function isFresh(): boolean {
  const index = join(DIST_DIR, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

const LOCK = join(DASHBOARD_DIR, '.build-lock');

/**
 * Takes the build lock: test files run in parallel processes, and an atomic mkdir lets one of them build (or copy
 * the build) while the others wait. Resolves false, without the lock, when `done` says while waiting that nothing
 * is left to do.
 */
async function lockBuild(done: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return true;
    } catch {
      if (Date.now() > deadline) throw new Error(`console build lock ${LOCK} held for 10 minutes`);
      await new Promise((r) => setTimeout(r, 100));
      if (done()) return false;
    }
  }
}

/** Builds the console when its build is missing or older than its sources (one process builds, the others wait). */
export async function ensureConsoleBuilt(): Promise<void> {
  if (isFresh()) return;
  if (!(await lockBuild(isFresh))) return;
  try {
    if (!isFresh())
      execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
        cwd: DASHBOARD_DIR,
        stdio: 'inherit',
        timeout: 9 * 60_000,
      });
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * A private copy of the fresh console build in a new temporary directory (the caller removes it), taken under the
 * build lock: another test file rebuilds dist/ when the sources change, and a page must not lose its assets halfway
 * through a test.
 */
export async function stableConsoleCopy(): Promise<string> {
  await ensureConsoleBuilt();
  await lockBuild();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-console-'));
    cpSync(DIST_DIR, dir, { recursive: true });
    return dir;
  } finally {
    rmdirSync(LOCK);
  }
}

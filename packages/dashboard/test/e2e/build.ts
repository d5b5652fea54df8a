import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(DASHBOARD_DIR, 'dist');
const SOURCES = [join(DASHBOARD_DIR, 'src'), join(DASHBOARD_DIR, 'index.html'), join(DASHBOARD_DIR, 'vite.config.ts'), resolve(DASHBOARD_DIR, '../sdk/src')];

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

/**
 * Builds the console when its build is missing or older than its sources. Test files run in parallel processes, so
 * one builds (an atomic mkdir is the lock) while the others wait for it.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (isFresh()) return;
  const lock = join(DASHBOARD_DIR, '.build-lock');
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`console build lock ${lock} held for 10 minutes`);
      await new Promise((r) => setTimeout(r, 500));
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: DASHBOARD_DIR, stdio: 'inherit', timeout: 9 * 60_000 });
  } finally {
    rmdirSync(lock);
  }
}

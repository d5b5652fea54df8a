// Whether the compiled packages (dist/ of schemas, sdk, server, cli) are older than their sources, and the one
// command that brings them up to date (`tsc -b tsconfig.build.json`). Shared by the quick start, `npm start`,
// `npm run manage` and the tests that start the real bins (which run dist/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['schemas', 'sdk', 'server', 'cli'];
const LOCK = join(REPO_ROOT, '.build-lock');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** The packages whose build is missing or older than a source file, tsconfig or package.json of theirs. */
export function stalePackages() {
  const shared = Math.max(
    ...['tsconfig.base.json', 'tsconfig.build.base.json'].map((f) => newestMtime(join(REPO_ROOT, f))),
  );
  return PACKAGES.filter((name) => {
    const dir = join(REPO_ROOT, 'packages', name);
    const built = join(dir, 'dist', '.tsbuildinfo');
    if (!existsSync(built)) return true;
    const sources = ['src', 'tsconfig.build.json', 'package.json'].map((p) => newestMtime(join(dir, p)));
    return Math.max(shared, ...sources) > statSync(built).mtimeMs;
  });
}

/**
 * `tsc -b` over every package (a no-op for the up-to-date ones; its output goes to standard error), then removes
 * what tsc leaves behind of deleted sources (it never deletes an output), so dist/ is exactly what src/ compiles to.
 */
export function build() {
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    throw new Error(
      'TypeScript is not installed (npm ci --omit=dev?): build with the dev dependencies: npm ci && npm run build',
    );
  }
  execFileSync(process.execPath, [tsc, '-b', join(REPO_ROOT, 'tsconfig.build.json')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 2, 2],
  });
  for (const name of PACKAGES)
    removeOrphans(join(REPO_ROOT, 'packages', name, 'dist'), join(REPO_ROOT, 'packages', name, 'src'));
  // tsc leaves an output alone when a touched source compiles to the same thing: mark the build as checked now.
  const now = new Date();
  for (const name of PACKAGES) utimesSync(join(REPO_ROOT, 'packages', name, 'dist', '.tsbuildinfo'), now, now);
}

/** Builds when a package's build is missing or stale, saying so on standard error. */
export function ensureBuilt(label = 'build') {
  const stale = stalePackages();
  if (stale.length === 0) return;
  process.stderr.write(`[${label}] compiling ${stale.join(', ')} (tsc -b tsconfig.build.json)\n`);
  build();
}

/** Deletes the outputs in `dist` (x.js, x.js.map, x.d.ts, x.d.ts.map) whose source (x.ts, x.tsx) is gone. */
function removeOrphans(dist, src) {
  if (!existsSync(dist)) return;
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const path = join(dist, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(path, join(src, entry.name));
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      continue;
    }
    const base = entry.name.replace(/(\.d)?\.(js|ts)(\.map)?$/, '');
    if (base === entry.name) continue; // .tsbuildinfo and anything else tsc did not name after a source
    if (!existsSync(join(src, `${base}.ts`)) && !existsSync(join(src, `${base}.tsx`))) rmSync(path);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * {@link ensureBuilt} for test files running in parallel processes: an atomic mkdir lets one of them build while
 * the others wait for it (a lock left by a process that died is taken over).
 */
export async function ensureBuiltShared(label = 'test') {
  const deadline = Date.now() + 10 * 60_000;
  while (stalePackages().length > 0) {
    try {
      mkdirSync(LOCK);
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // the holder has not written its pid yet
      }
      if (holder && !alive(holder)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`build lock ${LOCK} held for 10 minutes by process ${holder}`);
      else await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      ensureBuilt(label);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}

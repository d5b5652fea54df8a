import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No tracked file may name a directory of the machine it was written on (a workspace, root's or a user's home):
 * such a path works there and nowhere else. Files are found beside the repository from an environment variable
 * or a path relative to the repository (e.g. XLOUD_SHARED_DIR, else ../shared).
 */
const REPOSITORY = resolve(import.meta.dirname, '../../../..');

const MACHINE_PATH = /\/(?:work|root)\/|\/(?:home|Users)\/[^/\s'"`]+\//g;
/**
 * The one allowed: the SDK documents its configuration search with `me` as the example user's home (a made-up
 * directory like /srv/app beside it, not one of any machine).
 */
const EXAMPLE_HOME = `/home/me/`;

/** The tracked files; outside a git checkout (an unpacked archive), every file but the untracked kinds. */
function trackedFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: REPOSITORY, encoding: 'utf8', stdio: 'pipe' });
    return out.split('\0').filter((path) => path !== '');
  } catch {
    return walk(REPOSITORY);
  }
}

const NEVER_TRACKED = new Set(['.git', 'node_modules', 'dist', 'data', '.vitest-results', '.build-lock']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (NEVER_TRACKED.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(REPOSITORY, path)];
  });
}

/** `file:line: path` for every machine path in the file (binary files have none worth reporting). */
function machinePathsIn(file: string): string[] {
  const absolute = join(REPOSITORY, file);
  if (!existsSync(absolute) || statSync(absolute).isDirectory()) return [];
  const text = readFileSync(absolute, 'utf8');
  if (text.includes('\0')) return [];
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(MACHINE_PATH)]
      .map((match) => match[0])
      .filter((path) => path !== EXAMPLE_HOME)
      .map((path) => `${file}:${index + 1}: ${path}`),
  );
}

describe('no machine paths', () => {
  const files = trackedFiles();

  it('finds the tracked files', () => {
    expect(files).toContain('package.json');
    expect(files.length).toBeGreaterThan(100);
  });

  it('no tracked file names a directory of the machine it was written on', () => {
    expect(files.flatMap(machinePathsIn)).toEqual([]);
  });

  it('the pattern catches workspace and home directories, and lets the example home through', () => {
    const found = (line: string) =>
      [...line.matchAll(MACHINE_PATH)].map((match) => match[0]).filter((path) => path !== EXAMPLE_HOME);
    const slash = '/';
    expect(found(`${slash}work${slash}shared/run.sh`)).toEqual([`${slash}work${slash}`]);
    expect(found(`cd ${slash}root${slash}repo`)).toEqual([`${slash}root${slash}`]);
    expect(found(`${slash}home${slash}alice${slash}.config`)).toEqual([`${slash}home${slash}alice${slash}`]);
    expect(found(`${slash}Users${slash}bob${slash}src`)).toEqual([`${slash}Users${slash}bob${slash}`]);
    expect(found(`${EXAMPLE_HOME}.config/xloud/clouds.yaml`)).toEqual([]);
    expect(found('/srv/app/clouds.yaml, /etc/openstack, /tmp/x')).toEqual([]);
  });
});

/**
 * Time in tests comes from the injectable clock (TestClock), and real events are polled for: no test sleeps for
 * real longer than SLEEP_LIMIT_MS. This keeps that so, over every tracked test source of every package.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLongSleeps, SLEEP_LIMIT_MS } from '../helpers/find-long-sleeps.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const SELF = relative(REPO_ROOT, import.meta.filename);

function trackedTestSources(): Map<string, string> {
  const listed = execFileSync('git', ['ls-files', '-z', 'packages/*/test/**'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const paths = listed.split('\0').filter((path) => /\.(?:[cm]?[jt]sx?)$/.test(path) && path !== SELF);
  return new Map(paths.map((path) => [path, readFileSync(join(REPO_ROOT, path), 'utf8')]));
}

const sleepsIn = (source: string) => findLongSleeps(new Map([['t.ts', source]])).map((s) => s.line);

describe(`no test sleeps for real longer than ${SLEEP_LIMIT_MS} ms`, () => {
  it('holds for every tracked test source', () => {
    const sources = trackedTestSources();
    expect(sources.size).toBeGreaterThan(50);
    const report = findLongSleeps(sources).map((s) => `${s.file}:${s.line}: ${s.why}: ${s.text}`);
    expect(report, 'move a TestClock, or poll for the event in short steps').toEqual([]);
  });

  it('finds sleeps: resolve timers, timers/promises, sleep helpers and their calls, computed delays', () => {
    const source = [
      'await new Promise((r) => setTimeout(r, 1100));',
      'await new Promise((resolve) => setTimeout(() => resolve(), 2 * 1000));',
      'await setTimeout(250);',
      'const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));',
      'await pause(3100);',
      'await sleep(1_000);',
      'await new Promise((r) => setTimeout(r, Math.max(wait, 0)));',
    ].join('\n');
    expect(sleepsIn(source)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('leaves short polls, deadlines and explained real-time waits alone', () => {
    const source = [
      'await new Promise((r) => setTimeout(r, 20));',
      'await sleep(100);',
      "const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);",
      "new Promise((done) => setTimeout(() => done('still waiting after 5 s'), 5000));",
      '// real-time: the external server keeps its own clock',
      'await new Promise((r) => setTimeout(r, remaining));',
      '// await sleep(5000) in a comment',
    ].join('\n');
    expect(sleepsIn(source)).toEqual([]);
  });
});

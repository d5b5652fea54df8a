import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchedKeyDirectory } from '../../src/keys/watched-key-directory.ts';
import {
  FernetKeysNotFoundError,
  rotateFernetKeys,
  setupFernetKeys,
} from '../../src/token/providers/fernet/key-repository.ts';

const quiet = { onWarning: () => undefined };
const opened: Array<{ dir: string; keys?: WatchedKeyDirectory }> = [];

afterEach(() => {
  for (const { dir, keys } of opened.splice(0)) {
    keys?.close();
    if (existsSync(join(dir, 'keys'))) chmodSync(join(dir, 'keys'), 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

function repository(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'xloud-watched-')), 'keys');
  setupFernetKeys(dir, { maxActiveKeys: 3 });
  opened.push({ dir: join(dir, '..') });
  return dir;
}

function watch(dir: string): WatchedKeyDirectory {
  const keys = new WatchedKeyDirectory(dir, quiet);
  opened.push({ dir: join(dir, '..'), keys });
  return keys;
}

describe('WatchedKeyDirectory', () => {
  it('holds the keys in memory: using them reads no file', () => {
    const dir = repository();
    const keys = watch(dir);
    const first = keys.keys();
    expect(first.map((key) => key.index)).toEqual([1, 0]);
    // Not even a stat: with the directory unreadable the keys are still there, the same ones.
    chmodSync(dir, 0o000);
    expect(keys.keys()).toBe(first);
  });

  it('picks up a rotation made by another process, without being asked', async () => {
    const dir = repository();
    const keys = watch(dir);
    expect(keys.keys()[0]!.index).toBe(1);
    rotateFernetKeys(dir, { maxActiveKeys: 3 });
    await vi.waitFor(() => expect(keys.keys().map((key) => key.index)).toEqual([2, 1, 0]), {
      timeout: 10_000,
      interval: 20,
    });
  });

  it('reload() reads the directory at once (a rotation made by this process)', () => {
    const dir = repository();
    const keys = watch(dir);
    rotateFernetKeys(dir, { maxActiveKeys: 3 });
    keys.reload();
    expect(keys.keys()[0]!.index).toBe(2);
  });

  it('a directory set up after start is found at first use; none at all is FernetKeysNotFoundError', () => {
    const parent = mkdtempSync(join(tmpdir(), 'xloud-watched-'));
    const dir = join(parent, 'keys');
    const keys = new WatchedKeyDirectory(dir, quiet);
    opened.push({ dir: parent, keys });
    expect(() => keys.keys()).toThrow(FernetKeysNotFoundError);
    setupFernetKeys(dir, { maxActiveKeys: 3 });
    expect(keys.keys()[0]!.index).toBe(1);
  });
});

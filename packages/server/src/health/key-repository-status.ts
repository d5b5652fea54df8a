import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadFernetKeys } from '../token/providers/fernet/key-repository.ts';
import type { KeyRepository } from '../token/providers/fernet/key-source.ts';

export interface KeyRepositoryStatus {
  keyCount: number;
  /** The key that encrypts new tokens: the highest index. */
  primaryIndex: number;
  /**
   * When the repository last rotated: the newest key file's modification time. Every rotation writes a
   * fresh staged key 0, and copies made with `rsync -a` keep that time, so every node reports the same.
   */
  lastRotatedAt: Date;
}

/**
 * Reads the token key repository as the token provider does (same parser, same cache); throws when it is
 * missing, unreadable or holds no valid key, which is exactly when no token can be issued or validated.
 */
export function readKeyRepositoryStatus(repository: KeyRepository): KeyRepositoryStatus {
  if (typeof repository !== 'string') {
    const keys = repository.keys();
    return { keyCount: keys.length, primaryIndex: keys[0]!.index, lastRotatedAt: repository.lastRotatedAt() };
  }
  const dir = repository;
  const keys = loadFernetKeys(dir);
  const newestMtimeMs = Math.max(...keys.map((key) => statSync(join(dir, String(key.index))).mtimeMs));
  return { keyCount: keys.length, primaryIndex: keys[0]!.index, lastRotatedAt: new Date(newestMtimeMs) };
}

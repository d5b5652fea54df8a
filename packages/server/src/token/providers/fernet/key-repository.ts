import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type BigIntStats,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { ErrorCode } from '../../../errors.ts';
import { generateFernetKeyText, parseFernetKey, type FernetKey } from './fernet-envelope.ts';

/**
 * Keystone's Fernet key repository (keystone/common/fernet_utils.py): one file
 * per key, named by integer. `0` is the staged key (the next primary, already
 * accepted for decryption so every node knows it before any node encrypts with
 * it), the highest index is the primary (encrypts), the rest are secondaries.
 */

export interface KeyRepositoryOptions {
  /** `[fernet_tokens] max_active_keys`: staged + primary + secondaries (Keystone default 3). */
  maxActiveKeys: number;
}

export interface RepositoryKey extends FernetKey {
  /** The key's file name. */
  readonly index: number;
}

export interface LoadOptions {
  /** Receives each distinct repository warning once per process. */
  onWarning?: (message: string) => void;
}

export class FernetKeysNotFoundError extends Error {
  override readonly name = 'FernetKeysNotFoundError';
  readonly code = 'ERR_FERNET_KEYS_NOT_FOUND' satisfies ErrorCode;
}

const STAGED = 0;
const TMP_FILE = '0.tmp';
const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIR = 0o700;
/** A directory changed this recently may change again within one mtime tick, unseen. */
const RACY_MTIME_WINDOW_MS = 2000;

/** `keystone-manage fernet_setup`: a no-op once key 0 exists, else stage a key and rotate once (→ keys 0 and 1). */
export function setupFernetKeys(dir: string, options: KeyRepositoryOptions): { created: boolean } {
  checkMaxActiveKeys(options.maxActiveKeys);
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (pathExists(join(dir, String(STAGED)))) return { created: false };
  writeStagedKey(dir);
  rotateFernetKeys(dir, options);
  return { created: true };
}

export interface RotationResult {
  primaryIndex: number;
  purgedIndexes: number[];
}

/** `keystone-manage fernet_rotate`: staged key → new primary, fresh staged key, oldest keys purged. */
export function rotateFernetKeys(dir: string, options: KeyRepositoryOptions): RotationResult {
  checkMaxActiveKeys(options.maxActiveKeys);
  const indexes = [...readKeyFiles(dir).keys()];
  if (!indexes.includes(STAGED)) {
    throw new FernetKeysNotFoundError(`Fernet key repository ${dir} has no staged key 0; run fernet_setup first`);
  }
  // Written aside first so a failed write never leaves the repository without a staged key.
  writeTempKey(dir);
  const plan = planRotation(indexes, options.maxActiveKeys);
  renameSync(join(dir, String(STAGED)), join(dir, String(plan.primaryIndex)));
  renameSync(join(dir, TMP_FILE), join(dir, String(STAGED)));
  for (const index of plan.purgedIndexes) unlinkSync(join(dir, String(index)));
  return plan;
}

/**
 * Keystone's rotation over the current key numbers (which include the staged 0): the staged key becomes primary
 * max+1, a fresh staged key takes 0, and the oldest keys beyond max_active_keys are purged.
 */
export function planRotation(indexes: readonly number[], maxActiveKeys: number): RotationResult {
  checkMaxActiveKeys(maxActiveKeys);
  const primaryIndex = Math.max(...indexes) + 1;
  // Like Keystone, the new staged key does not count here: it occupies the last slot.
  const activeIndexes = [...indexes.filter((index) => index !== STAGED), primaryIndex].sort((a, b) => b - a);
  const purgedIndexes: number[] = [];
  while (activeIndexes.length > maxActiveKeys - 1) purgedIndexes.push(activeIndexes.pop()!);
  return { primaryIndex, purgedIndexes };
}

interface CachedRepository {
  mtimeNs: bigint;
  ctimeNs: bigint;
  loadedAtMs: number;
  keys: readonly RepositoryKey[];
}

/**
 * Per repository directory. Real time, not the server's clock: it is compared with the file system's. The TTL
 * makes even a change the directory's stat cannot show (a key file rewritten in place) count within a minute.
 */
const cache = new LRUCache<string, CachedRepository>({ max: 64, ttl: 60_000 });
const emittedWarnings = new Set<string>();

/**
 * Keys ordered primary first, then by descending index (MultiFernet order).
 * Keystone re-reads the directory on every token operation; we stat it instead
 * and re-read only when its entries changed, so a rotation still takes effect
 * without a restart. (Rewriting a key file in place, without a rename, is not
 * noticed until the directory itself changes or a minute has passed.)
 */
export function loadFernetKeys(dir: string, options: LoadOptions = {}): readonly RepositoryKey[] {
  const path = resolve(dir);
  const stats = statDirectory(path);
  const cached = cache.get(path);
  if (cached && isUnchanged(cached, stats)) return cached.keys;

  const loadedAtMs = Date.now();
  try {
    const keys = readKeys(path, stats, options);
    cache.set(path, { mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs, loadedAtMs, keys });
    return keys;
  } catch (error) {
    cache.delete(path);
    throw error;
  }
}

/**
 * The keys as they are on disk now, read afresh (no cache): for a holder that keeps them in memory and knows
 * when to read again (WatchedKeyDirectory). Throws FernetKeysNotFoundError as loadFernetKeys does.
 */
export function readFernetKeys(dir: string, options: LoadOptions = {}): readonly RepositoryKey[] {
  const path = resolve(dir);
  return readKeys(path, statDirectory(path), options);
}

function readKeys(path: string, stats: BigIntStats, options: LoadOptions): RepositoryKey[] {
  const warn = warnOnce(options.onWarning ?? ((message) => console.warn(message)));
  if ((stats.mode & 0o005n) !== 0n) warn(`Fernet key repository is world readable: ${path}`);
  const keys: RepositoryKey[] = [];
  for (const [index, file] of readKeyFiles(path, warn)) {
    try {
      keys.push({ index, ...parseFernetKey(readFileSync(file, 'utf8')) });
    } catch {
      warn(`Ignoring unreadable or malformed Fernet key file: ${file}`);
    }
  }
  if (keys.length === 0)
    throw new FernetKeysNotFoundError(`No Fernet keys in ${path}; run fernet_setup to create them`);
  keys.sort((a, b) => b.index - a.index);
  return keys;
}

function isUnchanged(cached: CachedRepository, stats: BigIntStats): boolean {
  return (
    cached.mtimeNs === stats.mtimeNs &&
    cached.ctimeNs === stats.ctimeNs &&
    cached.loadedAtMs - Number(stats.mtimeNs / 1_000_000n) > RACY_MTIME_WINDOW_MS
  );
}

/** Numbered, non-empty regular files; anything else (0.tmp, editor backups, empty files) is not a key. */
function readKeyFiles(dir: string, warn: (message: string) => void = () => {}): Map<number, string> {
  const files = new Map<number, string>();
  for (const name of readdirSync(dir)) {
    if (!/^[0-9]+$/.test(name)) continue;
    const file = join(dir, name);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile()) continue;
    if (stats.size === 0) {
      warn(`Ignoring empty key found in key repository: ${file}`);
      continue;
    }
    if ((stats.mode & 0o004) !== 0) warn(`Fernet key file is world readable: ${file}`);
    files.set(Number(name), file);
  }
  return files;
}

function writeStagedKey(dir: string): void {
  writeTempKey(dir);
  renameSync(join(dir, TMP_FILE), join(dir, String(STAGED)));
}

/** Owner-only from creation on (Keystone writes under umask 0177), so the key is never briefly exposed. */
function writeTempKey(dir: string): void {
  const file = join(dir, TMP_FILE);
  // A leftover from a failed run might carry looser permissions; start fresh.
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', OWNER_ONLY_FILE);
  try {
    writeSync(fd, generateFernetKeyText());
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function statDirectory(path: string): BigIntStats {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (!stats?.isDirectory()) {
    throw new FernetKeysNotFoundError(`Fernet key repository ${path} does not exist; run fernet_setup to create it`);
  }
  return stats;
}

function pathExists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

function checkMaxActiveKeys(maxActiveKeys: number): void {
  if (!Number.isInteger(maxActiveKeys) || maxActiveKeys < 1) {
    throw new RangeError(`max_active_keys must be an integer ≥ 1, got ${maxActiveKeys}`);
  }
}

function warnOnce(emit: (message: string) => void): (message: string) => void {
  return (message) => {
    if (emittedWarnings.has(message)) return;
    emittedWarnings.add(message);
    emit(message);
  };
}

import { type FSWatcher, statSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFernetKeys, type RepositoryKey } from '../token/providers/fernet/key-repository.ts';
import type { FernetKeySource } from '../token/providers/fernet/key-source.ts';

export interface WatchOptions {
  /** Repository warnings (world-readable keys, malformed files, a failed re-read). */
  onWarning?: (message: string) => void;
  /** Quiet time after the last change in the directory before it is read again (a rotation is several renames). */
  debounceMs?: number;
  /** The safety net: read again this often whatever the watcher said (and watch the directory anew). */
  rereadSeconds?: number;
}

const DEFAULT_DEBOUNCE_MS = 50;
const DEFAULT_REREAD_SECONDS = 60;

interface Loaded {
  keys: readonly RepositoryKey[];
  lastRotatedAt: Date;
}

/**
 * A key repository directory (Keystone's layout) held in memory: a token operation touches no file, not even
 * with a stat. The directory is watched (fs.watch, inotify on Linux) and read again shortly after anything in it
 * changes, so `xloud-manage fernet rotate` (or keys copied in by rsync from the node that rotated) take effect in
 * every server process without a restart. Watch events can be missed (network file systems, a directory replaced
 * by another): the directory is also read again every rereadSeconds, and watched anew then.
 *
 * A rotation needs no instant reload: the new primary key was the staged key 0, which every process already
 * accepts, so tokens it signs validate everywhere meanwhile.
 *
 * While no key could be read yet (the directory is missing or empty) every use tries again and throws
 * FernetKeysNotFoundError, as the stat-per-use loader did. A re-read that fails once keys are loaded keeps the
 * keys in use and warns; the healthcheck reads the directory itself and reports it.
 */
export class WatchedKeyDirectory implements FernetKeySource {
  readonly dir: string;
  private loaded: Loaded | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly rereadTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    dir: string,
    private readonly options: WatchOptions = {},
  ) {
    this.dir = resolve(dir);
    this.rereadTimer = setInterval(
      () => {
        this.stopWatching();
        this.rereadInBackground();
      },
      (options.rereadSeconds ?? DEFAULT_REREAD_SECONDS) * 1000,
    ).unref();
    try {
      this.reload();
    } catch {
      // Reported at first use, as before: a server may start before its keys are set up.
    }
  }

  get description(): string {
    return this.dir;
  }

  keys(): readonly RepositoryKey[] {
    if (!this.loaded) this.reload();
    return this.loaded!.keys;
  }

  lastRotatedAt(): Date {
    if (!this.loaded) this.reload();
    return this.loaded!.lastRotatedAt;
  }

  /** Reads the directory now (a rotation made by this process calls it); throws when it holds no key. */
  reload(): void {
    const keys = readFernetKeys(this.dir, { onWarning: this.options.onWarning });
    // Every rotation writes a fresh staged key 0: the newest file tells when the repository last rotated.
    const newest = Math.max(
      ...keys.map((key) => statSync(join(this.dir, String(key.index)), { throwIfNoEntry: false })?.mtimeMs ?? 0),
    );
    this.loaded = { keys, lastRotatedAt: new Date(newest) };
    this.startWatching();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.rereadTimer);
    clearTimeout(this.debounce);
    this.stopWatching();
  }

  private rereadInBackground(): void {
    if (this.closed) return;
    try {
      this.reload();
    } catch (error) {
      if (this.loaded) {
        this.options.onWarning?.(
          `could not read the key repository ${this.dir} again (${(error as Error).message}); the keys read before stay in use`,
        );
      }
    }
  }

  private startWatching(): void {
    if (this.watcher || this.closed) return;
    try {
      const watcher = watch(this.dir, { persistent: false }, () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => this.rereadInBackground(), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
        this.debounce.unref();
      });
      // The directory removed or replaced: the periodic re-read watches it anew.
      watcher.on('error', () => this.stopWatching());
      this.watcher = watcher;
    } catch {
      // No watcher (the directory vanished, or no inotify instance left): the periodic re-read still works.
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}

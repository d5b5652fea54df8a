/**
 * A counting semaphore with a bounded FIFO wait queue, for password hashing. Written here rather than taken from
 * npm: p-limit and its kin queue without bound (which is the pile-up this exists to stop), and the project adds
 * no dependency for a hundred lines.
 *
 * Why a gate at all: every hash and check already runs on libuv's thread pool, off the event loop, but the pool
 * queues without bound too. Sixteen logins at once on two cores would each wait for the fifteen before them, and
 * whatever else needs the pool (fs, DNS lookups) would wait behind all of them. The gate runs at most `limit`
 * hashes at once, lets `queueLength` more wait in order, and refuses the rest at once with a 503 and Retry-After.
 */
import { PasswordHashingBusyError } from '../errors.ts';

export interface PasswordHashingGateOptions {
  /** Hashes running at once: [identity] max_concurrent_password_hashes. */
  limit: number;
  /** Hashes waiting for a slot beyond those: [identity] password_hash_queue_length. */
  queueLength: number;
}

/** A place in the gate, taken before the work is known; released by `run` finishing, or by `cancel`. */
export interface HashingSlot {
  /** Waits for the slot (if queued), runs `task` in it, then frees it. Once only. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Gives the place up unused: leaves the queue, or frees a granted slot. A no-op once `run` was called. */
  cancel(): void;
}

/** Until a hash has been timed, Retry-After assumes bcrypt's default cost on a current core: about a quarter second. */
const INITIAL_SECONDS_PER_HASH = 0.25;
/** Weight of the newest duration in the running average (the cost factor rarely changes, the load does). */
const AVERAGE_WEIGHT = 0.2;

export class PasswordHashingGate {
  readonly limit: number;
  readonly queueLength: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private rejectedCount = 0;
  private secondsPerHash = INITIAL_SECONDS_PER_HASH;

  constructor(options: PasswordHashingGateOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError(`the hashing limit must be a positive integer, got ${options.limit}`);
    }
    if (!Number.isInteger(options.queueLength) || options.queueLength < 0) {
      throw new RangeError(`the hashing queue length must be a non-negative integer, got ${options.queueLength}`);
    }
    this.limit = options.limit;
    this.queueLength = options.queueLength;
  }

  /** Hashes running now. */
  get running(): number {
    return this.active;
  }

  /** Hashes waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Hashes refused (PasswordHashingBusyError) since start. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /** Runs `task` in a slot: at once, after the ones queued before it, or not at all (PasswordHashingBusyError). */
  run<T>(task: () => Promise<T>, gone?: AbortSignal): Promise<T> {
    try {
      return this.reserve(gone).run(task);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Takes a slot or a place in the queue now; throws PasswordHashingBusyError when neither is left. Lets a
   * caller be refused before it does anything that counts (a login's lockout attempt).
   *
   * `gone` is the client going away: a place still queued is given up then, so nobody hashes for a client that
   * no longer waits for the answer (a timed-out client retrying would otherwise double the backlog). Its run
   * rejects with the same PasswordHashingBusyError, which nobody receives. A hash already running finishes.
   */
  reserve(gone?: AbortSignal): HashingSlot {
    if (gone?.aborted) throw new PasswordHashingBusyError(this.retryAfterSeconds());
    let place: 'queued' | 'granted' | 'released';
    let used = false;
    let granted: Promise<void>;
    let leaveQueue = (): void => undefined;
    if (this.active < this.limit) {
      this.active += 1;
      place = 'granted';
      granted = Promise.resolve();
    } else if (this.waiting.length < this.queueLength) {
      place = 'queued';
      granted = new Promise<void>((resolve, reject) => {
        const onGone = () => {
          leaveQueue();
          reject(new PasswordHashingBusyError(this.retryAfterSeconds()));
        };
        // The slot passes straight from the finishing hash to this one: `active` does not change.
        const grant = () => {
          gone?.removeEventListener('abort', onGone);
          place = 'granted';
          resolve();
        };
        leaveQueue = () => {
          gone?.removeEventListener('abort', onGone);
          const index = this.waiting.indexOf(grant);
          if (index >= 0) this.waiting.splice(index, 1);
          place = 'released';
        };
        gone?.addEventListener('abort', onGone, { once: true });
        this.waiting.push(grant);
      });
      // Left unused (cancelled, or the client gone before run), the rejection is nobody's concern.
      granted.catch(() => undefined);
    } else {
      this.rejectedCount += 1;
      throw new PasswordHashingBusyError(this.retryAfterSeconds());
    }
    const releaseGranted = () => {
      place = 'released';
      this.release();
    };
    return {
      run: async <T>(task: () => Promise<T>): Promise<T> => {
        if (used) throw new Error('a hashing slot runs one task, once');
        used = true;
        await granted; // rejects when the client went away while queued: no slot was taken
        const started = performance.now();
        try {
          return await task();
        } finally {
          this.observe((performance.now() - started) / 1000);
          releaseGranted();
        }
      },
      cancel: () => {
        if (used) return; // run releases what it holds
        if (place === 'granted') releaseGranted();
        else if (place === 'queued') leaveQueue();
      },
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  private observe(seconds: number): void {
    this.secondsPerHash += AVERAGE_WEIGHT * (seconds - this.secondsPerHash);
  }

  /** How long until the work ahead of a newcomer is done: the queue and the running hashes, `limit` at a time. */
  private retryAfterSeconds(): number {
    const ahead = this.active + this.waiting.length;
    return Math.max(1, Math.ceil((ahead / this.limit) * this.secondsPerHash));
  }
}

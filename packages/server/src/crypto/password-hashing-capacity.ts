import { availableParallelism } from 'node:os';
import type { PasswordHashingGateOptions } from './password-hashing-gate.ts';

/** libuv's thread pool size when UV_THREADPOOL_SIZE is unset (or not a number). */
const LIBUV_DEFAULT_THREADPOOL_SIZE = 4;
/** libuv clamps UV_THREADPOOL_SIZE to 1..1024. */
const LIBUV_MAX_THREADPOOL_SIZE = 1024;
/**
 * Waiting hashes per slot when password_hash_queue_length is unset. The last in line waits about 9 hashes' time,
 * under two seconds at bcrypt cost 12 on a current CPU; and a client pool of 8 connections per CPU (16 on two)
 * queues without being refused. Fewer made such a pool retry its refused logins at once, which cost the event
 * loop more than it saved.
 */
const DEFAULT_QUEUE_PER_SLOT = 8;

export interface HashingHost {
  cpus: number;
  /** UV_THREADPOOL_SIZE as libuv reads it. */
  threadpoolSize: number;
}

export function currentHashingHost(env: NodeJS.ProcessEnv = process.env): HashingHost {
  const requested = Number.parseInt(env.UV_THREADPOOL_SIZE ?? '', 10);
  const threadpoolSize =
    Number.isFinite(requested) && requested > 0
      ? Math.min(requested, LIBUV_MAX_THREADPOOL_SIZE)
      : LIBUV_DEFAULT_THREADPOOL_SIZE;
  return { cpus: availableParallelism(), threadpoolSize };
}

export interface HashingCapacity extends PasswordHashingGateOptions {
  /** Said once at start-up when the configured limit can fill the whole thread pool. */
  warning?: string;
}

/**
 * `[identity] max_concurrent_password_hashes` and `password_hash_queue_length`, resolved.
 *
 * Unset, the limit is one hash per CPU (more only queue inside the pool and lengthen every login), but never the
 * whole thread pool: bcrypt, pbkdf2 and scrypt share it with fs and dns.lookup (a database host name resolved on
 * reconnect), and a pool full of quarter-second hashes would make those wait behind them. Keeping one thread
 * free costs a CPU's worth of hashing only on hosts with more CPUs than pool threads, where raising
 * UV_THREADPOOL_SIZE is the cure. A configured limit is taken as given, with a warning when it fills the pool.
 */
export function hashingCapacity(
  configured: { limit?: number; queueLength?: number },
  host: HashingHost,
): HashingCapacity {
  const limit = configured.limit ?? Math.max(1, Math.min(host.cpus, host.threadpoolSize - 1));
  const queueLength = configured.queueLength ?? DEFAULT_QUEUE_PER_SLOT * limit;
  const warning =
    configured.limit !== undefined && configured.limit >= host.threadpoolSize
      ? `[identity] max_concurrent_password_hashes = ${configured.limit} can occupy all ${host.threadpoolSize} threads of libuv's pool ` +
        `(UV_THREADPOOL_SIZE); file and DNS work then waits behind password hashing. Set UV_THREADPOOL_SIZE above it.`
      : undefined;
  return { limit, queueLength, warning };
}

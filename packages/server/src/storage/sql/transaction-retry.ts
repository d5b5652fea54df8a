import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A transaction the database aborted to break a conflict, and that will very likely commit if run again:
 * - MySQL / MariaDB: 1213 ER_LOCK_DEADLOCK (InnoDB deadlocks, and Galera's certification failures and
 *   brute-force aborts, which a node reports as a deadlock), 1205 ER_LOCK_WAIT_TIMEOUT;
 * - PostgreSQL: 40001 serialization failure, 40P01 deadlock detected.
 * The database has rolled the whole transaction back, so running it again from the start is safe.
 */
function isRetryableConflict(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  if (e === null || typeof e !== 'object') return false;
  return e.errno === 1213 || e.errno === 1205 || e.code === '40001' || e.code === '40P01';
}

/** Attempts in all: enough for the short write transactions here, bounded so an unlucky request still ends. */
const TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `attempt` again (up to TRANSACTION_ATTEMPTS in all) while it fails with a retryable conflict, after a
 * random pause that grows with each try, so the transactions that collided do not collide again in step.
 * The last error passes through (answered 503 with Retry-After, see database-unavailable.ts).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error;
      await sleep(Math.random() * 20 * 2 ** tries);
    }
  }
}

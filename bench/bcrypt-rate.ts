// The yardstick for the mixed scenario's login rate: how many bcrypt hashes per second this machine computes with
// every CPU busy. A login is one bcrypt verify, so a server that wastes no CPU logs in about this many per second.
import { availableParallelism } from 'node:os';
// The server's own hasher (its @node-rs/bcrypt, cost check and 2b format): exactly what a login costs it.
import { hashBcrypt } from '../packages/server/src/crypto/bcrypt-hasher.ts';

const PASSWORD = Buffer.from('bench yardstick');

export interface BcryptRate {
  cost: number;
  cpus: number;
  perSecond: number;
}

/**
 * Keeps one hash per CPU in flight for `seconds` (at least one round) and counts what finished. More CPUs than
 * this process's UV_THREADPOOL_SIZE (4 unless set) are not all used: set it above the CPU count there.
 */
export async function measureBcryptRate(cost: number, seconds = 3): Promise<BcryptRate> {
  const cpus = availableParallelism();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  const worker = async () => {
    do {
      await hashBcrypt(PASSWORD, cost);
      done += 1;
    } while (performance.now() < deadline);
  };
  await Promise.all(Array.from({ length: cpus }, worker));
  return { cost, cpus, perSecond: done / ((performance.now() - started) / 1000) };
}

import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Clock } from '../clock.ts';

/**
 * The pool Kysely sees: a connection older than connection_recycle_time (by the injectable clock) is closed when it
 * is next taken and a fresh one is taken instead, as oslo.db's pool_recycle does. pg-pool's own maxLifetimeSeconds
 * still retires idle connections on real time; this check is what a test clock moves.
 */
export function recyclingPool(pool: pg.Pool, recycleSeconds: number, clock: Clock): PostgresPool {
  const born = new WeakMap<pg.PoolClient, number>();
  pool.on('connect', (client) => born.set(client, clock.now().getTime()));
  const isDue = (client: pg.PoolClient) =>
    recycleSeconds > 0 && clock.now().getTime() - (born.get(client) ?? clock.now().getTime()) >= recycleSeconds * 1000;
  return {
    async connect(): Promise<PostgresPoolClient> {
      for (;;) {
        const client = await pool.connect();
        if (!isDue(client)) return client;
        client.release(true);
      }
    },
    end: () => pool.end(),
  };
}

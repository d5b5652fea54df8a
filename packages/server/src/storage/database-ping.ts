import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

/**
 * `select 1` within `timeoutMs`: the cheapest proof that the database answers. A query that outlives the
 * timeout is left to finish on its own; the caller has its answer (a hung database is an unusable one).
 */
export async function pingDatabase(db: Kysely<Database>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to select 1 within ${timeoutMs} ms`)), timeoutMs);
  });
  const query = sql`select 1`.execute(db);
  // The query may still reject after the timeout won; that rejection has nobody to go to.
  query.catch(() => undefined);
  try {
    await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

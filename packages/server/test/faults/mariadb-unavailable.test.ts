/**
 * Issue #7 items 2 and 5 on MariaDB: a database that is slow, frozen or out of connections gives 503 with
 * Retry-After and Keystone's error body, never 401 and never a 500; no request waits past
 * [database] statement_timeout (MariaDB's max_statement_time) or pool_timeout (mysql2's pool has no acquire
 * timeout of its own: storage/mysql-database.ts bounds it); a connection killed mid-request fails that request only.
 *
 * The stuck database is simulated with `LOCK TABLES identity_user WRITE` from another session, which makes every
 * statement on that table wait for its metadata lock. That is fault injection only: the server itself never
 * locks tables (Galera does not replicate table locks).
 */
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../api/api-client.ts';
import { databaseTroubleSuite, expectUnavailable, sleep } from './database-trouble-suite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** A session of our own on the server's database. */
async function sessionOn(server: TestServer): Promise<Connection> {
  const connection = server.container.conf.database.connection;
  if (connection.kind !== 'mysql') throw new Error('a MariaDB server was expected');
  return createConnection(connection.url);
}

/** Holds identity_user locked from outside, so every request that reads users waits; release() lets go. */
async function lockUsers(server: TestServer): Promise<{ release(): Promise<void> }> {
  const session = await sessionOn(server);
  await session.query('LOCK TABLES identity_user WRITE');
  return {
    async release() {
      await session.query('UNLOCK TABLES');
      await session.end();
    },
  };
}

/** Server-side ids of the connections waiting for the table lock. */
async function waitingConnections(server: TestServer): Promise<number[]> {
  const session = await sessionOn(server);
  try {
    const [rows] = await session.query(
      "SELECT id FROM information_schema.processlist WHERE db = database() AND state LIKE '%metadata lock%' AND id <> connection_id()",
    );
    return (rows as { id: number }[]).map((r) => Number(r.id));
  } finally {
    await session.end();
  }
}

databaseTroubleSuite('MariaDB', 'mysql', {
  lockUsers,
  waitingConnections,
  async kill(server, ids) {
    const killer = await sessionOn(server);
    for (const id of ids) await killer.query(`KILL CONNECTION ${id}`);
    await killer.end();
  },
});

describe('waiting for a pooled connection is bounded by pool_timeout alone (MariaDB)', () => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    // A statement may wait a minute: the only thing that can end the third request early is pool_timeout.
    server = await startTestServer({
      database: 'mysql',
      config: {
        database: { statement_timeout: '60', pool_timeout: '1', max_pool_size: '2', retry_interval: '3' },
        token: { caching: 'false' },
      },
    });
    api = new ApiClient(server);
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('with both connections stuck, another request is 503 while they still wait; they complete afterwards', async () => {
    const lock = await lockUsers(server);
    let holders: Promise<ApiResponse>[] = [];
    try {
      holders = [0, 1].map(() => api.get('/users', admin));
      let waiting: number[] = [];
      for (let i = 0; i < 100 && waiting.length < 2; i++) {
        await sleep(20);
        waiting = await waitingConnections(server);
      }
      expect(waiting).toHaveLength(2);
      expectUnavailable(await api.get('/projects', admin), '3');
      // the lock is still held: the two requests are still waiting for it
      expect(await waitingConnections(server)).toHaveLength(2);
    } finally {
      await lock.release();
    }
    expect((await Promise.all(holders)).map((r) => r.status)).toEqual([200, 200]);
    expect((await api.get('/projects', admin)).status).toBe(200);
  });
});

import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer } from '../../src/container.ts';
import { ChangeCounterSql } from '../../src/storage/sql/change-counter-sql.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, passwordAuth } from './api-client.ts';

/**
 * Two nodes over one database and key repository, as behind a load balancer: a revocation or a role
 * removal on one node reaches the other node's validation cache through the shared change counter.
 */
const readChangeCounter = ChangeCounterSql.prototype.read;

describe.each(DATABASES)('two nodes sharing a database (%s)', (database) => {
  let nodeA: TestServer;
  let nodeB: { baseUrl: string; close(): Promise<void> };
  let a: ApiClient;
  let b: ApiClient;
  /** What node B logged, as pino writes it (JSON lines). */
  const logged: { level: number; msg: string }[] = [];
  /** Reads of the change counter node B has finished (its poll is the only reader), failed or not. */
  let counterReads = 0;
  /** Resolves once node B has finished `count` more polls than it had when called. */
  const polls = async (count: number) => {
    const target = counterReads + count;
    await vi.waitFor(() => expect(counterReads).toBeGreaterThanOrEqual(target), { timeout: 10_000, interval: 50 });
  };

  beforeAll(async () => {
    nodeA = await startTestServer({ database });
    const dbOfNodeA = nodeA.container.database.db;
    // Node B's store is built inside buildContainer: its change counter is told apart from node A's by its database.
    ChangeCounterSql.prototype.read = function (this: ChangeCounterSql) {
      const ofNodeB = (this as unknown as { db: unknown }).db !== dbOfNodeA;
      return readChangeCounter.call(this).finally(() => {
        if (ofNodeB) counterReads++;
      });
    };
    const confA = nodeA.container.conf;
    const conf = loadConfig({
      env: {},
      overrides: {
        database: {
          connection:
            confA.database.connection.kind === 'sqlite'
              ? `sqlite:////${confA.database.connection.filename.replace(/^\/+/, '')}`
              : confA.database.connection.url,
        },
        fernet_tokens: { key_repository: confA.fernet_tokens.key_repository },
        credential: { key_repository: confA.credential.key_repository },
        identity: { password_hash_rounds: '4' },
      },
    });
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const container = await buildContainer(conf, { logger });
    const app = await buildApp(container);
    await app.listen({ host: '127.0.0.1', port: 0 });
    nodeB = {
      baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      close: async () => {
        await app.close();
        await container.close();
      },
    };
    a = new ApiClient(nodeA);
    b = new ApiClient({ ...nodeB, adminPassword: nodeA.adminPassword });
  });
  afterAll(async () => {
    ChangeCounterSql.prototype.read = readChangeCounter;
    await nodeB?.close();
    await nodeA?.close();
  });

  it('a token revoked on node A stops validating on node B, whose cache had it', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    expect((await b.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(200);
    expect((await a.delete('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(204);
    await vi.waitFor(
      async () => expect((await b.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(404),
      {
        timeout: 5000,
        interval: 200,
      },
    );
  });

  it('a role removed on node A takes the token away on node B', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    expect((await b.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(200);
    const roleId = await a.roleId('member');
    expect(
      (await a.delete(`/projects/${member.projectId}/users/${member.user.id}/roles/${roleId}`, admin)).status,
    ).toBe(204);
    await vi.waitFor(
      async () => expect((await b.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(404),
      {
        timeout: 5000,
        interval: 200,
      },
    );
    // and node B issues nothing for the removed role
    const again = await b.issue(
      passwordAuth({ id: member.user.id }, member.user.password, { project: { id: member.projectId } }),
    );
    expect(again.status).toBe(401);
  });

  it("a failed poll of the change counter is logged once, and the next good poll still clears node B's cache", async () => {
    const db = nodeA.container.database.db;
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    const validateOnB = async () => (await b.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status;
    const lines = (level: number, start: string) => logged.filter((l) => l.level === level && l.msg.startsWith(start));
    const failures = () => lines(40, 'could not read the change counter').length;
    const recoveries = () => lines(30, 'change counter readable again').length;
    const [failedBefore, recoveredBefore] = [failures(), recoveries()];
    // Past node B's next full poll, so the writes above no longer clear what it caches next.
    await polls(2);
    expect(await validateOnB()).toBe(200); // now in node B's validation cache

    // Every poll fails while the table is away: two more failed polls, and still one warning.
    await sql`ALTER TABLE change_counter RENAME TO change_counter_away`.execute(db);
    try {
      await vi.waitFor(() => expect(failures()).toBe(failedBefore + 1), { timeout: 5000, interval: 100 });
      await polls(2);
      expect(failures()).toBe(failedBefore + 1);
    } finally {
      await sql`ALTER TABLE change_counter_away RENAME TO change_counter`.execute(db);
    }
    await vi.waitFor(() => expect(recoveries()).toBe(recoveredBefore + 1), { timeout: 5000, interval: 100 });

    // Behind node B's back, as a node that sends no notification: the user disabled (B still answers from its
    // cache), then the counter bumped, which only B's poll can see.
    await db.updateTable('identity_user').set({ enabled: 0 }).where('id', '=', member.user.id).execute();
    expect(await validateOnB()).toBe(200);
    await db.updateTable('change_counter').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
    await vi.waitFor(async () => expect(await validateOnB()).toBe(404), { timeout: 5000, interval: 200 });
  });
});

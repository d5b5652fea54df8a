/**
 * The scenarios of "the database is slow, frozen or out of connections", for any database: each engine's test
 * file gives the three ways of injecting the fault (hold a lock on identity_user from outside, find the server's
 * connections waiting for it, kill them) and runs the same expectations. 503 with Retry-After and Keystone's body,
 * never 401 or 500; no request past statement_timeout / pool_timeout; the server recovers by itself.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, passwordAuth, type ApiResponse } from '../api/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

export interface DatabaseFaults {
  /** Holds identity_user locked from another session, so every request that reads users waits. */
  lockUsers(server: TestServer): Promise<{ release(): Promise<void> }>;
  /** Server-side ids of the server's connections waiting for that lock. */
  waitingConnections(server: TestServer): Promise<number[]>;
  /** Kills those connections from the database side. */
  kill(server: TestServer, ids: number[]): Promise<void>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function expectUnavailable(res: ApiResponse, retryAfter: string): void {
  expect(res.status, res.text).toBe(503);
  expect(res.headers.get('retry-after')).toBe(retryAfter);
  expect(res.body.error).toEqual({
    code: 503,
    title: 'Service Unavailable',
    message: expect.stringContaining('database'),
  });
}

export function databaseTroubleSuite(label: string, database: 'postgres' | 'mysql', faults: DatabaseFaults): void {
  describe(`the database slow, frozen or out of connections (${label})`, () => {
    let server: TestServer;
    let api: ApiClient;
    let admin: string;

    beforeAll(async () => {
      server = await startTestServer({
        database,
        config: {
          database: { statement_timeout: '2', pool_timeout: '2', max_pool_size: '3', retry_interval: '7' },
          // Every validation goes to the database, as for a token this node has not seen before.
          token: { caching: 'false' },
        },
      });
      api = new ApiClient(server);
      admin = await api.adminToken();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('a statement blocked past statement_timeout is answered 503 with Retry-After, not 401; then all is well', async () => {
      const lock = await faults.lockUsers(server);
      try {
        const started = Date.now();
        expectUnavailable(await api.get('/users', admin), '7');
        // Bounded by statement_timeout (2 s), not by the lock: a generous bound, only to tell "bounded" from "hung".
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        await lock.release();
      }
      expect((await api.get('/users', admin)).status).toBe(200);
    });

    it('a password sign-in while the database does not answer is 503, not 401', async () => {
      const user = await api.createUser();
      const lock = await faults.lockUsers(server);
      try {
        expectUnavailable(await api.issue(passwordAuth({ id: user.id }, user.password)), '7');
      } finally {
        await lock.release();
      }
      expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
    });

    it('a connection killed mid-request gives 503 for that request only', async () => {
      const lock = await faults.lockUsers(server);
      try {
        const pending = api.get('/users', admin);
        let victims: number[] = [];
        for (let i = 0; i < 50 && victims.length === 0; i++) {
          await sleep(20);
          victims = await faults.waitingConnections(server);
        }
        expect(victims.length).toBeGreaterThan(0);
        await faults.kill(server, victims);
        expectUnavailable(await pending, '7');
      } finally {
        await lock.release();
      }
      const after = await Promise.all([
        api.get('/users', admin),
        api.get('/projects', admin),
        api.get('/auth/tokens', admin, { 'X-Subject-Token': admin }),
      ]);
      expect(after.map((r) => r.status)).toEqual([200, 200, 200]);
    });

    it('requests beyond max_pool_size wait at most pool_timeout, then 503', async () => {
      const lock = await faults.lockUsers(server);
      try {
        // Three requests take the three pooled connections and wait on the lock; the fourth finds none free.
        const holders = [0, 1, 2].map(() => api.get('/users', admin));
        await vi.waitFor(async () => expect(await faults.waitingConnections(server)).toHaveLength(3), {
          timeout: 10_000,
          interval: 20,
        });
        const started = Date.now();
        expectUnavailable(await api.get('/projects', admin), '7');
        expect(Date.now() - started).toBeLessThan(15_000);
        for (const res of await Promise.all(holders)) expectUnavailable(res, '7');
      } finally {
        await lock.release();
      }
      expect((await api.get('/projects', admin)).status).toBe(200);
    });
  });
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient } from './api-client.ts';

/** PostgreSQL dropping our connections (restart, failover, an admin's pg_terminate_backend) must not take the server down. */
describe('PostgreSQL connections terminated under a running server', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    api = new ApiClient(server);
  });
  afterAll(() => server?.close());

  it('keeps serving: the pool replaces the dead connections', async () => {
    const admin = await api.adminToken();
    expect((await api.get('/projects', admin)).status).toBe(200);
    const connection = server.container.conf.database.connection;
    const database = connection.kind === 'postgres' ? new URL(connection.url).pathname.slice(1) : '';
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    const killed = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    await client.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    // the first request after the outage may meet a connection that is already dead; the server must survive it
    await api.get('/projects', admin);
    const after = await api.get('/users', admin);
    expect(after.status).toBe(200);
    expect(after.body.users.some((u: { name: string }) => u.name === 'admin')).toBe(true);
  });
});

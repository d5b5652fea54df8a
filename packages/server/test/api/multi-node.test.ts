import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer } from '../../src/container.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, passwordAuth } from './api-client.ts';

/**
 * Two nodes over one database and key repository, as behind a load balancer: a revocation or a role
 * removal on one node reaches the other node's validation cache through the shared change counter.
 */
describe.each(DATABASES)('two nodes sharing a database (%s)', (database) => {
  let nodeA: TestServer;
  let nodeB: { baseUrl: string; close(): Promise<void> };
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    nodeA = await startTestServer({ database });
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
    const container = await buildContainer(conf);
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
});

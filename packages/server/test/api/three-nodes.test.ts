import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container } from '../../src/container.ts';
import { runManage } from '../../src/manage/cli.ts';
import { repositoryKeys } from '../../src/token/providers/fernet/key-source.ts';
import { Redis } from 'ioredis';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, passwordAuth } from './api-client.ts';

/**
 * Three nodes over one database, as behind a load balancer, with the change counter poll pushed out of reach
 * ([cache] invalidation_poll_interval = 60): a revocation, a role removal or a disabled user on node A must
 * reach the validation caches of nodes B and C through the push channel alone — PostgreSQL LISTEN/NOTIFY,
 * or on MariaDB `[cache] backend = redis` publish/subscribe on `[cache] redis_url`. The delay from A's answer
 * to the first refusal on B and on C is measured and printed.
 *
 * The key repositories are in the database (`[fernet_tokens] key_repository = sql://`, `[credential]
 * key_repository = sql://`, sealed with XLOUD_KEY_ENCRYPTION_KEY): `xloud-manage fernet rotate` reaches all three.
 */
const KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64');
/** Four, so that two rotations keep the key of a token issued before them. */
const SHARED_KEYS = {
  fernet_tokens: { key_repository: 'sql://', max_active_keys: '4' },
  credential: { key_repository: 'sql://' },
};
const SETUPS: { database: 'postgres' | 'mysql'; cache: Record<string, string> }[] = [
  { database: 'postgres', cache: { invalidation_poll_interval: '60', backend: 'memory' } },
  // Not the default URL on purpose (database 1), so that the option is really read; pub/sub ignores the number.
  {
    database: 'mysql',
    cache: { invalidation_poll_interval: '60', backend: 'redis', redis_url: 'redis://127.0.0.1:6379/1' },
  },
];

interface Node {
  client: ApiClient;
  container: Container;
  close(): Promise<void>;
}

/** Another node on node A's database and key repositories, configured like A. */
async function startSibling(nodeA: TestServer, cache: Record<string, string>): Promise<Node> {
  const confA = nodeA.container.conf;
  const connection = confA.database.connection;
  const conf = loadConfig({
    env: {},
    overrides: {
      database: { connection: connection.kind === 'sqlite' ? `sqlite:///${connection.filename}` : connection.url },
      fernet_tokens: {
        key_repository: confA.fernet_tokens.key_repository,
        max_active_keys: String(confA.fernet_tokens.max_active_keys),
      },
      credential: { key_repository: confA.credential.key_repository },
      identity: { password_hash_rounds: '4' },
      cache,
    },
  });
  const container = await buildContainer(conf, { keyEncryptionKey: KEY_ENCRYPTION_KEY });
  const app = await buildApp(container);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    client: new ApiClient({ baseUrl, adminPassword: nodeA.adminPassword, close: async () => undefined }),
    container,
    close: async () => {
      await app.close();
      await container.close();
    },
  };
}

describe.each(SETUPS)('three nodes sharing one database ($database, [cache] $cache.backend)', ({ database, cache }) => {
  let nodeA: TestServer;
  let siblings: Node[] = [];
  let a: ApiClient;

  beforeAll(async () => {
    nodeA = await startTestServer({
      database,
      config: { cache, ...SHARED_KEYS },
      keyEncryptionKey: KEY_ENCRYPTION_KEY,
    });
    siblings = [await startSibling(nodeA, cache), await startSibling(nodeA, cache)];
    a = new ApiClient(nodeA);
  });
  afterAll(async () => {
    for (const sibling of siblings) await sibling.close();
    await nodeA?.close();
  });

  /** Both siblings validate (and so cache) the token, node A changes something, both must then refuse it. */
  async function expectRefusedOnSiblings(what: string, token: string, change: () => Promise<void>): Promise<void> {
    const admin = await a.adminToken();
    for (const { client } of siblings) {
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': token })).status).toBe(200);
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': token })).status).toBe(200);
    }
    await change();
    const changedAt = performance.now();
    const delays = await Promise.all(
      siblings.map(async ({ client }) => {
        await vi.waitFor(
          async () => expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': token })).status).toBe(404),
          {
            timeout: 5000,
            interval: 5,
          },
        );
        return performance.now() - changedAt;
      }),
    );
    console.info(
      `[three-nodes ${database}, cache ${cache.backend}] ${what} on A refused by B after ${delays[0]!.toFixed(1)} ms, by C after ${delays[1]!.toFixed(1)} ms`,
    );
  }

  it('a token revoked on node A is refused by nodes B and C', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    await expectRefusedOnSiblings('token revoked', member.token, async () => {
      expect((await a.delete('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(204);
    });
  });

  it('a role removed on node A takes the token away on nodes B and C', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    const roleId = await a.roleId('member');
    await expectRefusedOnSiblings('role removed', member.token, async () => {
      expect(
        (await a.delete(`/projects/${member.projectId}/users/${member.user.id}/roles/${roleId}`, admin)).status,
      ).toBe(204);
    });
  });

  /** `xloud-manage fernet rotate` as an operator runs it, on a host with the nodes' configuration. */
  async function rotateTokenKeys(): Promise<number> {
    const connection = nodeA.container.conf.database.connection;
    const env: Record<string, string> = {
      XLOUD__DATABASE__CONNECTION: connection.kind === 'sqlite' ? '' : connection.url,
      XLOUD__FERNET_TOKENS__KEY_REPOSITORY: 'sql://',
      XLOUD__FERNET_TOKENS__MAX_ACTIVE_KEYS: SHARED_KEYS.fernet_tokens.max_active_keys,
      XLOUD__CREDENTIAL__KEY_REPOSITORY: 'sql://',
      XLOUD_KEY_ENCRYPTION_KEY: KEY_ENCRYPTION_KEY,
      ...Object.fromEntries(
        Object.entries(cache).map(([option, value]) => [`XLOUD__CACHE__${option.toUpperCase()}`, value]),
      ),
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runManage(['fernet', 'rotate'], env)).toBe(0);
      return Number(/new primary key (\d+)/.exec(String(log.mock.calls.at(-1)?.[0]))?.[1]);
    } finally {
      log.mockRestore();
    }
  }

  it('fernet rotate reaches every node: tokens A issues after two rotations validate on B and C, older ones still do', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    const nodes = [
      { name: 'A', container: nodeA.container },
      ...siblings.map((s, i) => ({ name: 'BC'[i]!, container: s.container })),
    ];
    const primaryOf = (container: Container) => repositoryKeys(container.keyRepositories.token)[0]!.index;
    for (let rotation = 1; rotation <= 2; rotation++) {
      const primary = await rotateTokenKeys();
      const rotatedAt = performance.now();
      const delays = await Promise.all(
        nodes.map(async ({ container }) => {
          await vi.waitFor(() => expect(primaryOf(container)).toBe(primary), { timeout: 5000, interval: 5 });
          return (performance.now() - rotatedAt).toFixed(1);
        }),
      );
      console.info(
        `[three-nodes ${database}, cache ${cache.backend}] rotation ${rotation} (primary key ${primary}) in use on A, B, C ${delays.join(', ')} ms after the command returned`,
      );
    }
    const fresh = await a.issue(
      passwordAuth({ id: member.user.id }, member.user.password, { project: { id: member.projectId } }),
    );
    expect(fresh.status).toBe(201);
    for (const { client } of siblings) {
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': fresh.tokenId })).status).toBe(200);
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(200);
    }
  });

  it('a user disabled on node A loses its token on nodes B and C', async () => {
    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    await expectRefusedOnSiblings('user disabled', member.token, async () => {
      expect((await a.patch(`/users/${member.user.id}`, admin, { user: { enabled: false } })).status).toBe(200);
    });
  });
});

describe('three nodes on PostgreSQL: a LISTEN connection that drops comes back', () => {
  const cache = { invalidation_poll_interval: '60' };
  let nodeA: TestServer;
  let siblings: Node[] = [];
  let a: ApiClient;
  let databaseName: string;

  /** The nodes' LISTEN connections on this test's database, as PostgreSQL sees them. */
  async function listeners(action: 'count' | 'terminate'): Promise<number> {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      const select = action === 'count' ? 'count(*)::int as n' : 'count(pg_terminate_backend(pid))::int as n';
      const result = await admin.query<{ n: number }>(
        `select ${select} from pg_stat_activity where datname = $1 and query = 'LISTEN xloud_changes'`,
        [databaseName],
      );
      return result.rows[0]!.n;
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    nodeA = await startTestServer({
      database: 'postgres',
      config: { cache, ...SHARED_KEYS },
      keyEncryptionKey: KEY_ENCRYPTION_KEY,
    });
    siblings = [await startSibling(nodeA, cache), await startSibling(nodeA, cache)];
    a = new ApiClient(nodeA);
    const connection = nodeA.container.conf.database.connection;
    databaseName = connection.kind === 'postgres' ? new URL(connection.url).pathname.slice(1) : '';
  });
  afterAll(async () => {
    for (const sibling of siblings) await sibling.close();
    await nodeA?.close();
  });

  it('after the server terminates every listener, the nodes listen again and a revocation on A still reaches B and C', async () => {
    expect(await listeners('count')).toBe(3);
    expect(await listeners('terminate')).toBe(3);
    await vi.waitFor(async () => expect(await listeners('count')).toBe(3), { timeout: 10_000, interval: 50 });

    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    for (const { client } of siblings) {
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(200);
    }
    expect((await a.delete('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(204);
    for (const { client } of siblings) {
      await vi.waitFor(
        async () =>
          expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(404),
        {
          timeout: 5000,
          interval: 5,
        },
      );
    }
  });
});

describe('three nodes on MariaDB with [cache] backend = redis: a Redis subscription that drops comes back', () => {
  const cache = { invalidation_poll_interval: '60', backend: 'redis', redis_url: 'redis://127.0.0.1:6379' };
  let nodeA: TestServer;
  let siblings: Node[] = [];
  let a: ApiClient;
  let redis: Redis;
  /** Connections present before the nodes started: anything else named xloud-listen-* is ours. */
  let foreign: Set<string>;

  const listenerIds = async (): Promise<string[]> => {
    const list = String(await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    return list
      .split('\n')
      .filter((line) => /name=xloud-listen-/.test(line))
      .map((line) => /id=(\d+)/.exec(line)![1]!)
      .filter((id) => !foreign.has(id));
  };

  beforeAll(async () => {
    redis = new Redis(cache.redis_url);
    foreign = new Set();
    foreign = new Set(await listenerIds());
    nodeA = await startTestServer({
      database: 'mysql',
      config: { cache, ...SHARED_KEYS },
      keyEncryptionKey: KEY_ENCRYPTION_KEY,
    });
    siblings = [await startSibling(nodeA, cache), await startSibling(nodeA, cache)];
    a = new ApiClient(nodeA);
  });
  afterAll(async () => {
    for (const sibling of siblings) await sibling.close();
    await nodeA?.close();
    redis?.disconnect();
  });

  it("after Redis drops the nodes' subscriptions, they subscribe again and a revocation on A still reaches B and C", async () => {
    const ours = await listenerIds();
    expect(ours).toHaveLength(3);
    for (const id of ours) await redis.call('CLIENT', 'KILL', 'ID', id);
    await vi.waitFor(
      async () => {
        const now = await listenerIds();
        expect(now).toHaveLength(3);
        expect(now.some((id) => ours.includes(id))).toBe(false);
      },
      { timeout: 10_000, interval: 50 },
    );

    const admin = await a.adminToken();
    const member = await a.userWithRole('member');
    for (const { client } of siblings) {
      expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(200);
    }
    expect((await a.delete('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(204);
    for (const { client } of siblings) {
      await vi.waitFor(
        async () =>
          expect((await client.get('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(404),
        {
          timeout: 5000,
          interval: 5,
        },
      );
    }
  });
});

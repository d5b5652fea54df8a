/**
 * Behaviour proofs for keystone.conf options that no other test sets: each test starts a real server with
 * the option at a non-default value and asserts what changes. The option walk
 * (test/unit/option-walk.test.ts) points here for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type StartOptions, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, expectKeystoneError, passwordAuth, tokenAuth, uniq } from './api-client.ts';
import { ManualClock } from './console-client.ts';

type Config = NonNullable<StartOptions['config']>;

/** Starts a server with `config`, hands a client to `body`, always closes it. */
async function withServer<T>(config: Config, body: (api: ApiClient, server: TestServer) => Promise<T>, clock?: ManualClock): Promise<T> {
  const server = await startTestServer({ config, clock });
  try {
    return await body(new ApiClient(server), server);
  } finally {
    await server.close();
  }
}

const validate = (api: ApiClient, admin: string, token: string) => api.get('/auth/tokens', admin, { 'X-Subject-Token': token });

/** Makes a user's tokens invalid behind the server's back (no cache invalidation), as another process's write would. */
async function disableUserInDatabase(server: TestServer, userId: string): Promise<void> {
  await server.container.database.db.updateTable('identity_user').set({ enabled: 0 }).where('id', '=', userId).execute();
}

/** Changes the identity endpoint's URL behind the server's back; returns the new URL. */
async function changeEndpointUrlInDatabase(server: TestServer): Promise<string> {
  const url = `http://${uniq('changed')}.example.com/v3`;
  await server.container.database.db.updateTable('endpoint').set({ url }).execute();
  return url;
}

const catalogUrls = async (api: ApiClient, token: string): Promise<string[]> =>
  (await api.get('/auth/catalog', token)).body.catalog.flatMap((service: { endpoints: { url: string }[] }) => service.endpoints.map((e) => e.url));

describe('[DEFAULT]', () => {
  it('public_endpoint: links are built from it instead of the request', async () => {
    await withServer({ DEFAULT: { public_endpoint: 'https://identity.example.com/prefix/' } }, async (api) => {
      const res = await api.get('/');
      expect(res.status).toBe(200);
      expect(res.body.version.links[0].href).toBe('https://identity.example.com/prefix/v3/');
    });
  });

  it('max_request_body_size: a larger body is refused with 413', async () => {
    await withServer({ DEFAULT: { max_request_body_size: '1024' } }, async (api) => {
      const admin = await api.adminToken();
      const res = await api.post('/projects', admin, { project: { name: uniq('p'), description: 'x'.repeat(2000) } });
      expectKeystoneError(res, 413);
      expect((await api.post('/projects', admin, { project: { name: uniq('p'), description: 'x'.repeat(200) } })).status).toBe(201);
    });
  });

  it('max_project_tree_depth: a project below the limit is refused with 403', async () => {
    await withServer({ DEFAULT: { max_project_tree_depth: '2' } }, async (api) => {
      const top = await api.createProject();
      const child = await api.createProject({ parent_id: top.id });
      const res = await api.post('/projects', await api.adminToken(), { project: { name: uniq('p'), parent_id: child.id } });
      expectKeystoneError(res, 403);
    });
  });

  it('max_token_size: a token longer than the limit is refused without being decoded', async () => {
    await withServer({ DEFAULT: { max_token_size: '100' } }, async (api) => {
      const issued = await api.issue(passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, { project: { name: 'admin', domain: { id: 'default' } } }));
      expect(issued.status).toBe(201);
      expect(issued.tokenId.length).toBeGreaterThan(100);
      expectKeystoneError(await api.get('/users', issued.tokenId), 401);
    });
  });

  // Fifteen characters, thirty bytes: within max_password_length = 20 as characters, beyond it as bytes.
  // (20, not less: the test server's admin password has 19 characters.)
  const LONG_IN_BYTES = 'é'.repeat(15);

  it('strict_password_check: a password longer than [identity] max_password_length bytes is refused (403), not truncated', async () => {
    await withServer({ DEFAULT: { strict_password_check: 'true' }, identity: { max_password_length: '20' } }, async (api) => {
      const res = await api.post('/users', await api.adminToken(), { user: { name: uniq('u'), domain_id: 'default', password: LONG_IN_BYTES } });
      expectKeystoneError(res, 403);
      expect(res.body.error.message).toContain('less than or equal to 20');
    });
  });

  it('without strict_password_check the same password is truncated to its first 20 bytes', async () => {
    await withServer({ identity: { max_password_length: '20' } }, async (api) => {
      const user = await api.createUser({ password: LONG_IN_BYTES });
      expect((await api.issue(passwordAuth({ id: user.id }, 'é'.repeat(10)))).status).toBe(201);
    });
  });
});

describe('[identity] max_password_length', () => {
  it('max_password_length: a password of more characters is refused with 400', async () => {
    await withServer({ identity: { max_password_length: '20' } }, async (api) => {
      const admin = await api.adminToken();
      expectKeystoneError(await api.post('/users', admin, { user: { name: uniq('u'), domain_id: 'default', password: 'twenty-one-characters' } }), 400);
      expect((await api.post('/users', admin, { user: { name: uniq('u'), domain_id: 'default', password: 'twenty-characters-ok' } })).status).toBe(201);
    });
  });
});

describe('[token]', () => {
  const adminAuth = (api: ApiClient) => passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, { project: { name: 'admin', domain: { id: 'default' } } });

  it('expiration: a token lives that many seconds', async () => {
    await withServer({ token: { expiration: '120' } }, async (api) => {
      const { token } = (await api.issue(adminAuth(api))).body;
      expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(120_000);
    });
  });

  it('allow_rescope_scoped_token = false: a project-scoped token cannot be exchanged for another scope (403)', async () => {
    await withServer({ token: { allow_rescope_scoped_token: 'false' } }, async (api) => {
      const admin = await api.adminToken();
      expectKeystoneError(await api.issue(tokenAuth(admin, { system: { all: true } })), 403);
      const unscoped = await api.token({ name: 'admin', domain: { id: 'default' } }, api.adminPassword);
      expect((await api.issue(tokenAuth(unscoped, { system: { all: true } }))).status).toBe(201);
    });
  });

  it('revoke_by_id = false: the revoked-token listing is 410 Gone', async () => {
    await withServer({ token: { revoke_by_id: 'false' } }, async (api) => {
      expectKeystoneError(await api.get('/auth/tokens/OS-PKI/revoked', await api.systemToken()), 410);
    });
  });

  it('allow_expired_window: an expired token is fetched with allow_expired only within the window', async () => {
    const clock = new ManualClock();
    await withServer({ token: { expiration: '60', allow_expired_window: '30' } }, async (api) => {
      const member = await api.userWithRole('member');
      clock.advance(61);
      const admin = await api.token({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, { system: { all: true } });
      const fetchExpired = () => api.get('/auth/tokens?allow_expired=1', admin, { 'X-Subject-Token': member.token });
      expect((await fetchExpired()).status).toBe(200);
      clock.advance(30); // 91 s after issue: past the 30 s window (the default window is two days)
      expectKeystoneError(await fetchExpired(), 404);
    }, clock);
  });

  it('cache_on_issue = false: a new token is not cached, so a change behind the cache is seen at once', async () => {
    for (const [config, status] of [[{}, 200], [{ token: { cache_on_issue: 'false' } }, 404]] as const) {
      await withServer(config, async (api, server) => {
        const admin = await api.systemToken();
        const member = await api.userWithRole('member');
        await disableUserInDatabase(server, member.user.id);
        expect((await validate(api, admin, member.token)).status, JSON.stringify(config)).toBe(status);
      });
    }
  });

  it('cache_time: a cached validation is reused for that many seconds only', async () => {
    await withServer({ token: { cache_time: '1' } }, async (api, server) => {
      const admin = await api.systemToken();
      const member = await api.userWithRole('member');
      expect((await validate(api, admin, member.token)).status).toBe(200);
      await disableUserInDatabase(server, member.user.id);
      expect((await validate(api, admin, member.token)).status).toBe(200); // from the cache
      // The token cache keeps real time (lru-cache), not the server clock: wait out the second.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect((await validate(api, admin, member.token)).status).toBe(404);
    });
  });
});

describe('[cache] and [catalog] caching', () => {
  /** The catalog a token sees, after its endpoint URL changed behind the cache and the clock moved `seconds`. */
  async function catalogAfterChange(config: Config, seconds: number): Promise<{ seen: string[]; changed: string }> {
    const clock = new ManualClock();
    return withServer(config, async (api, server) => {
      const admin = await api.adminToken();
      await catalogUrls(api, admin); // fills the catalog cache
      const changed = await changeEndpointUrlInDatabase(server);
      clock.advance(seconds);
      return { seen: await catalogUrls(api, admin), changed };
    }, clock);
  }

  it('by default the catalog is cached: the change is not seen ten minutes minus a second later', async () => {
    const { seen, changed } = await catalogAfterChange({}, 599);
    expect(seen).not.toContain(changed);
  });

  it('[cache] enabled = false: nothing is cached, the change is seen at once', async () => {
    const { seen, changed } = await catalogAfterChange({ cache: { enabled: 'false' } }, 0);
    expect(seen).toContain(changed);
  });

  it('[catalog] caching = false: the catalog is read every time', async () => {
    const { seen, changed } = await catalogAfterChange({ catalog: { caching: 'false' } }, 0);
    expect(seen).toContain(changed);
  });

  it('[catalog] cache_time: the cached catalog is dropped after that many seconds', async () => {
    const early = await catalogAfterChange({ catalog: { cache_time: '5' } }, 4);
    expect(early.seen).not.toContain(early.changed);
    const { seen, changed } = await catalogAfterChange({ catalog: { cache_time: '5' } }, 6);
    expect(seen).toContain(changed);
  });

  it('[cache] expiration_time: the default lifetime of cached data, here the catalog', async () => {
    const { seen, changed } = await catalogAfterChange({ cache: { expiration_time: '5' } }, 6);
    expect(seen).toContain(changed);
  });

  it('[cache] enabled = false also turns off the token cache', async () => {
    await withServer({ cache: { enabled: 'false' } }, async (api, server) => {
      const admin = await api.systemToken();
      const member = await api.userWithRole('member');
      expect((await validate(api, admin, member.token)).status).toBe(200);
      await disableUserInDatabase(server, member.user.id);
      expect((await validate(api, admin, member.token)).status).toBe(404);
    });
  });
});

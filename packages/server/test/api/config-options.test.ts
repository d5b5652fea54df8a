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

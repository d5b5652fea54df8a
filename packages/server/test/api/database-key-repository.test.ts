/**
 * `[fernet_tokens] key_repository = sql://` and `[credential] key_repository = sql://`: the keys live in the table
 * fernet_key, sealed with XLOUD_KEY_ENCRYPTION_KEY. A server refuses to start without that key or with another one;
 * the rows never hold a key in the clear; `xloud-manage credential migrate` / `rotate` work on database keys. (The
 * rotation reaching other nodes is in three-nodes.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer } from '../../src/container.ts';
import { KeyEncryptionKeyError } from '../../src/crypto/key-encryption.ts';
import { runManage } from '../../src/manage/cli.ts';
import { repositoryKeys } from '../../src/token/providers/fernet/key-source.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient } from './api-client.ts';

const KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64');
const IN_DATABASE = { fernet_tokens: { key_repository: 'sql://' }, credential: { key_repository: 'sql://' } };

describe('key repositories in the database (sqlite)', () => {
  let server: TestServer;
  let api: ApiClient;
  let databaseUrl: string;

  beforeAll(async () => {
    server = await startTestServer({ config: IN_DATABASE, keyEncryptionKey: KEY_ENCRYPTION_KEY });
    api = new ApiClient(server);
    const connection = server.container.conf.database.connection;
    databaseUrl = connection.kind === 'sqlite' ? `sqlite:///${connection.filename}` : connection.url;
  });
  afterAll(async () => {
    await server?.close();
  });

  const confFor = () => loadConfig({ env: {}, overrides: { database: { connection: databaseUrl }, ...IN_DATABASE } });

  it('refuses to start without XLOUD_KEY_ENCRYPTION_KEY, saying which variable to set', async () => {
    const refusal = await buildContainer(confFor(), { keyEncryptionKey: '' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KeyEncryptionKeyError);
    expect((refusal as Error).message).toContain('XLOUD_KEY_ENCRYPTION_KEY is not set');
    const short = await buildContainer(confFor(), { keyEncryptionKey: randomBytes(16).toString('base64') }).catch(
      (error: unknown) => error,
    );
    expect((short as Error).message).toContain('must be 32 bytes');
  });

  it('refuses to start with another key-encryption key than the one the keys were sealed with', async () => {
    const refusal = await buildContainer(confFor(), { keyEncryptionKey: randomBytes(32).toString('base64') }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(KeyEncryptionKeyError);
    expect((refusal as Error).message).toContain('does not open with XLOUD_KEY_ENCRYPTION_KEY');
  });

  it('keeps a staged and a primary key per repository, none of them in the clear', async () => {
    const rows = await server.container.database.db
      .selectFrom('fernet_key')
      .selectAll()
      .orderBy('repository')
      .orderBy('key_index')
      .execute();
    expect(rows.map((r) => `${r.repository}:${r.key_index}`)).toEqual([
      'credential:0',
      'credential:1',
      'token:0',
      'token:1',
    ]);
    const keyTexts = [server.container.keyRepositories.token, server.container.keyRepositories.credential].flatMap(
      (repository) => repositoryKeys(repository).map((key) => Buffer.concat([key.signingKey, key.encryptionKey])),
    );
    expect(keyTexts).toHaveLength(4);
    for (const row of rows) {
      expect(row.sealed_key).toMatch(/^v1:/);
      const sealed = Buffer.from(row.sealed_key.slice(3), 'base64');
      for (const key of keyTexts) {
        expect(row.sealed_key).not.toContain(key.toString('base64url'));
        expect(sealed.includes(key)).toBe(false);
      }
    }
    // A token issued and validated with them: the server works on database keys.
    const admin = await api.adminToken();
    expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': admin })).status).toBe(200);
    // And the healthcheck reads the same keys.
    const results = await Promise.all(server.container.healthChecks.map((check) => check.run()));
    const fernet = results.find((result) => result.kind === 'FernetKeyRepositoryHealthcheck');
    expect(fernet).toMatchObject({ available: true, reason: 'OK' });
    expect(fernet?.details).toMatch(/^2 keys, primary key 1, last rotated \d+ s ago$/);
  });

  it('credential migrate and rotate work on database keys: old and new secrets still read', async () => {
    const admin = await api.adminToken();
    const userId = (await api.get('/auth/tokens', admin, { 'X-Subject-Token': admin })).body.token.user.id;
    const before = await api.post('/credentials', admin, {
      credential: { blob: 'secret before', type: 'cert', user_id: userId },
    });
    expect(before.status).toBe(201);
    const env = {
      XLOUD__DATABASE__CONNECTION: databaseUrl,
      XLOUD__FERNET_TOKENS__KEY_REPOSITORY: 'sql://',
      XLOUD__CREDENTIAL__KEY_REPOSITORY: 'sql://',
      XLOUD_KEY_ENCRYPTION_KEY: KEY_ENCRYPTION_KEY,
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runManage(['credential', 'migrate'], env)).toBe(0);
      expect(await runManage(['credential', 'rotate'], env)).toBe(0);
      expect(String(log.mock.calls.at(-1)?.[0])).toContain('new primary credential key 2');
    } finally {
      log.mockRestore();
    }
    // This server polls the change counter every second ([cache] invalidation_poll_interval default).
    await vi.waitFor(() => expect(repositoryKeys(server.container.keyRepositories.credential)[0]!.index).toBe(2), {
      timeout: 5000,
      interval: 20,
    });
    expect((await api.get(`/credentials/${before.body.credential.id}`, admin)).body.credential.blob).toBe(
      'secret before',
    );
    const after = await api.post('/credentials', admin, {
      credential: { blob: 'secret after', type: 'cert', user_id: userId },
    });
    expect((await api.get(`/credentials/${after.body.credential.id}`, admin)).body.credential.blob).toBe(
      'secret after',
    );
    const keyHashOf = async (id: string) =>
      (
        await server.container.database.db
          .selectFrom('credential')
          .select('key_hash')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).key_hash;
    // The new secret is sealed with the new primary key, the old one still with the key it had.
    expect(await keyHashOf(after.body.credential.id)).not.toBe(await keyHashOf(before.body.credential.id));
  });
});

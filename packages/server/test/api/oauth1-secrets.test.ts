/**
 * OAuth1 secrets at rest: HMAC-SHA1 needs the consumer and token secrets themselves, so they are sealed with the
 * credential keys rather than stored in clear, and outlive key rotations done the documented way (`credential
 * migrate` between rotations); `credential rotate` refuses to drop a key a secret is still sealed with.
 * Xloud only: the test reads the database rows.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runManage } from '../../src/manage/cli.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES } from './api-client.ts';

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A request-token request signed with HMAC-SHA1 by the consumer (oauth_callback=oob). */
function signedHeader(url: string, key: string, secret: string): string {
  const params: Record<string, string> = {
    oauth_callback: 'oob',
    oauth_consumer_key: key,
    oauth_nonce: randomBytes(8).readBigUInt64BE().toString(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
  };
  const normalized = Object.keys(params)
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k]!)}`)
    .join('&');
  const signature = createHmac('sha1', `${enc(secret)}&`)
    .update(`POST&${enc(url)}&${enc(normalized)}`)
    .digest('base64');
  return `OAuth ${Object.entries({ ...params, oauth_signature: signature })
    .map(([k, v]) => `${k}="${enc(v)}"`)
    .join(', ')}`;
}

describe.each(DATABASES)('OAuth1 secrets at rest (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('seals consumer and request token secrets, which outlive credential key rotations', async () => {
    const admin = await api.adminToken();
    const projectId = await api.projectId('admin');
    const created = await api.post('/OS-OAUTH1/consumers', admin, { consumer: {} });
    const consumer = { key: created.body.consumer.id as string, secret: created.body.consumer.secret as string };
    const url = api.url('/OS-OAUTH1/request_token');
    const requestToken = () =>
      api.request('POST', url, {
        headers: { Authorization: signedHeader(url, consumer.key, consumer.secret), 'Requested-Project-Id': projectId },
      });
    const first = await requestToken();
    expect(first.status, first.text).toBe(201);
    const tokenSecret = new URLSearchParams(first.text).get('oauth_token_secret')!;

    const db = server.container.database.db;
    const storedConsumer = await db
      .selectFrom('oauth1_consumer')
      .selectAll()
      .where('id', '=', consumer.key)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(storedConsumer)).not.toContain(consumer.secret);
    const storedTokens = await db.selectFrom('oauth1_request_token').selectAll().execute();
    expect(JSON.stringify(storedTokens)).not.toContain(tokenSecret);

    const connection = server.container.conf.database.connection;
    const env = {
      XLOUD__DATABASE__CONNECTION: connection.kind === 'sqlite' ? `sqlite:///${connection.filename}` : connection.url,
      XLOUD__CREDENTIAL__KEY_REPOSITORY: server.container.conf.credential.key_repository,
      XLOUD__FERNET_TOKENS__KEY_REPOSITORY: server.container.conf.fernet_tokens.key_repository,
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manage = (command: string) => runManage(['credential', command], env);
    try {
      expect(await manage('migrate')).toBe(0);
      expect(await manage('rotate')).toBe(0);
      // Sealed with what is now the secondary key: another rotation would purge it.
      expect(await manage('rotate')).toBe(1);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain('Run `xloud-manage credential migrate` first');
      expect(await manage('migrate')).toBe(0);
      expect(String(log.mock.calls.at(-1)?.[0])).toMatch(/^re-sealed [1-9]\d* OAuth1 secrets with the primary key$/);
      expect(await manage('rotate')).toBe(0);
      expect(await manage('migrate')).toBe(0);
      expect(await manage('rotate')).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    const resealed = await db
      .selectFrom('oauth1_consumer')
      .selectAll()
      .where('id', '=', consumer.key)
      .executeTakeFirstOrThrow();
    expect(resealed.secret).not.toBe(storedConsumer.secret);
    // The server reads the key directory again when its watcher reports the change: soon, not at once.
    await vi.waitFor(async () => expect((await requestToken()).status).toBe(201), { timeout: 20_000, interval: 100 });
  });
});

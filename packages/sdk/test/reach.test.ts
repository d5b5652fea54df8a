/**
 * Reaching the server: a real Xloud Identity server behind one of the fetch standard's "bad ports" (Node's global
 * fetch refuses them with "bad port"), and a wrong auth_url path reported as such (ERR_CONFIG, "check that your
 * auth_url is correct") instead of as a rejected token.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, HttpTransport, isIdentityV3, listVersions, TokenAuth, UnauthorizedError } from '../src/index.ts';
import { type BadPortRelay, relayFromBadPort } from '@xloud/test-kit';
import { adminSession, startServer, type TestServer } from './helpers.ts';

let server: TestServer;
let relay: BadPortRelay;
let relayPort: number;

beforeAll(async () => {
  server = await startServer();
  relay = await relayFromBadPort(Number(new URL(server.baseUrl).port));
  relayPort = relay.port;
});
afterAll(async () => {
  await relay?.close();
  await server?.close();
});

describe('a server on a "bad port"', () => {
  test("Node's global fetch refuses it; the SDK reaches it (discovery, password login)", async () => {
    const url = `http://127.0.0.1:${relayPort}`;
    const refused = await fetch(`${url}/v3`).catch((e: unknown) => e as Error);
    expect(String((refused as Error).cause ?? refused)).toMatch(/bad port/);

    const versions = await listVersions(new HttpTransport({ retries: 0 }), url);
    expect(versions.map((v) => v.id)).toContain('v3.14');
    const session = adminSession(server, { retries: 0 }, `${url}/v3`);
    const access = await session.getAccess();
    expect(access.userName).toBe('admin');
    expect(access.projectName).toBe('admin');
  });
});

describe('a wrong auth_url path', () => {
  test('is ERR_CONFIG saying to check the auth_url, for every path that is not an identity API', async () => {
    for (const path of ['/identity/wrong', '/v3/wrong', '/dashboard', '/nothing/v3']) {
      const session = adminSession(server, { retries: 0 }, `${server.baseUrl}${path}`);
      const err = await session.getAccess().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(
        /^Could not find versioned identity endpoints when attempting to authenticate\. Please check that your auth_url is correct \(no Identity v3 API answers at http:\/\/127\.0\.0\.1:\d+\/.*\)\. .*\(HTTP 40[45]\)/,
      );
    }
  });

  test('an unknown token at the right URL is still ERR_UNAUTHORIZED (Keystone answers it with 404)', async () => {
    const http = new HttpTransport({ retries: 0 });
    expect(await isIdentityV3(http, `${server.baseUrl}/v3`)).toBe(true);
    expect(await isIdentityV3(http, `${server.baseUrl}/identity/wrong/v3`)).toBe(false);
    const err = await new TokenAuth({ authUrl: `${server.baseUrl}/v3`, token: 'gAAAAAB-not-a-token' })
      .authenticate(http)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).status).toBe(404);
  });
});

/**
 * `xloud token oauth2`: the configured application credential (by id) as OAuth 2.0 client, against a real server;
 * the access token it prints is checked by validating it. Without an application credential it fails cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, unique, xloud } from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = adminEnv(server.baseUrl, server.adminPassword);
});
afterAll(async () => {
  await server?.close();
});

describe('xloud token oauth2', { timeout: 120_000 }, () => {
  it("prints an access token of the application credential, with the credential's project", async () => {
    const ac = await json(['application', 'credential', 'create', `oauth2-${unique()}`, '--role', 'reader'], { env });
    const appEnv = {
      ...env,
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: ac.id,
      OS_APPLICATION_CREDENTIAL_SECRET: ac.secret,
      OS_USERNAME: undefined,
      OS_PASSWORD: undefined,
      OS_PROJECT_NAME: undefined,
    };
    const token = await json(['token', 'oauth2'], { env: appEnv });
    expect(Object.keys(token)).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(3600);
    const res = await fetch(`${server.baseUrl}/v3/auth/tokens`, {
      headers: { 'X-Auth-Token': token.access_token, 'X-Subject-Token': token.access_token },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.token.methods).toEqual(['application_credential']);
    expect(body.token.project.id).toBe(ac.project_id);
    expect(body.token.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);

    const wrong = await xloud(['token', 'oauth2'], { env: { ...appEnv, OS_APPLICATION_CREDENTIAL_SECRET: 'wrong' } });
    expectCleanError(wrong);
    expect(wrong.stderr).toContain('The request you have made requires authentication.');
  });

  it('without an application credential: a clean error', async () => {
    const r = await xloud(['token', 'oauth2'], { env });
    expectCleanError(r);
    expect(r.stderr).toContain('application credential');
  });
});

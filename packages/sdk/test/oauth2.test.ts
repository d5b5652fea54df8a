/**
 * oauth2ClientCredentialsToken against a started server: an application credential's id and secret give an access
 * token of that credential (checked by validating it), a wrong secret is an UnauthorizedError with Keystone's
 * OAuth 2.0 error_description, and the debug hook never shows the access token or the secret.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  HttpTransport,
  IdentityClient,
  oauth2ClientCredentialsToken,
  UnauthorizedError,
  ValidationError,
  type DebugEvent,
} from '../src/index.ts';
import { adminSession, startServer, unique, type TestServer } from './helpers.ts';

let server: TestServer;
let identity: IdentityClient;
let v3: string;
let client: { clientId: string; clientSecret: string };

beforeAll(async () => {
  server = await startServer();
  v3 = `${server.baseUrl}/v3`;
  identity = new IdentityClient(adminSession(server));
  const cred = await identity.applicationCredentials.create({ name: unique('oauth2'), roles: [{ name: 'reader' }] });
  client = { clientId: cred.id, clientSecret: cred.secret! };
});
afterAll(async () => {
  await server?.close();
});

describe('oauth2ClientCredentialsToken', () => {
  test("gives a Bearer token of the application credential, with the credential's roles", async () => {
    const token = await oauth2ClientCredentialsToken(v3, client);
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(3600);
    const access = await identity.tokens.validate(token.access_token);
    expect(access.methods).toEqual(['application_credential']);
    expect(access.roleNames).toEqual(['reader']);
  });

  test("a wrong secret is an UnauthorizedError carrying Keystone's error_description", async () => {
    const error = await oauth2ClientCredentialsToken(v3, { ...client, clientSecret: 'wrong' }).catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.status).toBe(401);
    expect(error.keystoneMessage).toBe('The request you have made requires authentication.');
  });

  test('an empty secret is refused before any sign-in: invalid_client', async () => {
    const error = await oauth2ClientCredentialsToken(v3, { ...client, clientSecret: '' }).catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.keystoneMessage).toBe('OAuth2.0 client authorization is invalid.');
    expect(error).not.toBeInstanceOf(ValidationError);
  });

  test('the debug hook shows neither the secret nor the access token', async () => {
    const events: DebugEvent[] = [];
    const http = new HttpTransport({ debug: (e) => events.push(e) });
    const token = await oauth2ClientCredentialsToken(v3, client, { http });
    const shown = JSON.stringify(events);
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    expect(shown).not.toContain(token.access_token);
    expect(shown).not.toContain(client.clientSecret);
    expect(shown).not.toContain(Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64'));
  });
});

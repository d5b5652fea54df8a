/**
 * Fernet tokens know their issue time to the second, and so do revocation events. A user who changes a
 * password (or is signed out everywhere) and signs in again at once must not get a token that the event
 * already revokes: the write answers only once the event's second is over. The token cache is off here so
 * every validation reads the token's own (whole-second) issue time, as another node would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, passwordAuth } from './api-client.ts';

describe.each(DATABASES)('a sign-in straight after a revoking write (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({ database, config: { cache: { enabled: 'false' } } });
    api = new ApiClient(server);
    admin = await api.adminToken();
  }, 120_000);
  afterAll(async () => server?.close());

  const validate = (token: string) => api.get('/auth/tokens?nocatalog', admin, { 'X-Subject-Token': token });

  it('a password change, then a sign-in with the new password: the token is valid', async () => {
    const u = await api.createUser();
    let password = u.password as string;
    // Three rounds: without the wait, a sign-in that shares the event's second would be revoked.
    for (const next of ['round-password-1', 'round-password-2', 'round-password-3']) {
      const token = await api.token({ id: u.id }, password);
      expect(
        (await api.post(`/users/${u.id}/password`, token, { user: { original_password: password, password: next } }))
          .status,
      ).toBe(204);
      password = next;
      const issued = await api.issue(passwordAuth({ id: u.id }, password));
      expect(issued.status).toBe(201);
      expect((await validate(issued.tokenId)).status).toBe(200);
    }
  });

  it('an admin password reset, then a sign-in: the token is valid', async () => {
    const u = await api.createUser();
    for (const next of ['reset-password-1', 'reset-password-2', 'reset-password-3']) {
      expect((await api.patch(`/users/${u.id}`, admin, { user: { password: next } })).status).toBe(200);
      const issued = await api.issue(passwordAuth({ id: u.id }, next));
      expect(issued.status).toBe(201);
      expect((await validate(issued.tokenId)).status).toBe(200);
    }
  });
});

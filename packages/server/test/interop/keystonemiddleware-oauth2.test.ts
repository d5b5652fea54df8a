/**
 * Interop: an access token from POST /v3/OS-OAUTH2/token, sent as `Authorization: Bearer` to a service behind
 * keystonemiddleware's oauth2_token filter (Debian python3-keystonemiddleware 10.1, Zed), which validates it here
 * with its own service token: the service sees the application credential's user, project and roles; a bogus bearer
 * token is a 401. Missing Python modules fail this test, never skip it.
 *
 * Against the reference Keystone (proves the test itself is right):
 *   XLOUD_TEST_TARGET=http://127.0.0.1:5001 XLOUD_TEST_ADMIN_PASSWORD=refadmin npx vitest run packages/server/test/interop/keystonemiddleware-oauth2.test.ts
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniq } from '../api/api-client.ts';
import { getTarget, type TestServer } from '../helpers/target.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./keystonemiddleware_oauth2.py', import.meta.url));

interface Seen {
  status: number;
  seen: Record<string, string | null> | null;
}

function throughMiddleware(authUrl: string, password: string, accessToken: string): Promise<Seen[]> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      [SCRIPT, authUrl, password, accessToken],
      {
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONWARNINGS: 'ignore' },
      },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${SCRIPT} failed: ${err.message}\n${stderr}`));
        resolve(JSON.parse(String(stdout).trim().split('\n').pop()!) as Seen[]);
      },
    );
  });
}

describe('keystonemiddleware oauth2_token with our OAuth 2.0 access tokens', { timeout: 120_000 }, () => {
  let target: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    target = await getTarget();
    api = new ApiClient(target);
  });
  afterAll(async () => {
    await target?.close();
  });

  it("lets a Bearer access token through with the credential's user, project and roles; refuses a bogus one", async () => {
    const { user, projectId, token } = await api.userWithRole('member');
    const created = await api.post(`/users/${user.id}/application_credentials`, token, {
      application_credential: { name: uniq('kmw') },
    });
    expect(created.status, created.text).toBe(201);
    const cred = created.body.application_credential;
    const issued = await api.request('POST', '/OS-OAUTH2/token', {
      headers: {
        Authorization: `Basic ${Buffer.from(`${cred.id}:${cred.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      rawBody: 'grant_type=client_credentials',
    });
    expect(issued.status, issued.text).toBe(200);

    const [good, bogus] = await throughMiddleware(
      `${target.baseUrl}/v3`,
      target.adminPassword,
      issued.body.access_token,
    );
    expect(good!.status).toBe(200);
    expect(good!.seen).toMatchObject({ HTTP_X_USER_ID: user.id, HTTP_X_PROJECT_ID: projectId });
    expect(good!.seen!.HTTP_X_ROLES!.split(',').sort()).toEqual(['member', 'reader']);
    expect(bogus!.status).toBe(401);
  });
});

// The few Identity v3 calls the bench needs to prepare its scenarios (plain fetch, no SDK).

export interface Credentials {
  username: string;
  userDomain: string;
  password: string;
  project: string;
  projectDomain: string;
}

/** Body of a password, project-scoped POST /v3/auth/tokens (the seed document's first request). */
export function passwordAuthBody(c: Credentials): string {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: c.username, domain: { name: c.userDomain }, password: c.password } },
      },
      scope: { project: { name: c.project, domain: { name: c.projectDomain } } },
    },
  });
}

/** Issues a project-scoped token; throws with the server's answer when that fails. */
export async function issueToken(baseUrl: string, c: Credentials): Promise<string> {
  const res = await fetch(`${baseUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: passwordAuthBody(c),
  });
  const text = await res.text();
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) {
    throw new Error(`POST ${baseUrl}/v3/auth/tokens as ${c.username}: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
  return token;
}

/** One request made before a scenario runs, so a misconfigured scenario fails loudly instead of measuring 4xx. */
export async function probe(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<number> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
}

/** An unscoped token (password method, no scope): what a re-scope starts from. */
export async function issueUnscopedToken(baseUrl: string, c: Credentials): Promise<string> {
  const body = JSON.parse(passwordAuthBody(c)) as { auth: { scope?: unknown } };
  delete body.auth.scope;
  const res = await fetch(`${baseUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token)
    throw new Error(`unscoped POST /v3/auth/tokens: HTTP ${res.status} ${text.slice(0, 300)}`);
  return token;
}

/** Body of a token-method re-scope of `token` to the credentials' project. */
export function rescopeBody(token: string, c: Credentials): string {
  return JSON.stringify({
    auth: {
      identity: { methods: ['token'], token: { id: token } },
      scope: { project: { name: c.project, domain: { name: c.projectDomain } } },
    },
  });
}

export interface AppCredential {
  id: string;
  secret: string;
  userId: string;
}

/** Creates an application credential of the token's user on the token's project (the secret is generated). */
export async function createAppCredential(baseUrl: string, token: string, name: string): Promise<AppCredential> {
  const headers = { 'x-auth-token': token, 'x-subject-token': token, 'content-type': 'application/json' };
  const who = await fetch(`${baseUrl}/v3/auth/tokens?nocatalog`, { headers });
  const userId = ((await who.json()) as { token?: { user?: { id?: string } } }).token?.user?.id;
  if (!userId) throw new Error(`GET /v3/auth/tokens: HTTP ${who.status}, no user id`);
  const res = await fetch(`${baseUrl}/v3/users/${userId}/application_credentials`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ application_credential: { name, description: 'npm run bench' } }),
  });
  const body = (await res.json()) as { application_credential?: { id?: string; secret?: string } };
  const { id, secret } = body.application_credential ?? {};
  if (res.status !== 201 || !id || !secret) throw new Error(`create application credential: HTTP ${res.status}`);
  return { id, secret, userId };
}

/** Deletes it again (best effort: the bench's leftovers should not pile up in the server). */
export async function deleteAppCredential(baseUrl: string, token: string, cred: AppCredential): Promise<void> {
  const res = await fetch(`${baseUrl}/v3/users/${cred.userId}/application_credentials/${cred.id}`, {
    method: 'DELETE',
    headers: { 'x-auth-token': token },
  });
  await res.arrayBuffer();
}

/** Body of an application-credential POST /v3/auth/tokens (the scope is the credential's project). */
export function appCredentialAuthBody(cred: AppCredential): string {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['application_credential'],
        application_credential: { id: cred.id, secret: cred.secret },
      },
    },
  });
}

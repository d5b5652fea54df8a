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

// What the scale benchmark measures, on the seeded data set: the requests, the tokens they need, and the markers.
import { issueToken } from '../keystone.ts';
import { bigDomainUsers, domainId, domainName, FIFTY, projectId, type Shape, userId, userName } from './dataset.ts';

/** One request repeated by every connection; `tokens`: X-Auth-Token and X-Subject-Token rotate through these. */
export interface ScaleScenario {
  name: string;
  description: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: number;
  tokens?: string[];
}

export interface ScaleContext {
  adminToken: string;
  /** user 0's unscoped token, re-scoped by the re-scope scenario */
  unscoped: string;
  /** distinct project-scoped tokens of user 0 (re-scoped from `unscoped`) */
  scoped: string[];
  /** the marker of the 100th page of GET /v3/users?domain_id=<domain 0>&limit=100, if there is one */
  page100Marker?: string;
  page100Number: number;
}

async function post(url: string, body: unknown): Promise<string> {
  const res = await fetch(`${url}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) throw new Error(`POST /v3/auth/tokens: HTTP ${res.status} ${text.slice(0, 300)}`);
  return token;
}

const rescopeBody = (token: string, project: string) => ({
  auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project: { id: project } } },
});

/** Tokens and markers the scenarios need; `tokens` distinct project-scoped tokens for the cache-miss run. */
export async function prepareContext(url: string, adminPassword: string, userPassword: string, tokens: number) {
  const adminToken = await issueToken(url, {
    username: 'admin',
    userDomain: 'Default',
    password: adminPassword,
    project: 'admin',
    projectDomain: 'Default',
  });
  const unscoped = await post(url, {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: userName(0), domain: { name: domainName(0) }, password: userPassword } },
      },
    },
  });
  const scoped: string[] = [];
  const next = async () => {
    while (scoped.length < tokens) {
      const n = scoped.length;
      scoped.push('');
      scoped[n] = await post(url, rescopeBody(unscoped, projectId(0, n % FIFTY)));
    }
  };
  await Promise.all(Array.from({ length: 8 }, next));
  // follow links.next to the 100th page, as a client paging through the big domain's users would
  let page: string | null = `${url}/v3/users?domain_id=${domainId(0)}&limit=100`;
  let page100Marker: string | undefined;
  let n = 1;
  for (; page && n < 100; n++) {
    const res = await fetch(page, { headers: { 'x-auth-token': adminToken } });
    const body = (await res.json()) as { links?: { next?: string | null } };
    page = body.links?.next ?? null;
    page100Marker = page ? (new URL(page).searchParams.get('marker') ?? undefined) : undefined;
  }
  return { adminToken, unscoped, scoped, page100Marker, page100Number: n } satisfies ScaleContext;
}

/** The scenarios of the cached run, in order. */
export function scenarios(shape: Shape, ctx: ScaleContext): ScaleScenario[] {
  const admin = { 'x-auth-token': ctx.adminToken };
  const users = `/v3/users?domain_id=${domainId(0)}&limit=100`;
  const list: ScaleScenario[] = [
    {
      name: 'validate-hit',
      description: 'GET /v3/auth/tokens, the same project-scoped token (cache hit)',
      method: 'GET',
      path: '/v3/auth/tokens',
      headers: { ...admin, 'x-subject-token': ctx.scoped[0]! },
      expect: 200,
    },
    {
      name: 'rescope',
      description: 'POST /v3/auth/tokens, token method: unscoped -> project',
      method: 'POST',
      path: '/v3/auth/tokens',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rescopeBody(ctx.unscoped, projectId(0, 1))),
      expect: 201,
    },
    {
      name: 'users-page-1',
      description: `GET /v3/users?domain_id=…&limit=100, first page of ${bigDomainUsers(shape)} users`,
      method: 'GET',
      path: users,
      headers: admin,
      expect: 200,
    },
  ];
  if (ctx.page100Marker) {
    list.push({
      name: 'users-page-100',
      description: 'the same list, 100th page (marker followed from links.next)',
      method: 'GET',
      path: `${users}&marker=${ctx.page100Marker}`,
      headers: admin,
      expect: 200,
    });
  }
  list.push(
    {
      name: 'auth-projects',
      description: `GET /v3/auth/projects, a user with roles on ${FIFTY} projects`,
      method: 'GET',
      path: '/v3/auth/projects',
      headers: { 'x-auth-token': ctx.scoped[0]! },
      expect: 200,
    },
    {
      name: 'projects-by-parent',
      description: 'GET /v3/projects?parent_id=… (a level-1 project)',
      method: 'GET',
      path: `/v3/projects?parent_id=${projectId(0, 0)}`,
      headers: admin,
      expect: 200,
    },
    {
      name: 'role-assignments-effective',
      description: 'GET /v3/role_assignments?effective&user.id=…&include_names (a user in 2 groups, inherited roles)',
      method: 'GET',
      path: `/v3/role_assignments?effective&user.id=${userId(1)}&include_names`,
      headers: admin,
      expect: 200,
    },
  );
  return list;
}

/** The cache-miss run: every request validates another token (X-Auth-Token = X-Subject-Token, the token's own). */
export const validateMiss = (ctx: ScaleContext): ScaleScenario => ({
  name: 'validate-miss',
  description: `GET /v3/auth/tokens, ${ctx.scoped.length} distinct tokens in turn, [token] caching = false`,
  method: 'GET',
  path: '/v3/auth/tokens',
  headers: {},
  expect: 200,
  tokens: ctx.scoped,
});

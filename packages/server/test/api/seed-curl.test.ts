/**
 * The curl requests of the user-facing guide (seed/authentication.txt, "Token-Based Authentication",
 * "Exchange an Unscoped Token…", "Token Lifecycle", "Troubleshooting"), executed literally with `curl`:
 * only the host (`https://api.<your-domain>`), myuser/mypassword/myproject and <project-id> are replaced,
 * and the shell variables ($UNSCOPED_TOKEN, $OS_TOKEN, …) are passed in the environment.
 *
 * Against the reference Keystone (which serves only /v3, so apiPrefix falls back to it):
 *   XLOUD_TEST_TARGET=http://127.0.0.1:5001 XLOUD_TEST_ADMIN_PASSWORD=refadmin npx vitest run packages/server/test/api/seed-curl.test.ts
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTarget, identityApiPrefix, isExternalTarget, type TestServer } from '../helpers/target.ts';

// ---------------------------------------------------------------------------------------------------------
// The guide's commands, verbatim (String.raw keeps the backslash line continuations for bash).

const DOC_PASSWORD_PROJECT = String.raw`curl -i -X POST https://api.<your-domain>/identity/v3/auth/tokens \
  -H "Content-Type: application/json" \
  -d '{
    "auth": {
      "identity": {
        "methods": ["password"],
        "password": {
          "user": {
            "name": "myuser",
            "domain": { "name": "Default" },
            "password": "mypassword"
          }
        }
      },
      "scope": {
        "project": {
          "name": "myproject",
          "domain": { "name": "Default" }
        }
      }
    }
  }'`;

const DOC_UNSCOPED = String.raw`curl -i -X POST https://api.<your-domain>/identity/v3/auth/tokens \
  -H "Content-Type: application/json" \
  -d '{
    "auth": {
      "identity": {
        "methods": ["password"],
        "password": {
          "user": {
            "name": "myuser",
            "domain": { "name": "Default" },
            "password": "mypassword"
          }
        }
      }
    }
  }'`;

const DOC_LIST_PROJECTS = String.raw`curl -X GET https://api.<your-domain>/identity/v3/auth/projects \
  -H "X-Auth-Token: $UNSCOPED_TOKEN"`;

const DOC_EXCHANGE = String.raw`curl -i -X POST https://api.<your-domain>/identity/v3/auth/tokens \
  -H "Content-Type: application/json" \
  -H "X-Auth-Token: $UNSCOPED_TOKEN" \
  -d '{
    "auth": {
      "identity": {
        "methods": ["token"],
        "token": { "id": "'"$UNSCOPED_TOKEN"'" }
      },
      "scope": {
        "project": { "id": "<project-id>" }
      }
    }
  }'`;

const DOC_VALIDATE = String.raw`curl -i -X GET https://api.<your-domain>/identity/v3/auth/tokens \
  -H "X-Auth-Token: $OS_TOKEN" \
  -H "X-Subject-Token: $TOKEN_TO_VALIDATE"`;

const DOC_REVOKE = String.raw`curl -i -X DELETE https://api.<your-domain>/identity/v3/auth/tokens \
  -H "X-Auth-Token: $OS_TOKEN" \
  -H "X-Subject-Token: $TOKEN_TO_REVOKE"`;

// The lifecycle table lists "List tokens (admin) /identity/v3/OS-PKI/revoked GET" without a command.
const DOC_LIST_REVOKED = String.raw`curl -i -X GET https://api.<your-domain>/identity/v3/OS-PKI/revoked \
  -H "X-Auth-Token: $OS_TOKEN"`;

// Troubleshooting: "Confirm the token is passed in X-Auth-Token (not Authorization: Bearer)" — the mistake itself.
const DOC_BEARER_MISUSE = String.raw`curl -i -X GET https://api.<your-domain>/identity/v3/auth/projects \
  -H "Authorization: Bearer $UNSCOPED_TOKEN"`;

// ---------------------------------------------------------------------------------------------------------

interface CurlResponse {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  body: string;
}

let target: TestServer;
/** `/identity/v3` as the guide says; `/v3` only for an external server that lacks it (the reference Keystone). */
let apiPrefix: string;

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const user = { name: `seed-u-${run}`, password: `Seed-pw-${run}`, id: '' };
const project = { name: `seed-p-${run}`, id: '' };
let adminToken = '';

function literal(cmd: string, projectId = project.id): string {
  return cmd
    .replaceAll('https://api.<your-domain>/identity/v3', `${target.baseUrl}${apiPrefix}`)
    .replaceAll('"myuser"', JSON.stringify(user.name))
    .replaceAll('"mypassword"', JSON.stringify(user.password))
    .replaceAll('"myproject"', JSON.stringify(project.name))
    .replaceAll('<project-id>', projectId);
}

/** Runs a guide command with bash (it uses shell quoting and $VARIABLES) and returns curl's stdout. */
function sh(cmd: string, vars: Record<string, string> = {}): Promise<string> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...vars };
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', cmd], { env, timeout: 20_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd}\n→ ${err.message}\n${String(stderr).slice(-500)}`));
      else resolve(String(stdout));
    });
  });
}

/** Parses `curl -i` output (skipping interim 1xx responses). */
function parseCurlI(raw: string): CurlResponse {
  let rest = raw;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`not an HTTP response: ${raw.slice(0, 300)}`);
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine ?? '')?.[1]);
    rest = rest.slice(end + 4);
    if (status >= 100 && status < 200) continue;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    return { status, headers, body: rest };
  }
}

async function curlI(cmd: string, vars: Record<string, string> = {}): Promise<CurlResponse> {
  return parseCurlI(await sh(literal(cmd), vars));
}

function json(r: CurlResponse): any {
  try {
    return JSON.parse(r.body);
  } catch {
    throw new Error(`HTTP ${r.status}: body is not JSON: ${r.body.slice(0, 300)}`);
  }
}

/** Admin-side setup through the plain v3 API (not part of the guide). */
async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${target.baseUrl}/v3${path}`, {
    method,
    headers: { 'X-Auth-Token': adminToken, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /v3${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/; // "2026-03-19T10:00:00.000000Z", as in the guide
const AUDIT_ID = /^[A-Za-z0-9_-]{22}$/; // urlsafe base64 of 16 random bytes, unpadded

function expectTimes(token: { issued_at: string; expires_at: string }): void {
  expect(token.issued_at).toMatch(TIMESTAMP);
  expect(token.expires_at).toMatch(TIMESTAMP);
  expect(Math.abs(Date.parse(token.issued_at) - Date.now())).toBeLessThan(120_000);
  // "Tokens expire after the configured token TTL (default: 1 hour)"
  expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(3_600_000);
}

describe('seed guide: curl requests against the identity API', () => {
  let scoped = ''; // project-scoped token of the test user (password auth)
  let scopedAuditId = '';
  let unscoped = '';

  beforeAll(async () => {
    target = await getTarget();
    apiPrefix = await identityApiPrefix(target);
    const res = await fetch(`${target.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'admin', domain: { id: 'default' }, password: target.adminPassword } },
          },
          scope: { project: { name: 'admin', domain: { id: 'default' } } },
        },
      }),
    });
    await res.arrayBuffer();
    adminToken = res.headers.get('x-subject-token') ?? '';
    if (res.status !== 201 || !adminToken) throw new Error(`admin authentication failed: HTTP ${res.status}`);

    project.id = (await api('POST', '/projects', { project: { name: project.name, domain_id: 'default' } })).project.id;
    user.id = (
      await api('POST', '/users', { user: { name: user.name, password: user.password, domain_id: 'default' } })
    ).user.id;
    const member = (await api('GET', '/roles?name=member')).roles[0];
    await api('PUT', `/projects/${project.id}/users/${user.id}/roles/${member.id}`);
  });

  afterAll(async () => {
    if (adminToken) {
      if (user.id) await api('DELETE', `/users/${user.id}`).catch(() => undefined);
      if (project.id) await api('DELETE', `/projects/${project.id}`).catch(() => undefined);
    }
    await target?.close();
  });

  it('password authentication, project-scoped: 201, X-Subject-Token, token metadata and catalog', async () => {
    const r = await curlI(DOC_PASSWORD_PROJECT);
    expect(r.status, r.body).toBe(201);
    expect(r.headers['x-subject-token']).toMatch(/^\S{16,}$/);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    scoped = r.headers['x-subject-token'];

    const { token } = json(r);
    expect(token.methods).toEqual(['password']);
    expect(token.user).toMatchObject({ id: user.id, name: user.name, domain: { id: 'default', name: 'Default' } });
    expect(token.project).toEqual({ id: project.id, name: project.name, domain: { id: 'default', name: 'Default' } });
    // member, plus reader which member implies
    expect(token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    for (const role of token.roles) expect(role.id).toMatch(/^\S+$/);
    expectTimes(token);
    expect(token.audit_ids).toHaveLength(1);
    expect(token.audit_ids[0]).toMatch(AUDIT_ID);
    scopedAuditId = token.audit_ids[0];

    const identity = token.catalog.find((s: { type: string }) => s.type === 'identity');
    expect(identity, JSON.stringify(token.catalog)).toBeDefined();
    expect(identity.name).toBe('keystone');
    const pub = identity.endpoints.find((e: { interface: string }) => e.interface === 'public');
    expect(pub).toMatchObject({ url: `${target.baseUrl}/v3`, region: 'RegionOne', region_id: 'RegionOne' });
  });

  it('step 1: unscoped token (no scope field)', async () => {
    const r = await curlI(DOC_UNSCOPED);
    expect(r.status, r.body).toBe(201);
    unscoped = r.headers['x-subject-token'];
    expect(unscoped).toMatch(/^\S{16,}$/);
    const { token } = json(r);
    expect(token.methods).toEqual(['password']);
    expect(token.user).toMatchObject({ id: user.id, name: user.name });
    expect(token.project).toBeUndefined();
    expect(token.domain).toBeUndefined();
    expect(token.roles).toBeUndefined();
    expect(token.catalog ?? []).toEqual([]);
    expectTimes(token);
  });

  it('step 2: GET /auth/projects with the unscoped token lists the project', async () => {
    const body = JSON.parse(await sh(literal(DOC_LIST_PROJECTS), { UNSCOPED_TOKEN: unscoped }));
    expect(body.projects).toContainEqual(
      expect.objectContaining({ id: project.id, name: project.name, domain_id: 'default', enabled: true }),
    );
    expect(body.projects).toHaveLength(1);
  });

  it('step 3: exchange the unscoped token for a project-scoped token', async () => {
    const first = await curlI(DOC_UNSCOPED);
    const firstToken = json(first).token;
    const r = await curlI(DOC_EXCHANGE, { UNSCOPED_TOKEN: first.headers['x-subject-token'] });
    expect(r.status, r.body).toBe(201);
    expect(r.headers['x-subject-token']).toMatch(/^\S{16,}$/);
    const { token } = json(r);
    expect(token.methods.sort()).toEqual(['password', 'token']);
    expect(token.project).toEqual({ id: project.id, name: project.name, domain: { id: 'default', name: 'Default' } });
    expect(token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    expect(token.catalog.some((s: { type: string }) => s.type === 'identity')).toBe(true);
    // a rescoped token keeps the original expiry and chains the original audit id
    expect(token.expires_at).toBe(firstToken.expires_at);
    expect(token.audit_ids).toHaveLength(2);
    expect(token.audit_ids[1]).toBe(firstToken.audit_ids[0]);
  });

  it('validate: GET /auth/tokens with X-Auth-Token + X-Subject-Token → 200', async () => {
    const r = await curlI(DOC_VALIDATE, { OS_TOKEN: adminToken, TOKEN_TO_VALIDATE: scoped });
    expect(r.status, r.body).toBe(200);
    expect(r.headers['x-subject-token']).toBe(scoped);
    const { token } = json(r);
    expect(token.audit_ids).toEqual([scopedAuditId]);
    expect(token.user.id).toBe(user.id);
    expect(token.project.id).toBe(project.id);
  });

  it('revoke: DELETE /auth/tokens → 204, then validation → 404', async () => {
    const del = await curlI(DOC_REVOKE, { OS_TOKEN: adminToken, TOKEN_TO_REVOKE: scoped });
    expect(del.status, del.body).toBe(204);
    expect(del.body).toBe('');
    const r = await curlI(DOC_VALIDATE, { OS_TOKEN: adminToken, TOKEN_TO_VALIDATE: scoped });
    expect(r.status, r.body).toBe(404);
    expect(json(r).error).toMatchObject({ code: 404, title: 'Not Found' });
  });

  // The guide documents GET /identity/v3/OS-PKI/revoked as "List tokens (admin)". Our server answers it with the
  // revocation list as JSON; the reference Keystone has no such route (only the deprecated
  // /v3/auth/tokens/OS-PKI/revoked, 403/410), so this assertion only runs against our own server.
  it.runIf(!isExternalTarget())(
    'list revoked tokens (admin): GET /OS-PKI/revoked → 200 JSON with the revocation',
    async () => {
      const r = await curlI(DOC_LIST_REVOKED, { OS_TOKEN: adminToken });
      expect(r.status, r.body).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const body = json(r);
      expect(typeof body).toBe('object');
      expect(r.body).toContain(scopedAuditId); // the token revoked above is listed (by its audit id)
    },
  );

  it('troubleshooting: the token sent as "Authorization: Bearer" (no X-Auth-Token) → 401', async () => {
    const r = await curlI(DOC_BEARER_MISUSE, { UNSCOPED_TOKEN: unscoped });
    expect(r.status, r.body).toBe(401);
    expect(json(r).error).toMatchObject({ code: 401, title: 'Unauthorized' });
    expect(r.headers['www-authenticate']).toMatch(/^Keystone uri=/);
    // Ours on purpose: the 401 says to use X-Auth-Token (Keystone's message is generic); see RouteKit.authenticate
    if (!isExternalTarget()) expect(json(r).error.message).toMatch(/X-Auth-Token/);
  });
});

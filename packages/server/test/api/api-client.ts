/**
 * Shared helpers for the HTTP-level API tests: a JSON request helper, token issuing, and creation
 * helpers for users/projects/domains/roles/grants.
 *
 * The tests talk HTTP only. By default each file starts its own in-process server (`startApiTarget`)
 * over SQLite, PostgreSQL or MariaDB (`DATABASES`); with `XLOUD_TEST_TARGET=http://127.0.0.1:5001 XLOUD_TEST_ADMIN_PASSWORD=refadmin`
 * they run against an external server such as the reference Keystone (that is how expectations are checked:
 * a test that fails there is a wrong test, unless it is marked as one of our deliberate differences).
 */
import { randomBytes } from 'node:crypto';
import { getTarget, isExternalTarget } from '../helpers/target.ts';
import { assertResponseMatchesSchema, responseSchemaCheckEnabled } from './response-schema-check.ts';

export { isExternalTarget };

export type Db = 'sqlite' | 'postgres' | 'mysql';
const ALL_DATABASES: readonly Db[] = ['sqlite', 'postgres', 'mysql'];
/** The databases each API suite runs on: all of them, or the comma list in XLOUD_TEST_DATABASES (e.g. `sqlite` for a quick loop). */
export const DATABASES: readonly Db[] = process.env.XLOUD_TEST_DATABASES
  ? ALL_DATABASES.filter((db) =>
      process.env
        .XLOUD_TEST_DATABASES!.split(',')
        .map((d) => d.trim())
        .includes(db),
    )
  : ALL_DATABASES;

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiTarget {
  baseUrl: string;
  adminPassword: string;
  close(): Promise<void>;
}

/** A random lowercase suffix so names never collide (also across runs against an external server). */
export function uniq(prefix = 'x'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A target `startApiTarget` started: a test can also move its time on (`passTime`). */
export interface StartedApiTarget extends ApiTarget {
  passTime(ms: number): Promise<void>;
}

export async function startApiTarget(
  database: Db,
  config?: Record<string, Record<string, string>>,
): Promise<StartedApiTarget> {
  return getTarget({ database, config });
}

export type Scope =
  | { project: { id: string } | { name: string; domain: { id: string } | { name: string } } }
  | { domain: { id: string } | { name: string } }
  | { system: { all: true } }
  | 'unscoped';

export type UserRef = { id: string } | { name: string; domain: { id: string } | { name: string } };

export function passwordAuth(user: UserRef, password: string, scope?: Scope): Record<string, unknown> {
  const auth: Record<string, unknown> = {
    identity: { methods: ['password'], password: { user: { ...user, password } } },
  };
  if (scope !== undefined) auth.scope = scope;
  return { auth };
}

export function tokenAuth(tokenId: string, scope?: Scope): Record<string, unknown> {
  const auth: Record<string, unknown> = { identity: { methods: ['token'], token: { id: tokenId } } };
  if (scope !== undefined) auth.scope = scope;
  return { auth };
}

export class ApiClient {
  /** Root of the server, e.g. http://127.0.0.1:1234. */
  readonly baseUrl: string;
  readonly adminPassword: string;
  private adminTokenCache?: string;
  private systemTokenCache?: string;
  private roleIds = new Map<string, string>();

  constructor(target: ApiTarget) {
    this.baseUrl = target.baseUrl;
    this.adminPassword = target.adminPassword;
  }

  /** path: relative to /v3 ("/users"), or absolute from the root when it starts with "//" ("//identity/v3"). */
  url(path: string): string {
    if (path.startsWith('http')) return path;
    if (path.startsWith('//')) return `${this.baseUrl}${path.slice(1)}`;
    return `${this.baseUrl}/v3${path}`;
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (opts.token !== undefined) headers['X-Auth-Token'] = opts.token;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.url(path), { method, headers, body });
    const text = await res.text();
    let parsed: any;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (responseSchemaCheckEnabled())
      assertResponseMatchesSchema(method, this.url(path), res.status, res.headers.get('content-type'), parsed);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, token?: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { token, headers });
  }
  head(path: string, token?: string, headers?: Record<string, string>) {
    return this.request('HEAD', path, { token, headers });
  }
  post<T = any>(path: string, token: string | undefined, body: unknown) {
    return this.request<T>('POST', path, { token, body });
  }
  put<T = any>(path: string, token: string | undefined, body?: unknown) {
    return this.request<T>('PUT', path, { token, body });
  }
  patch<T = any>(path: string, token: string | undefined, body: unknown) {
    return this.request<T>('PATCH', path, { token, body });
  }
  delete<T = any>(path: string, token?: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, { token, headers });
  }

  /** POST /auth/tokens with the given body; returns the response and the X-Subject-Token. */
  async issue(
    body: unknown,
    opts: { query?: string; token?: string } = {},
  ): Promise<ApiResponse & { tokenId: string }> {
    const res = await this.post(`/auth/tokens${opts.query ?? ''}`, opts.token, body);
    return { ...res, tokenId: res.headers.get('x-subject-token') ?? '' };
  }

  /** Issues a token and fails loudly unless it is a 201. */
  async token(user: UserRef, password: string, scope?: Scope): Promise<string> {
    const res = await this.issue(passwordAuth(user, password, scope));
    if (res.status !== 201) throw new Error(`token for ${JSON.stringify(user)} failed: ${res.status} ${res.text}`);
    return res.tokenId;
  }

  /** admin's token scoped to project admin in domain Default (cached). */
  async adminToken(): Promise<string> {
    this.adminTokenCache ??= await this.token({ name: 'admin', domain: { id: 'default' } }, this.adminPassword, {
      project: { name: 'admin', domain: { id: 'default' } },
    });
    return this.adminTokenCache;
  }

  /** admin's system-scoped token (cached). */
  async systemToken(): Promise<string> {
    this.systemTokenCache ??= await this.token({ name: 'admin', domain: { id: 'default' } }, this.adminPassword, {
      system: { all: true },
    });
    return this.systemTokenCache;
  }

  private async expect(res: ApiResponse, status: number, what: string): Promise<any> {
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
    return res.body;
  }

  async roleId(name: string): Promise<string> {
    const cached = this.roleIds.get(name);
    if (cached) return cached;
    const res = await this.get(`/roles?name=${encodeURIComponent(name)}`, await this.adminToken());
    const role = (res.body?.roles ?? []).find(
      (r: { name: string; domain_id?: string | null }) => r.name === name && !r.domain_id,
    );
    if (!role) throw new Error(`role ${name} not found`);
    this.roleIds.set(name, role.id);
    return role.id;
  }

  async projectId(name: string, domainId = 'default'): Promise<string> {
    const res = await this.get(
      `/projects?name=${encodeURIComponent(name)}&domain_id=${domainId}`,
      await this.adminToken(),
    );
    const p = res.body?.projects?.[0];
    if (!p) throw new Error(`project ${name} not found`);
    return p.id;
  }

  async createDomain(attrs: Record<string, unknown> = {}): Promise<any> {
    const res = await this.post('/domains', await this.adminToken(), { domain: { name: uniq('dom'), ...attrs } });
    return (await this.expect(res, 201, 'create domain')).domain;
  }

  async createProject(attrs: Record<string, unknown> = {}): Promise<any> {
    const res = await this.post('/projects', await this.adminToken(), {
      project: { name: uniq('proj'), domain_id: 'default', ...attrs },
    });
    return (await this.expect(res, 201, 'create project')).project;
  }

  /** Creates a user with a password; returns the user body plus `password`. */
  async createUser(attrs: Record<string, unknown> = {}): Promise<any> {
    const password = (attrs.password as string | undefined) ?? `pw-${randomBytes(8).toString('hex')}`;
    const res = await this.post('/users', await this.adminToken(), {
      user: { name: uniq('user'), domain_id: 'default', ...attrs, password },
    });
    const user = (await this.expect(res, 201, 'create user')).user;
    return { ...user, password };
  }

  async createGroup(attrs: Record<string, unknown> = {}): Promise<any> {
    const res = await this.post('/groups', await this.adminToken(), {
      group: { name: uniq('group'), domain_id: 'default', ...attrs },
    });
    return (await this.expect(res, 201, 'create group')).group;
  }

  async createRole(attrs: Record<string, unknown> = {}): Promise<any> {
    const res = await this.post('/roles', await this.adminToken(), { role: { name: uniq('role'), ...attrs } });
    return (await this.expect(res, 201, 'create role')).role;
  }

  /** PUT a role grant. target: {project}|{domain}|{system: 'all'}; actor: {user}|{group}. */
  async grant(
    actor: { user: string } | { group: string },
    target: { project: string } | { domain: string } | { system: 'all' },
    role: string,
    opts: { inherited?: boolean } = {},
  ): Promise<void> {
    const roleId = /^[0-9a-f]{32}$/.test(role) ? role : await this.roleId(role);
    const actorPath = 'user' in actor ? `users/${actor.user}` : `groups/${actor.group}`;
    let path: string;
    if ('system' in target) path = `/system/${actorPath}/roles/${roleId}`;
    else {
      const t = 'project' in target ? `projects/${target.project}` : `domains/${target.domain}`;
      path = opts.inherited
        ? `/OS-INHERIT/${t}/${actorPath}/roles/${roleId}/inherited_to_projects`
        : `/${t}/${actorPath}/roles/${roleId}`;
    }
    const res = await this.put(path, await this.adminToken());
    await this.expect(res, 204, `grant ${path}`);
  }

  /** A fresh user with `role` on a fresh (or given) project, plus a project-scoped token. */
  async userWithRole(
    role: string,
    projectId?: string,
    userAttrs: Record<string, unknown> = {},
  ): Promise<{ user: any; projectId: string; token: string }> {
    const pid = projectId ?? (await this.createProject()).id;
    const user = await this.createUser(userAttrs);
    await this.grant({ user: user.id }, { project: pid }, role);
    const token = await this.token({ id: user.id }, user.password, { project: { id: pid } });
    return { user, projectId: pid, token };
  }
}

/** Keystone's error body shape: {"error": {"code", "title", "message"}} with code equal to the status. */
export function expectKeystoneError(res: ApiResponse, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  const err = res.body?.error;
  if (!err || err.code !== status || typeof err.title !== 'string' || typeof err.message !== 'string') {
    throw new Error(`not a Keystone error body for ${status}: ${res.text}`);
  }
}

/** Keystone token timestamps: 2026-03-19T10:00:00.000000Z */
export const TOKEN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Audit ids: urlsafe base64 of 16 bytes without padding. */
export const AUDIT_ID = /^[A-Za-z0-9_-]{22}$/;

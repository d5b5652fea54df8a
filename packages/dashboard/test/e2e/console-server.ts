import { rmSync } from 'node:fs';
import { startTestServer, type StartOptions, type TestServer } from '@xloud/test-kit';
import { stableConsoleCopy } from './build.ts';

export type { TestServer };

/**
 * A real identity server (SQLite, bootstrapped admin) serving the freshly built console at /dashboard/, from its own
 * copy of the build (`[dashboard] static_dir`), so a rebuild by another test file cannot pull assets from under a
 * page. The copy goes when the server closes.
 */
export async function startConsoleServer(
  config: Record<string, Record<string, string>> = {},
  clock?: StartOptions['clock'],
): Promise<TestServer> {
  const staticDir = await stableConsoleCopy();
  const removeCopy = () => rmSync(staticDir, { recursive: true, force: true });
  try {
    const server = await startTestServer({
      clock,
      config: { ...config, dashboard: { static_dir: staticDir, ...config.dashboard } },
    });
    return {
      ...server,
      async close() {
        await server.close();
        removeCopy();
      },
    };
  } catch (error) {
    removeCopy();
    throw error;
  }
}

/** Admin calls made straight to the API, to set up what a test needs. */
export class AdminApi {
  private token?: string;
  constructor(private readonly server: TestServer) {}

  async authToken(): Promise<string> {
    if (this.token) return this.token;
    const response = await fetch(`${this.server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'admin', domain: { id: 'default' }, password: this.server.adminPassword } },
          },
          scope: { project: { name: 'admin', domain: { id: 'default' } } },
        },
      }),
    });
    if (response.status !== 201) throw new Error(`admin sign-in failed: ${response.status}`);
    this.token = response.headers.get('x-subject-token') ?? '';
    return this.token;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.server.baseUrl}/v3${path}`, {
      method,
      headers: {
        'X-Auth-Token': await this.authToken(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async roleId(name: string): Promise<string> {
    const { body } = await this.call<{ roles: Array<{ id: string }> }>(
      'GET',
      `/roles?name=${encodeURIComponent(name)}`,
    );
    return body.roles[0].id;
  }

  /** A user with a password and (optionally) a role on a new or existing project. */
  async createUser(
    name: string,
    password: string,
    options: { project?: { id: string }; role?: string; email?: string } = {},
  ): Promise<{ id: string }> {
    const { status, body } = await this.call<{ user: { id: string } }>('POST', '/users', {
      user: { name, password, domain_id: 'default', enabled: true, ...(options.email ? { email: options.email } : {}) },
    });
    if (status !== 201) throw new Error(`create user ${name}: ${status}`);
    if (options.project) {
      const role = await this.roleId(options.role ?? 'member');
      const grant = await this.call('PUT', `/projects/${options.project.id}/users/${body.user.id}/roles/${role}`);
      if (grant.status !== 204) throw new Error(`grant: ${grant.status}`);
    }
    return body.user;
  }

  async createProject(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    const { status, body } = await this.call<{ project: { id: string; name: string } }>('POST', '/projects', {
      project: { name, domain_id: 'default', ...extra },
    });
    if (status !== 201) throw new Error(`create project ${name}: ${status}`);
    return body.project;
  }

  async validate(token: string): Promise<number> {
    const response = await fetch(`${this.server.baseUrl}/v3/auth/tokens`, {
      headers: { 'X-Auth-Token': await this.authToken(), 'X-Subject-Token': token },
    });
    return response.status;
  }
}

import { startTestServer, type StartOptions, TestClock, type TestServer } from '@xloud/test-kit';
import { PasswordAuth, Session, type SessionOptions } from '../src/index.ts';

export { TestClock, type TestServer };

/** A real Xloud Identity server on a random port (SQLite), bootstrapped with admin / RegionOne. */
export function startServer(options: StartOptions = {}): Promise<TestServer> {
  return startTestServer(options);
}

/** Admin credentials for a started server, as openstackclient would take them from an OpenRC file. */
export function adminEnv(server: TestServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OS_AUTH_URL: `${server.baseUrl}/v3`,
    OS_USERNAME: 'admin',
    OS_PASSWORD: server.adminPassword,
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_IDENTITY_API_VERSION: '3',
    ...extra,
  };
}

/** An admin session on a started server (project-scoped to admin). */
export function adminSession(
  server: TestServer,
  options: Partial<SessionOptions> = {},
  authUrl = `${server.baseUrl}/v3`,
): Session {
  return new Session({
    auth: new PasswordAuth({
      authUrl,
      username: 'admin',
      password: server.adminPassword,
      userDomainName: 'Default',
      scope: { project: { name: 'admin', domain: { name: 'Default' } } },
    }),
    retryDelay: 10,
    ...options,
  });
}

/** A unique name for test resources. */
export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Chooses the server a test talks to.
 *
 * - Default: an in-process Xloud Identity server from `./test-server.ts` (`startTestServer()`).
 * - `XLOUD_TEST_TARGET=http://127.0.0.1:5001 XLOUD_TEST_ADMIN_PASSWORD=refadmin`: an already running
 *   external server (e.g. the reference Keystone from ref-keystone/start.sh in the shared folder: `XLOUD_SHARED_DIR`,
 *   or shared/ beside the repository). This is how the tests themselves are validated: a test that fails against
 *   the reference is a wrong test.
 */

/** Same shape as `TestServer` in `./test-server.ts` (declared here so this file type-checks on its own). */
export interface TestServer {
  /** e.g. `http://127.0.0.1:34567`, no trailing slash; the API is at `${baseUrl}/v3` and `${baseUrl}/identity/v3`. */
  baseUrl: string;
  adminPassword: string;
  close(): Promise<void>;
}

/** A server `getTarget` chose, whose time a test can move on. */
export interface Target extends TestServer {
  /**
   * Lets `ms` of the server's time pass: ours moves its clock at once; an external server keeps its own clock,
   * so there the test waits in real time.
   */
  passTime(ms: number): Promise<void>;
}

export interface StartOptions {
  database?: 'sqlite' | 'postgres' | 'mysql';
  config?: Record<string, Record<string, string>>;
}

/** The part of `TestClock` (test-kit) this file uses. */
interface MovableClock {
  now(): Date;
  sleepUntil(date: Date): Promise<void>;
  advance(ms: number): void;
}

type TestServerModule = {
  startTestServer(opts?: StartOptions & { clock?: MovableClock }): Promise<TestServer>;
  TestClock: { running(): MovableClock };
};

/** True when the tests run against an external server (`XLOUD_TEST_TARGET`), not our in-process one. */
export function isExternalTarget(): boolean {
  return Boolean(process.env.XLOUD_TEST_TARGET);
}

export async function getTarget(opts?: StartOptions): Promise<Target> {
  const external = process.env.XLOUD_TEST_TARGET;
  if (external) {
    const adminPassword = process.env.XLOUD_TEST_ADMIN_PASSWORD;
    if (!adminPassword) throw new Error('XLOUD_TEST_TARGET is set but XLOUD_TEST_ADMIN_PASSWORD is not');
    return {
      baseUrl: external.replace(/\/+$/, '').replace(/\/v3$/, ''),
      adminPassword,
      close: async () => {},
      // real-time: the external server's clock is not ours to move (only when checking tests against Keystone).
      passTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
  }
  // Non-literal specifier: this file must type-check before test-server.ts exists.
  const specifier = './test-server.ts';
  const mod = (await import(specifier)) as TestServerModule;
  // Real time, moved on by the tests and by the server's own waits (the revocation second), which thus take none.
  const clock = mod.TestClock.running();
  const server = await mod.startTestServer({ ...opts, clock });
  return {
    ...server,
    close: () => server.close(),
    passTime: async (ms) => clock.advance(ms),
  };
}

/**
 * The path prefix of the identity API as the seed document publishes it (`/identity/v3`).
 * Our server must serve it; the reference Keystone only serves `/v3`, so against an external target
 * we fall back to `/v3` when `/identity/v3` does not answer. `XLOUD_TEST_API_PREFIX` overrides.
 */
export async function identityApiPrefix(target: TestServer): Promise<string> {
  const forced = process.env.XLOUD_TEST_API_PREFIX;
  if (forced) return forced.replace(/\/+$/, '');
  if (!isExternalTarget()) return '/identity/v3';
  const res = await fetch(`${target.baseUrl}/identity/v3`, { headers: { Accept: 'application/json' } });
  await res.arrayBuffer();
  return res.ok ? '/identity/v3' : '/v3';
}

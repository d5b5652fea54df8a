/**
 * Serving the console build (docs/console.md, "Serving"): cache headers, SPA fallback, security headers
 * on /dashboard only, the browser redirect at /, a missing build, and [dashboard] enabled = false.
 * The build is a fake one written to a temporary [dashboard] static_dir.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATIC_DIR } from '../../src/http/console/console-location.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectKeystoneError } from './api-client.ts';
import { ConsoleBrowser, rawGet } from './console-client.ts';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/dashboard/assets/app-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("console");';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self' data:;connect-src 'self';" +
  "frame-ancestors 'none';base-uri 'none';form-action 'self';object-src 'none'";

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-3f9a1c.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  return dir;
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${path}`, { headers, redirect: 'manual' });

describe('console static files', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fakeBuild();
    server = await startTestServer({ config: { dashboard: { static_dir: dist } } });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at /dashboard/ with no-cache and the security headers', async () => {
    for (const path of ['/dashboard/', '/dashboard']) {
      const res = await get(server, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('hashed assets are cached for a year as immutable; a missing asset is a 404, not HTML', async () => {
    const res = await get(server, '/dashboard/assets/app-3f9a1c.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe(SCRIPT);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const missing = await get(server, '/dashboard/assets/app-000000.js');
    expect(missing.status).toBe(404);
    const icon = await get(server, '/dashboard/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('any other /dashboard path is a client-side route: index.html (SPA fallback)', async () => {
    for (const path of [
      '/dashboard/users',
      '/dashboard/projects/abc/members',
      '/dashboard/users/john.doe',
      '/dashboard/.env',
    ]) {
      const res = await get(server, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
    const head = await fetch(`${server.baseUrl}/dashboard/settings`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('never serves a file outside the build', async () => {
    for (const path of [
      '/dashboard/../package.json',
      '/dashboard/%2e%2e/%2e%2e/etc/passwd',
      '/dashboard/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await rawGet(server.baseUrl, path);
      expect(res.text, path).not.toMatch(/root:|"name"/);
    }
  });

  it('/dashboard/api/* that is not an endpoint is a Keystone-style 404', async () => {
    const res = await new ConsoleBrowser(server).request('GET', '/dashboard/api/nothing-here');
    expectKeystoneError(res, 404);
  });

  it('API responses keep their own headers (no console security headers)', async () => {
    const res = await get(server, '/v3', { Accept: 'application/json' });
    expect(res.status).toBe(200);
    for (const header of [
      'content-security-policy',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
    ]) {
      expect(res.headers.get(header), header).toBeNull();
    }
  });

  it('GET / sends browsers to the console; API clients still get version discovery', async () => {
    const browser = await get(server, '/', { Accept: BROWSER_ACCEPT });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/dashboard/');
    expect((await get(server, '/', { Accept: 'text/html' })).status).toBe(302);
    for (const accept of [
      'application/json',
      '*/*',
      'application/json, text/html',
      'text/html;q=0.5, application/json',
    ]) {
      const res = await get(server, '/', { Accept: accept });
      expect(res.status, accept).toBe(300);
      expect((await res.json()).versions.values[0].id).toBe('v3.14');
    }
    expect((await get(server, '/')).status).toBe(300);
    expect((await get(server, '/identity', { Accept: BROWSER_ACCEPT })).status).toBe(300);
    const home = await get(server, '/', { Accept: 'application/json-home' });
    expect(home.status).toBe(200);
  });

  it('defaults to packages/dashboard/dist of the source tree', () => {
    expect(DEFAULT_STATIC_DIR).toBe(join(import.meta.dirname, '../../../dashboard/dist'));
  });
});

describe('console without a build', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { dashboard: { static_dir: join(tmpdir(), 'xloud-no-such-build') } } });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers 503 with an explanation; the API and the session endpoints still work', async () => {
    for (const path of ['/dashboard/', '/dashboard/users']) {
      const res = await get(server, path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toContain('npm run build -w @xloud/dashboard');
    }
    expect((await get(server, '/v3', { Accept: 'application/json' })).status).toBe(200);
    const browser = new ConsoleBrowser(server);
    const none = await browser.request('GET', '/dashboard/api/session');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ session: null, ended: 'none' });
    const signIn = await browser.signIn({
      identity: {
        methods: ['password'],
        password: { user: { name: 'admin', domain: { id: 'default' }, password: server.adminPassword } },
      },
    });
    expect(signIn.status).toBe(201);
  });
});

describe('console disabled', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fakeBuild();
    server = await startTestServer({ config: { dashboard: { enabled: 'false', static_dir: dist } } });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('/dashboard and its API are 404; / is plain version discovery; the API is unaffected', async () => {
    for (const path of ['/dashboard/', '/dashboard/assets/app-3f9a1c.js', '/dashboard/api/session']) {
      const res = await get(server, path, { Accept: 'application/json' });
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe(404);
    }
    const signIn = await new ConsoleBrowser(server).signIn({ identity: { methods: ['password'] } });
    expect(signIn.status).toBe(404);
    expect((await get(server, '/', { Accept: BROWSER_ACCEPT })).status).toBe(300);
    expect((await get(server, '/v3', { Accept: 'application/json' })).status).toBe(200);
  });
});

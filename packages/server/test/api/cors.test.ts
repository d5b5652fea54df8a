/**
 * [cors] as oslo.middleware's CORS filter in Keystone: off by default; an allowed origin is echoed with credentials
 * and exposed headers; a preflight is answered with the method and headers asked for; anything not allowed gets no
 * CORS headers (so the browser blocks it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const PAGE = 'https://horizon.example.com';

describe('[cors]', () => {
  let plain: TestServer;
  let server: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
    server = await startTestServer({
      config: { cors: { allowed_origin: `${PAGE},https://other.example.com`, max_age: '600' } },
    });
  });
  afterAll(async () => {
    await plain?.close();
    await server?.close();
  });

  it('sends no CORS headers unless allowed_origin is set', async () => {
    const res = await fetch(`${plain.baseUrl}/v3`, { headers: { Origin: PAGE } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes an allowed origin on an actual request, with credentials and exposed headers', async () => {
    const res = await fetch(`${server.baseUrl}/v3/auth/tokens`, { headers: { Origin: PAGE } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'X-Auth-Token,X-Openstack-Request-Id,X-Subject-Token,Openstack-Auth-Receipt',
    );
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('vary')).toMatch(/X-Auth-Token/);
  });

  it('answers a preflight for an allowed origin, method and headers', async () => {
    const res = await fetch(`${server.baseUrl}/v3/auth/tokens`, {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-auth-token',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,x-auth-token');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives a disallowed origin, method or header no CORS headers', async () => {
    const evil = await fetch(`${server.baseUrl}/v3`, { headers: { Origin: 'https://evil.example.net' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const attempts: Record<string, string>[] = [
      { Origin: 'https://evil.example.net', 'Access-Control-Request-Method': 'GET' },
      { Origin: PAGE, 'Access-Control-Request-Method': 'TRACE' },
      { Origin: PAGE, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-not-allowed' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${server.baseUrl}/v3/users`, { method: 'OPTIONS', headers });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allow_credentials, expose_headers, allow_methods and allow_headers change what is answered', async () => {
    const narrow = await startTestServer({
      config: {
        cors: {
          allowed_origin: PAGE,
          allow_credentials: 'false',
          expose_headers: 'X-Openstack-Request-Id',
          allow_methods: 'GET',
          allow_headers: 'X-Auth-Token',
        },
      },
    });
    try {
      const actual = await fetch(`${narrow.baseUrl}/v3`, { headers: { Origin: PAGE } });
      expect(actual.headers.get('access-control-allow-origin')).toBe(PAGE);
      expect(actual.headers.get('access-control-allow-credentials')).toBeNull();
      expect(actual.headers.get('access-control-expose-headers')).toBe('X-Openstack-Request-Id');
      const preflight = (method: string, headers: string) =>
        fetch(`${narrow.baseUrl}/v3/users`, {
          method: 'OPTIONS',
          headers: { Origin: PAGE, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
        });
      expect((await preflight('GET', 'x-auth-token')).headers.get('access-control-allow-methods')).toBe('GET');
      expect((await preflight('POST', 'x-auth-token')).headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight('GET', 'x-subject-token')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await narrow.close();
    }
  });
});

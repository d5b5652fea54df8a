/**
 * Slow clients (issue #7): connections that trickle their headers or body, or that send nothing at all, are
 * cut off after [eventlet_server] headers_timeout / request_timeout / client_socket_timeout, and idle keep-alive
 * connections after keep_alive_timeout; meanwhile ordinary requests are answered. The servers here use limits
 * of a second or two, so nothing waits for the production defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/conf/index.ts';
import { serverTimeoutOptions } from '../../src/http/plugins/server-timeouts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { openIdleConnections, portOf, rawExchange } from './raw-http.ts';

/** Cut off: answered 408 with Keystone's body, or closed without a word. */
function expectCutOff(res: { status?: number; body?: any; text: string }): void {
  if (res.status === undefined) {
    expect(res.text).toBe('');
    return;
  }
  expect(res.status, res.text).toBe(408);
  expect(res.body?.error?.code).toBe(408);
}

describe('slow clients', () => {
  describe('with headers_timeout = 1, request_timeout = 2, keep_alive_timeout = 1', () => {
    let server: TestServer;
    let port: number;

    beforeAll(async () => {
      server = await startTestServer({
        config: { eventlet_server: { headers_timeout: '1', request_timeout: '2', keep_alive_timeout: '1' } },
      });
      port = portOf(server.baseUrl);
    });

    afterAll(async () => {
      await server?.close();
    });

    it('a slow-header client and 200 idle connections do not stop GET /v3 from being answered; all of them are cut off', async () => {
      const slowHeaders = rawExchange(port, (socket, every) => {
        socket.write('GET /v3 HTTP/1.1\r\nHost: x\r\n');
        let n = 0;
        every(300, () => socket.write(`X-Slow-${n++}: still here\r\n`));
      });
      const idle = await openIdleConnections(port, 200);

      const res = await fetch(`${server.baseUrl}/v3`);
      expect(res.status).toBe(200);
      expect((await res.json()).version.id).toBe('v3.14');

      expectCutOff(await slowHeaders);
      for (const closed of await Promise.all(idle.closed)) expectCutOff(closed);
    });

    it('a slow-body client is cut off with 408', async () => {
      const res = await rawExchange(port, (socket, every) => {
        socket.write(
          'POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"auth": ',
        );
        every(300, () => socket.write(' '));
      });
      expectCutOff(res);
      expect(res.status).toBe(408);
    });

    it('an idle keep-alive connection is closed after its answer and keep_alive_timeout', async () => {
      const res = await rawExchange(port, (socket) => socket.write('GET /v3 HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(res.status).toBe(200);
      expect(res.headers.connection).toBe('keep-alive');
      expect(res.headers['keep-alive']).toBe('timeout=1');
    });
  });

  describe('with client_socket_timeout = 1 and no header/request limits', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        config: { eventlet_server: { client_socket_timeout: '1', headers_timeout: '0', request_timeout: '0' } },
      });
    });

    afterAll(async () => {
      await server?.close();
    });

    it('a connection that goes silent mid-request is closed', async () => {
      const res = await rawExchange(portOf(server.baseUrl), (socket) =>
        socket.write(
          'POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{',
        ),
      );
      expectCutOff(res);
    });
  });

  it('the defaults bound every phase of a connection', () => {
    const options = serverTimeoutOptions(loadConfig({ env: {}, dataDir: '/unused' }).eventlet_server);
    expect(options).toEqual({
      connectionTimeout: 60_000,
      keepAliveTimeout: 72_000,
      requestTimeout: 60_000,
      http: { headersTimeout: 20_000, requestTimeout: 60_000, connectionsCheckingInterval: 5_000 },
    });
  });

  it('headers_timeout longer than request_timeout is a configuration error', () => {
    expect(() =>
      loadConfig({
        env: {},
        dataDir: '/unused',
        overrides: { eventlet_server: { headers_timeout: '30', request_timeout: '10' } },
      }),
    ).toThrow(ConfigError);
  });
});

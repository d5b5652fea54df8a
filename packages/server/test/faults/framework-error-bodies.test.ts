/**
 * Framework error bodies (issue #7): requests that fail before routing (a URL that does not decode, a request
 * line or headers over Node's size limit, an unknown method, a malformed request line, a request not received in
 * time) are answered with Keystone's {"error": {"code", "title", "message"}} body, not Fastify's or Node's own.
 * Sent over raw sockets, since no HTTP client sends these.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { portOf, rawExchange, sendRaw, type RawResponse } from './raw-http.ts';

function expectKeystoneErrorBody(res: RawResponse, status: number): void {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Number(res.headers['content-length'])).toBe(
    Buffer.byteLength(res.text.slice(res.text.indexOf('\r\n\r\n') + 4)),
  );
  expect(res.body).toEqual({ error: { code: status, title: expect.any(String), message: expect.any(String) } });
  expect(res.body.error.title).not.toBe('Error');
}

describe('framework error bodies', () => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    // Short limits so the 408s come quickly; the other cases do not wait for them.
    server = await startTestServer({ config: { eventlet_server: { headers_timeout: '1', request_timeout: '2' } } });
    port = portOf(server.baseUrl);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('bad URL encoding (/v3/users/%ff) → 400', async () => {
    const res = await sendRaw(port, 'GET /v3/users/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expectKeystoneErrorBody(res, 400);
  });

  it('a path longer than the header limit → 414', async () => {
    const res = await sendRaw(port, `GET /v3/users/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectKeystoneErrorBody(res, 414);
  });

  it('oversized headers → 431', async () => {
    const res = await sendRaw(port, `GET /v3 HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectKeystoneErrorBody(res, 431);
  });

  it('an unknown method → 400', async () => {
    const res = await sendRaw(port, 'FROB /v3 HTTP/1.1\r\nHost: x\r\n\r\n');
    expectKeystoneErrorBody(res, 400);
  });

  it('a malformed request line → 400', async () => {
    expectKeystoneErrorBody(await sendRaw(port, 'GARBAGE\r\n\r\n'), 400);
    expectKeystoneErrorBody(await sendRaw(port, 'GET /v3 HTTP/9.Z\r\nHost: x\r\n\r\n'), 400);
  });

  it('a malformed header line → 400', async () => {
    expectKeystoneErrorBody(await sendRaw(port, 'GET /v3 HTTP/1.1\r\nHost x\r\n\r\n'), 400);
  });

  it('headers not received in time → 408', async () => {
    const res = await rawExchange(port, (socket) => socket.write('GET /v3 HTTP/1.1\r\nHost: x\r\n'));
    expectKeystoneErrorBody(res, 408);
  });

  it('a body not received in time → 408', async () => {
    const res = await rawExchange(port, (socket) =>
      socket.write(
        `POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"auth"`,
      ),
    );
    expectKeystoneErrorBody(res, 408);
  });

  it('the server still answers ordinary requests afterwards', async () => {
    const res = await fetch(`${server.baseUrl}/v3`);
    expect(res.status).toBe(200);
  });
});

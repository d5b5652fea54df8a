/**
 * GET/HEAD /healthcheck as oslo.middleware's healthcheck answers it: 200 "OK" (HEAD 204) while the database
 * and the Fernet key repository work, 503 with the failed checks' reasons when one does not; JSON for
 * Accept: application/json, detailed only for loopback, the detail token, or `detailed` clients in range.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { DATABASES } from './api-client.ts';

interface HealthResponse {
  status: number;
  type: string;
  text: string;
}

async function probe(
  server: TestServer,
  options: { method?: string; accept?: string; headers?: Record<string, string>; path?: string } = {},
): Promise<HealthResponse> {
  const response = await fetch(`${server.baseUrl}${options.path ?? '/healthcheck'}`, {
    method: options.method ?? 'GET',
    headers: { ...(options.accept !== undefined ? { Accept: options.accept } : {}), ...options.headers },
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

const asJson = (server: TestServer, headers: Record<string, string> = {}) =>
  probe(server, { accept: 'application/json', headers });
/** Without [DEFAULT] enable_proxy_headers_parsing a proxied request's client is unknown: never loopback. */
const PROXIED = { 'X-Forwarded-For': '203.0.113.7' };

describe.each(DATABASES)('healthcheck on a healthy server (%s)', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, config: { healthcheck: { detail_token: 'probe-secret' } } });
  }, 120_000);
  afterAll(async () => server?.close());

  it('GET answers 200 "OK" as text/plain, at /healthcheck and /identity/healthcheck', async () => {
    for (const path of ['/healthcheck', '/identity/healthcheck']) {
      const res = await probe(server, { path });
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/plain/);
      expect(res.text).toBe('OK');
    }
  });

  it('HEAD answers 204 with no body; text/html and */* get the plain body', async () => {
    const head = await probe(server, { method: 'HEAD' });
    expect(head.status).toBe(204);
    expect(head.text).toBe('');
    expect((await probe(server, { accept: 'text/html' })).text).toBe('OK');
    expect((await probe(server, { accept: '*/*' })).text).toBe('OK');
  });

  it('gives loopback clients the detailed JSON: every check with its class, reason and details', async () => {
    const res = await asJson(server);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.text);
    expect(body.detailed).toBe(true);
    expect(body.node_version).toBe(process.version);
    expect(body.reasons.map((r: { class: string }) => r.class)).toEqual([
      'DatabaseHealthcheck',
      'FernetKeyRepositoryHealthcheck',
    ]);
    expect(body.reasons.every((r: { reason: string }) => r.reason === 'OK')).toBe(true);
    expect(body.reasons[1].details).toMatch(/^2 keys, primary key 1, last rotated \d+ s ago$/);
  });

  it("gives a client it cannot vouch for only oslo's plain JSON, unless it carries the detail token", async () => {
    expect(JSON.parse((await asJson(server, PROXIED)).text)).toEqual({ detailed: false, reasons: ['OK'] });
    expect(JSON.parse((await asJson(server, { ...PROXIED, 'X-Healthcheck-Token': 'wrong' })).text)).toEqual({
      detailed: false,
      reasons: ['OK'],
    });
    expect(
      JSON.parse((await asJson(server, { ...PROXIED, 'X-Healthcheck-Token': 'probe-secret' })).text).detailed,
    ).toBe(true);
  });

  it("other methods are 405 with Keystone's error body", async () => {
    const res = await probe(server, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.text).error.code).toBe(405);
  });
});

describe.each(DATABASES)('healthcheck when a dependency fails (%s)', (database) => {
  it('answers 503 "FERNET KEYS UNAVAILABLE" once the key files are gone, and 200 again when they are back', async () => {
    const server = await startTestServer({ database });
    try {
      const repository = server.container.conf.fernet_tokens.key_repository;
      const saved = readdirSync(repository).map((name) => ({
        name,
        text: readFileSync(join(repository, name), 'utf8'),
      }));
      for (const key of saved) rmSync(join(repository, key.name));

      const plain = await probe(server);
      expect(plain.status).toBe(503);
      expect(plain.text).toBe('FERNET KEYS UNAVAILABLE');
      expect((await probe(server, { method: 'HEAD' })).status).toBe(503);
      const detailed = JSON.parse((await asJson(server)).text);
      const keys = detailed.reasons.find((r: { class: string }) => r.class === 'FernetKeyRepositoryHealthcheck');
      expect(keys.reason).toBe('FERNET KEYS UNAVAILABLE');
      expect(keys.details).toMatch(/No Fernet keys/);
      expect(detailed.reasons.find((r: { class: string }) => r.class === 'DatabaseHealthcheck').reason).toBe('OK');
      expect(JSON.parse((await asJson(server, PROXIED)).text)).toEqual({
        detailed: false,
        reasons: ['FERNET KEYS UNAVAILABLE'],
      });

      for (const key of saved) writeFileSync(join(repository, key.name), key.text, { mode: 0o600 });
      expect((await probe(server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 503 "DATABASE UNAVAILABLE" once the database is closed', async () => {
    const server = await startTestServer({ database });
    try {
      await server.container.database.close();
      const plain = await probe(server);
      expect(plain.status).toBe(503);
      expect(plain.text).toBe('DATABASE UNAVAILABLE');
      const detailed = JSON.parse((await asJson(server)).text);
      const db = detailed.reasons.find((r: { class: string }) => r.class === 'DatabaseHealthcheck');
      expect(db.reason).toBe('DATABASE UNAVAILABLE');
      expect(db.details.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('healthcheck options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-healthcheck-'));
  const disableFile = join(dir, 'healthcheck_disable');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('disable_by_file_path: 503 "DISABLED BY FILE" while the file exists', async () => {
    const server = await startTestServer({
      config: { healthcheck: { backends: 'disable_by_file', disable_by_file_path: disableFile } },
    });
    try {
      expect((await probe(server)).status).toBe(200);
      writeFileSync(disableFile, '');
      const res = await probe(server);
      expect(res.status).toBe(503);
      expect(res.text).toBe('DISABLED BY FILE');
      expect(JSON.parse((await asJson(server)).text).reasons[0]).toEqual({
        class: 'DisableByFileHealthcheck',
        details: 'DISABLED BY FILE',
        reason: 'DISABLED BY FILE',
      });
      rmSync(disableFile);
      expect((await probe(server)).text).toBe('OK');
    } finally {
      await server.close();
    }
  });

  it('path moves the endpoint; ignore_proxied_requests leaves proxied probes unanswered (404)', async () => {
    const server = await startTestServer({
      config: { healthcheck: { path: '/status/health', ignore_proxied_requests: 'true' } },
    });
    try {
      expect((await probe(server, { path: '/status/health' })).text).toBe('OK');
      expect((await probe(server, { path: '/identity/status/health' })).text).toBe('OK');
      expect((await probe(server)).status).toBe(404);
      const proxied = await probe(server, { path: '/status/health', headers: PROXIED });
      expect(proxied.status).toBe(404);
      expect(JSON.parse(proxied.text).error.code).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('detailed + allowed_source_ranges: details for clients in range (forwarded address, proxy headers trusted)', async () => {
    const server = await startTestServer({
      config: {
        DEFAULT: { enable_proxy_headers_parsing: 'true' },
        healthcheck: { detailed: 'true', allowed_source_ranges: '10.0.0.0/8, 2001:db8::/32' },
      },
    });
    try {
      const detailedFor = async (client: string) =>
        JSON.parse((await asJson(server, { 'X-Forwarded-For': client })).text).detailed;
      expect(await detailedFor('10.20.30.40')).toBe(true);
      expect(await detailedFor('2001:db8::5')).toBe(true);
      expect(await detailedFor('192.0.2.1')).toBe(false);
      expect(await detailedFor('127.0.0.1')).toBe(true);
      // Everyone still gets the status itself.
      expect((await probe(server, { headers: { 'X-Forwarded-For': '192.0.2.1' } })).text).toBe('OK');
    } finally {
      await server.close();
    }
  });
});

/**
 * GET /metrics: Prometheus text from the server's own registry, scraped from loopback by default. The
 * counters must move with real work (tokens issued, validated, revoked; the token cache), and labels must
 * carry route patterns, never the ids or paths a client sent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, passwordAuth, uniq } from './api-client.ts';

async function scrape(
  server: TestServer,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${server.baseUrl}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The value of one sample, matched by name and exact label set; 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '')
      .split(/,(?=\w+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (have === wanted) return Number(match[3]);
  }
  return 0;
}

const DOCS = resolve(import.meta.dirname, '../../../../docs');
const POOL_METRICS = [
  'xloud_database_pool_connections',
  'xloud_database_pool_idle_connections',
  'xloud_database_pool_waiting_requests',
];

/** Metric families a scrape declares (# TYPE lines). */
function servedFamilies(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
}

/** Metric names the dashboard's and the alert rules' PromQL refer to (ours and the process metrics). */
function metricsUsedByDocs(): Set<string> {
  const text =
    readFileSync(`${DOCS}/grafana-dashboard.json`, 'utf8') + readFileSync(`${DOCS}/prometheus-alerts.yaml`, 'utf8');
  const names = [...text.matchAll(/\b((?:xloud|http|process|nodejs)_[a-z0-9_]+)\s*[{[(]/g)].map((m) => m[1]!);
  return new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')));
}

async function metricsText(server: TestServer): Promise<string> {
  const res = await scrape(server);
  expect(res.status).toBe(200);
  return res.text;
}

describe.each(DATABASES)('metrics (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
  }, 120_000);
  afterAll(async () => server?.close());

  it('serves Prometheus text to loopback, with the default process metrics', async () => {
    const res = await scrape(server);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(res.text).toMatch(/^# TYPE nodejs_heap_size_used_bytes gauge$/m);
    expect(res.text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
  });

  it("refuses a client it cannot vouch for (a proxied request) with Keystone's 403 body", async () => {
    const res = await scrape(server, { 'X-Forwarded-For': '203.0.113.7' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 403, title: 'Forbidden' });
  });

  it('counts tokens issued by method and result, validated by result, and revoked', async () => {
    const admin = await api.adminToken();
    const user = await api.createUser();
    const before = await metricsText(server);

    const issued = await api.issue(passwordAuth({ id: user.id }, user.password));
    expect(issued.status).toBe(201);
    expect((await api.issue(passwordAuth({ id: user.id }, 'wrong password'))).status).toBe(401);
    expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': issued.tokenId })).status).toBe(200);
    expect((await api.delete('/auth/tokens', admin, { 'X-Subject-Token': issued.tokenId })).status).toBe(204);
    expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': issued.tokenId })).status).toBe(404);
    expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': 'not-a-token' })).status).toBe(404);

    const after = await metricsText(server);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('xloud_tokens_issued_total', { method: 'password', result: 'success' })).toBe(1);
    expect(delta('xloud_tokens_issued_total', { method: 'password', result: 'failure' })).toBe(1);
    expect(delta('xloud_tokens_revoked_total', { by: 'token' })).toBe(1);
    expect(delta('xloud_tokens_validated_total', { result: 'revoked' })).toBe(1);
    expect(delta('xloud_tokens_validated_total', { result: 'malformed' })).toBe(1);
    // The subject token once, and the admin's X-Auth-Token on each of the five calls.
    expect(delta('xloud_tokens_validated_total', { result: 'valid' })).toBeGreaterThanOrEqual(6);
    expect(sample(after, 'xloud_revocation_events')).toBeGreaterThanOrEqual(1);
    expect(delta('http_requests_total', { route: '/v3/auth/tokens', method: 'POST', status: '201' })).toBe(1);
    expect(
      delta('http_request_duration_seconds_count', { route: '/v3/auth/tokens', method: 'DELETE', status: '204' }),
    ).toBe(1);
  });

  it('counts token cache hits and misses', async () => {
    const admin = await api.adminToken();
    const user = await api.createUser();
    const token = await api.token({ id: user.id }, user.password);
    const before = await metricsText(server);
    for (let i = 0; i < 3; i += 1)
      expect((await api.get('/auth/tokens', admin, { 'X-Subject-Token': token })).status).toBe(200);
    const after = await metricsText(server);
    const lookups = (result: string) =>
      sample(after, 'xloud_token_cache_requests_total', { result }) -
      sample(before, 'xloud_token_cache_requests_total', { result });
    // Six validations (three subject tokens, three X-Auth-Tokens), each a lookup; repeated ones are hits.
    expect(lookups('hit') + lookups('miss')).toBe(6);
    expect(lookups('hit')).toBeGreaterThanOrEqual(4);
  });

  it('labels carry route patterns only: no ids, no unknown paths', async () => {
    const admin = await api.adminToken();
    const user = await api.createUser();
    const junk = uniq('nosuchpath');
    expect((await api.get(`/users/${user.id}`, admin)).status).toBe(200);
    expect((await api.get(`//${junk}/${user.id}`, admin)).status).toBe(404);
    const text = await metricsText(server);
    expect(
      sample(text, 'http_requests_total', { route: '/v3/users/:user_id', method: 'GET', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_requests_total', { route: 'unmatched', method: 'GET', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(user.id);
    expect(text).not.toContain(junk);
    const labelValues = [...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => m[2]!);
    expect(labelValues.filter((value) => /[0-9a-f]{32}/.test(value))).toEqual([]);
  });

  it(database === 'postgres' ? 'reports the connection pool' : 'has no pool gauges on SQLite', async () => {
    const text = await metricsText(server);
    if (database === 'postgres') {
      expect(text).toMatch(/^xloud_database_pool_connections \d+$/m);
      expect(sample(text, 'xloud_database_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^xloud_database_pool_idle_connections \d+$/m);
      expect(text).toMatch(/^xloud_database_pool_waiting_requests \d+$/m);
    } else {
      expect(text).not.toContain('xloud_database_pool');
    }
  });

  it('docs/metrics.md documents every metric served; the dashboard and alert rules use only served ones', async () => {
    const served = servedFamilies(await metricsText(server));
    const documented = new Set(
      [...readFileSync(`${DOCS}/metrics.md`, 'utf8').matchAll(/^\| `((?:xloud|http)_[a-z0-9_]+)` \|/gm)].map(
        (m) => m[1]!,
      ),
    );
    expect(documented.size).toBe(15);
    expect(metricsUsedByDocs()).toContain('nodejs_eventloop_lag_p99_seconds');
    const ours = [...served].filter((name) => /^(xloud|http)_/.test(name));
    expect(ours.filter((name) => !documented.has(name))).toEqual([]);
    const expected =
      database === 'postgres' ? [...documented] : [...documented].filter((name) => !POOL_METRICS.includes(name));
    expect(expected.filter((name) => !served.has(name))).toEqual([]);
    const poolOnly = database === 'postgres' ? [] : POOL_METRICS;
    expect([...metricsUsedByDocs()].filter((name) => !served.has(name) && !poolOnly.includes(name))).toEqual([]);
  });

  it("reports the age of the key repository's last rotation", async () => {
    const age = sample(await metricsText(server), 'xloud_fernet_primary_key_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3600);
  });
});

describe('metrics configuration', () => {
  it('allowed_source_ranges admits scrapers by their (forwarded) address; each server counts only its own requests', async () => {
    const server = await startTestServer({
      config: { DEFAULT: { enable_proxy_headers_parsing: 'true' }, metrics: { allowed_source_ranges: '10.1.0.0/16' } },
    });
    const other = await startTestServer();
    try {
      expect((await scrape(server, { 'X-Forwarded-For': '10.1.2.3' })).status).toBe(200);
      expect((await scrape(server, { 'X-Forwarded-For': '10.2.0.1' })).status).toBe(403);
      for (let i = 0; i < 3; i += 1) await fetch(`${other.baseUrl}/healthcheck`);
      const mine = await metricsText(server);
      const theirs = await metricsText(other);
      expect(sample(mine, 'http_requests_total', { route: '/healthcheck', method: 'GET', status: '200' })).toBe(0);
      expect(sample(theirs, 'http_requests_total', { route: '/healthcheck', method: 'GET', status: '200' })).toBe(3);
    } finally {
      await server.close();
      await other.close();
    }
  });

  it('enabled = false: /metrics is 404', async () => {
    const server = await startTestServer({ config: { metrics: { enabled: 'false' } } });
    try {
      expect((await scrape(server)).status).toBe(404);
      expect(server.container.metrics).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('scrapes still work while the database is down (the revocation gauge is NaN)', async () => {
    const server = await startTestServer();
    try {
      await server.container.database.close();
      expect((await fetch(`${server.baseUrl}/healthcheck`)).status).toBe(503);
      const text = await metricsText(server);
      // prom-client spells it "Nan"; Prometheus reads NaN in any case.
      expect(text).toMatch(/^xloud_revocation_events nan$/im);
      expect(sample(text, 'http_requests_total', { route: '/healthcheck', method: 'GET', status: '503' })).toBe(1);
    } finally {
      await server.close();
    }
  });
});

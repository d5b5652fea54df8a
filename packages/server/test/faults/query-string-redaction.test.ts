/**
 * Query-string redaction (issue #7): request logging used to write URLs verbatim, so a secret a client put in
 * the query string (?password=…, ?X-Auth-Token=…) ended up in the log. A started app with logging on is asked
 * such URLs; the captured log lines show the parameters with their values replaced and never the secrets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer, type Container } from '../../src/container.ts';
import { redactUrl, REDACTED } from '../../src/http/plugins/log-redaction.ts';
import { ensureFernetKeys } from '../../src/manage/first-run.ts';

describe('query-string redaction in request logs', () => {
  const lines: string[] = [];
  let dataDir: string;
  let container: Container;
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xloud-redaction-'));
    const conf = loadConfig({
      dataDir,
      env: {},
      overrides: { database: { connection: `sqlite:///${join(dataDir, 'keystone.db')}` } },
    });
    ensureFernetKeys(conf);
    container = await buildContainer(conf, { migrate: true });
    app = await buildApp(container, { logger: true, logStream: { write: (line) => lines.push(line) } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await container?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const loggedUrls = () =>
    lines
      .map((line) => JSON.parse(line) as { path?: string })
      .flatMap((entry) => (entry.path === undefined ? [] : [entry.path]));

  it('secret-bearing parameters are logged without their values; the rest of the URL as sent', async () => {
    const secrets = [
      'hunter2-pw',
      'totp-123456',
      'sekrit-value',
      'gAAAAAtoken',
      'gAAAAAheader',
      'AKIA-access-key',
      'base64sig',
    ];
    const query =
      `password=${secrets[0]}&passcode=${secrets[1]}&client_secret=${secrets[2]}&token=${secrets[3]}` +
      `&X-Auth-Token=${secrets[4]}&access%5Fkey=${secrets[5]}&Signature=${secrets[6]}&name=alice&enabled`;
    const res = await fetch(`${baseUrl}/v3?${query}`);
    expect(res.status).toBe(200);

    const all = lines.join('');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(loggedOnce(loggedUrls(), '/v3?')).toBe(
      `/v3?password=${REDACTED}&passcode=${REDACTED}&client_secret=${REDACTED}&token=${REDACTED}` +
        `&X-Auth-Token=${REDACTED}&access%5Fkey=${REDACTED}&Signature=${REDACTED}&name=alice&enabled`,
    );
  });

  it('also on requests that fail (401) and on URLs without secrets', async () => {
    const res = await fetch(`${baseUrl}/v3/auth/tokens?nocatalog&subject_token=fernet-secret-xyz`);
    expect(res.status).toBe(401);
    expect(lines.join('')).not.toContain('fernet-secret-xyz');
    expect(loggedOnce(loggedUrls(), '/v3/auth/tokens?')).toBe(`/v3/auth/tokens?nocatalog&subject_token=${REDACTED}`);
    await fetch(`${baseUrl}/v3/users?name=bob&domain_id=default`);
    expect(loggedUrls()).toContain('/v3/users?name=bob&domain_id=default');
  });

  it('redactUrl leaves URLs without a query alone and copes with undecodable names', () => {
    expect(redactUrl('/v3/users/abc')).toBe('/v3/users/abc');
    expect(redactUrl('/v3?%ff=1&pass%ZZ=2&a=b=c')).toBe(`/v3?%ff=1&pass%ZZ=${REDACTED}&a=b=c`);
  });
});

/** The one logged URL starting with `prefix` (one line per request, on its answer). */
function loggedOnce(urls: string[], prefix: string): string | undefined {
  const matching = urls.filter((url) => url.startsWith(prefix));
  expect(matching).toHaveLength(1);
  return matching[0];
}

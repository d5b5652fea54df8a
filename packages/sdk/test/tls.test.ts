import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectionError, HttpTransport, loadCloudConfig, sessionFromConfig } from '../src/index.ts';

/** OS_CACERT / OS_INSECURE against an HTTPS server with a self-signed certificate (needs the openssl binary). */
describe('TLS settings', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    if (!existsSync('/usr/bin/openssl'))
      throw new Error('the openssl binary is needed to make a test certificate: apt-get install openssl');
    dir = mkdtempSync(join(tmpdir(), 'xloud-sdk-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => {
        res.writeHead(300, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({
            versions: { values: [{ id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: `${url}/v3/` }] }] },
          }),
        );
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server?.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('an untrusted certificate is ERR_CONNECTION and not retried', async () => {
    const events: string[] = [];
    const err = await new HttpTransport({ retries: 2, debug: (e) => events.push(e.type) })
      .send({ method: 'GET', url })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(events).not.toContain('retry');
  });

  test('OS_CACERT trusts the certificate; OS_INSECURE skips verification', async () => {
    for (const extra of [{ OS_CACERT: join(dir, 'cert.pem') }, { OS_INSECURE: 'true' }]) {
      const config = loadCloudConfig({ env: { OS_AUTH_URL: url, OS_TOKEN: 't', ...extra }, searchPath: [] });
      const session = sessionFromConfig(config);
      expect(await session.auth.getIdentityUrl(session.http)).toBe(`${url}/v3`);
    }
  });

  test('a missing CA file is a clear ERR_CONFIG', () => {
    const config = loadCloudConfig({
      env: { OS_AUTH_URL: url, OS_TOKEN: 't', OS_CACERT: join(dir, 'missing.pem') },
      searchPath: [],
    });
    expect(() => sessionFromConfig(config)).toThrow(/Cannot read CA bundle/);
  });
});

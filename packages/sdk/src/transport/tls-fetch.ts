import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ConfigError } from '../errors.ts';
import type { FetchLike, TlsOptions } from './http.ts';

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new ConfigError(`Cannot read ${what} ${path}: ${(cause as Error).message}`, { file: path, cause });
  }
}

/**
 * A `fetch` built on `node:https` so a custom CA, `insecure` or a client certificate can apply to this client only
 * (Node's global fetch reads CAs from `NODE_EXTRA_CA_CERTS` at start-up only). Plain-HTTP URLs use `node:http`.
 * It is the Node entry's transport for every request, with or without TLS settings: unlike Node's global fetch it
 * reaches servers on every port, including the WHATWG "bad ports" (5060, 6000, 6665–6669, …).
 *
 * @example
 * ```ts
 * const session = new Session({ auth, fetch: createTlsFetch({ cacert: '/etc/ssl/private-ca.pem' }) });
 * ```
 */
export function createTlsFetch(tls: TlsOptions): FetchLike {
  const ca = tls.cacert ? readPem(tls.cacert, 'CA bundle') : undefined;
  const cert = tls.cert ? readPem(tls.cert, 'client certificate') : undefined;
  const key = tls.key ? readPem(tls.key, 'client key') : undefined;
  return (url, init) =>
    new Promise<Response>((resolvePromise, reject) => {
      const target = new URL(url);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => {
        headers[k] = v;
      });
      const body = init.body === undefined || init.body === null ? undefined : String(init.body);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const options = { method: init.method ?? 'GET', headers };
      const req =
        target.protocol === 'https:'
          ? httpsRequest(target, { ...options, ca, cert, key, rejectUnauthorized: !tls.insecure })
          : httpRequest(target, options);
      const signal = init.signal;
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        // Same shape as undici's failures, so one error mapper serves both transports.
        reject(
          err.name === 'TimeoutError' || err.name === 'AbortError'
            ? err
            : Object.assign(new TypeError('fetch failed'), { cause: err }),
        );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(Object.assign(new TypeError('fetch failed'), { cause: err })));
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) responseHeaders.append(k, x);
            else if (v !== undefined) responseHeaders.set(k, v);
          }
          const noBody = status === 204 || status === 205 || status === 304 || options.method === 'HEAD';
          resolvePromise(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
}

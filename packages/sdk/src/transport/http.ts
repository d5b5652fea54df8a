import { maskBody, maskHeaders, type DebugHook } from '../debug.ts';
import { ConfigError, ConnectionError, errorFromResponse, InvalidResponseError, TimeoutError } from '../errors.ts';
import { SDK_VERSION } from '../version.ts';
import { retryAfterMs } from './retry-after.ts';

/**
 * TLS settings Node's global `fetch` cannot take per request (OS_CACERT, OS_INSECURE, OS_CERT/OS_KEY). Node only:
 * in a browser the browser's own certificate store applies.
 *
 * @example
 * ```ts
 * createTlsFetch({ cacert: '/etc/ssl/certs/private-ca.pem', cert: '/etc/xloud/client.pem', key: '/etc/xloud/client.key' });
 * ```
 */
export interface TlsOptions {
  /** Path to a PEM bundle of trusted CAs. */
  cacert?: string;
  /** Skip certificate verification (like `--insecure`). */
  insecure?: boolean;
  /** Client certificate and key (PEM paths). */
  cert?: string;
  key?: string;
}

/**
 * A `fetch`-compatible function.
 *
 * @example
 * ```ts
 * const logged: FetchLike = (url, init) => { console.log(init.method, url); return fetch(url, init); };
 * new Session({ auth, fetch: logged });
 * ```
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * What only the Node entry can provide, plugged in by `./node.ts` (imported by `src/index.ts` and the middleware
 * entry): a fetch on node:http/node:https honouring per-client TLS settings, and the runtime's name for the user
 * agent. Node's global fetch (undici) is not used there because it refuses the ports of the WHATWG "bad ports" list
 * (5060, 6000, 6665–6669, …) with "bad port", and an identity server may listen on any of them. The browser entry
 * never loads `./node.ts`, so nothing in its import graph touches a Node module, and it keeps the browser's fetch.
 */
interface Platform {
  runtime?: string;
  nodeFetch?: (tls: TlsOptions) => FetchLike;
}
const platform: Platform = {};

/** Plugs in the Node-only parts (see {@link Platform}); called once by `./node.ts`. Not part of the public API. */
export function setPlatform(p: Platform): void {
  Object.assign(platform, p);
}

/**
 * Transport settings shared by a Session and its auth plugins.
 *
 * @example
 * ```ts
 * new Session({ auth, timeout: 10_000, retries: 3, retryDelay: 250, userAgent: 'my-tool/1.0' } satisfies SessionOptions);
 * ```
 */
export interface TransportOptions extends TlsOptions {
  /** Per-request timeout in milliseconds (default 60 000). */
  timeout?: number;
  /** Retries after a connection error, for idempotent requests only (default 2). */
  retries?: number;
  /** First back-off delay in ms, doubled per retry, capped at 10 s (default 500). */
  retryDelay?: number;
  /**
   * Retries after a response whose status is in `retriableStatusCodes`, for any method (keystoneauth's
   * `status_code_retries`). Default 1, where keystoneauth's is 0: an Xloud Identity server answers 503 with
   * Retry-After when its password-hashing queue is full or its database is unavailable, before doing any work, so
   * one retry turns a passing overload into a success; set 0 to fail at once.
   */
  statusRetries?: number;
  /** The statuses `statusRetries` applies to (default `[503]`). */
  retriableStatusCodes?: readonly number[];
  /** Prepended to the SDK's own user agent, e.g. `xloud-cli/0.1.0`. */
  userAgent?: string;
  /** Receives masked request/response events. */
  debug?: DebugHook;
  /** Replaces the global fetch (tests, proxies). Takes precedence over TLS options. */
  fetch?: FetchLike;
}

/**
 * One HTTP request as the transport sends it.
 *
 * @example
 * ```ts
 * await new HttpTransport().send({ method: 'GET', url: 'http://k:5000/v3', headers: { Accept: 'application/json' } });
 * ```
 */
export interface TransportRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A JSON-serialisable value (sent as JSON) or a string. */
  body?: unknown;
  /** Allow retries after connection errors (default: GET, HEAD, PUT, DELETE, OPTIONS). */
  idempotent?: boolean;
  timeout?: number;
  signal?: AbortSignal;
}

/**
 * A response whose body has been read.
 *
 * @example
 * ```ts
 * const res: TransportResponse = await http.send({ method: 'GET', url });
 * console.log(res.status, res.requestId, res.text.length);
 * ```
 */
export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
  method: string;
  requestId?: string;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** No wait between attempts, whether asked for by Retry-After or backed off, is longer than this. */
const MAX_RETRY_DELAY_MS = 10_000;
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The SDK's default user agent: `xloud-sdk/<version> node/<version>` (without the runtime part in a browser).
 *
 * @example
 * ```ts
 * defaultUserAgent('xloud-cli/0.1.0'); // 'xloud-cli/0.1.0 xloud-sdk/0.1.0 node/v20.…'
 * ```
 */
export function defaultUserAgent(prefix?: string): string {
  const own = platform.runtime ? `xloud-sdk/${SDK_VERSION} ${platform.runtime}` : `xloud-sdk/${SDK_VERSION}`;
  return prefix ? `${prefix} ${own}` : own;
}

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const CERTIFICATE_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)|CERT_|ERR_TLS_CERT_ALTNAME)/;

function causeMessage(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof AggregateError && cause.errors.length > 0) return String((cause.errors[0] as Error).message);
  const message = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
  // OpenSSL's own text (`write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…`)
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1];
  if (openssl)
    return `SSL error: ${openssl}${/wrong version number/.test(openssl) ? ' (is it an http:// URL given as https://?)' : ''}`;
  const code = causeCode(err);
  if (code && CERTIFICATE_CODES.test(code))
    return `SSL error: ${message} (trust its CA with cacert / OS_CACERT, or skip verification with insecure / OS_INSECURE)`;
  return message;
}

/**
 * Sends HTTP requests with timeouts, connection-error retries (idempotent requests only), a user agent, masked debug
 * events, and Keystone error mapping. Knows nothing about tokens; `Session` adds those.
 *
 * @example
 * ```ts
 * const http = new HttpTransport({ timeout: 10_000 });
 * const res = await http.send({ method: 'GET', url: 'http://127.0.0.1:5000/v3' });
 * ```
 */
export class HttpTransport {
  readonly timeout: number;
  readonly retries: number;
  readonly retryDelay: number;
  readonly statusRetries: number;
  readonly retriableStatusCodes: readonly number[];
  readonly userAgent: string;
  readonly debug?: DebugHook;
  private readonly fetchImpl: FetchLike;

  constructor(options: TransportOptions = {}) {
    this.timeout = options.timeout ?? 60_000;
    this.retries = options.retries ?? 2;
    this.retryDelay = options.retryDelay ?? 500;
    this.statusRetries = options.statusRetries ?? 1;
    this.retriableStatusCodes = options.retriableStatusCodes ?? [503];
    this.userAgent = defaultUserAgent(options.userAgent);
    this.debug = options.debug;
    const tls = options.cacert || options.insecure || options.cert || options.key;
    if (options.fetch) this.fetchImpl = options.fetch;
    else if (platform.nodeFetch) this.fetchImpl = platform.nodeFetch(options);
    else if (!tls) this.fetchImpl = (url, init) => fetch(url, init);
    else
      throw new ConfigError(
        "cacert, insecure, cert and key need Node.js (import @xloud/sdk); in a browser the browser's own certificate store applies.",
      );
  }

  /**
   * Sends a request and reads the response, whatever its status.
   *
   * @throws {ConnectionError} when the server cannot be reached (after retries, if idempotent).
   * @throws {TimeoutError} when no complete response arrives within the timeout.
   */
  async send(req: TransportRequest): Promise<TransportResponse> {
    const method = req.method.toUpperCase();
    try {
      new URL(req.url);
    } catch (cause) {
      throw new ConfigError(`Invalid URL '${req.url}': check auth_url / endpoint settings.`, { cause });
    }
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.userAgent,
      ...req.headers,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const idempotent = req.idempotent ?? IDEMPOTENT.has(method);
    const maxAttempts = 1 + (idempotent ? Math.max(0, this.retries) : 0);
    const backOff = (retry: number) => Math.min(this.retryDelay * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
    /** Reports the retry to the debug hook, then waits (ends early, rejecting, when the request is aborted). */
    const waitToRetry = (attempt: number, delayMs: number, error: string) => {
      this.debug?.({ type: 'retry', method, url: req.url, attempt: attempt + 1, delayMs, error });
      return sleep(delayMs, req.signal);
    };
    let connectionRetries = 0;
    let statusRetries = 0;
    for (let attempt = 1; ; attempt++) {
      this.debug?.({
        type: 'request',
        method,
        url: req.url,
        headers: maskHeaders(headers),
        body: body && maskBody(body),
        attempt,
      });
      const started = Date.now();
      const timeoutMs = req.timeout ?? this.timeout;
      const timeoutSignal = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeoutSignal]) : timeoutSignal;
      try {
        const res = await this.fetchImpl(req.url, { method, headers, body, signal, redirect: 'manual' });
        const text = method === 'HEAD' ? '' : await res.text();
        const requestId =
          res.headers.get('x-openstack-request-id') ?? res.headers.get('x-compute-request-id') ?? undefined;
        this.debug?.({
          type: 'response',
          method,
          url: req.url,
          status: res.status,
          headers: maskHeaders(res.headers),
          body: text ? maskBody(text) : undefined,
          durationMs: Date.now() - started,
          requestId,
        });
        if (statusRetries < this.statusRetries && this.retriableStatusCodes.includes(res.status)) {
          statusRetries += 1;
          const asked = retryAfterMs(res.headers.get('retry-after'));
          const delayMs = Math.min(asked ?? backOff(statusRetries), MAX_RETRY_DELAY_MS);
          const retryAfter = asked === undefined ? '' : ` (Retry-After: ${res.headers.get('retry-after')})`;
          await waitToRetry(attempt, delayMs, `HTTP ${res.status}${retryAfter}`);
          continue;
        }
        return { status: res.status, headers: res.headers, text, url: req.url, method, requestId };
      } catch (err) {
        if (req.signal?.aborted) throw req.signal.reason;
        if (timeoutSignal.aborted || (err as Error)?.name === 'TimeoutError') {
          throw new TimeoutError(`Request to ${req.url} timed out after ${timeoutMs} ms (${method}).`, {
            method,
            url: req.url,
            cause: err,
          });
        }
        const code = causeCode(err);
        const retryable = code === undefined || RETRYABLE_CODES.has(code);
        if (connectionRetries + 1 < maxAttempts && retryable) {
          connectionRetries += 1;
          await waitToRetry(attempt, backOff(connectionRetries), causeMessage(err));
          continue;
        }
        throw new ConnectionError(`Unable to establish connection to ${req.url}: ${causeMessage(err)}`, {
          method,
          url: req.url,
          cause: err,
        });
      }
    }
  }

  /**
   * Sends a request; a non-2xx (or non-3xx when `allow3xx`) status becomes the matching error class; a JSON body is
   * parsed.
   *
   * @throws {HttpErrorBase} subclasses for HTTP errors, plus `send`'s errors.
   */
  async json<T = unknown>(
    req: TransportRequest,
    opts: { allow3xx?: boolean } = {},
  ): Promise<{ status: number; headers: Headers; body: T; requestId?: string }> {
    const res = await this.send(req);
    const ok = res.status >= 200 && res.status < (opts.allow3xx ? 400 : 300);
    if (!ok)
      throw errorFromResponse({
        status: res.status,
        bodyText: res.text,
        requestId: res.requestId,
        method: res.method,
        url: res.url,
      });
    return { status: res.status, headers: res.headers, body: parseJsonBody<T>(res), requestId: res.requestId };
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Parses a response body as JSON (undefined when empty).
 *
 * @throws {InvalidResponseError} if the body is not JSON.
 */
export function parseJsonBody<T>(res: TransportResponse): T {
  if (!res.text.trim()) return undefined as T;
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw new InvalidResponseError(
      `Expected JSON from ${res.method} ${res.url} (HTTP ${res.status}), got: ${res.text.slice(0, 120)}`,
      res.status,
      res.url,
    );
  }
}

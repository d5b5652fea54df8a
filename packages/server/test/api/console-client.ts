/**
 * A browser stand-in for the console tests: keeps the session cookie as a browser would (honouring
 * Set-Cookie clears), sends the CSRF token when asked, and can open the sealed cookie with the server's
 * keys to learn the Keystone token the page itself must never see.
 */
import { request as httpRequest } from 'node:http';
import { systemClock } from '../../src/clock.ts';
import { COOKIE_NAME } from '../../src/http/console/session-cookie.ts';
import { SessionSealer, type ConsoleSession } from '../../src/http/console/session-seal.ts';
import type { TestServer } from '../helpers/test-server.ts';

export interface ConsoleResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
  /** The Set-Cookie lines of this response. */
  setCookies: string[];
}

export interface ConsoleRequest {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send X-CSRF-Token: the last session's csrf_token (default for state-changing calls), or this value. */
  csrf?: boolean | string;
}

export class ConsoleBrowser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly server: TestServer) {}

  get origin(): string {
    return this.server.baseUrl;
  }

  async request(method: string, path: string, opts: ConsoleRequest = {}): Promise<ConsoleResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (this.cookie !== undefined) headers.Cookie = `${COOKIE_NAME}=${this.cookie}`;
    const stateChanging = !['GET', 'HEAD'].includes(method);
    const csrf = opts.csrf ?? stateChanging;
    if (typeof csrf === 'string') headers['X-CSRF-Token'] = csrf;
    else if (csrf && this.csrf !== undefined) headers['X-CSRF-Token'] = this.csrf;
    let body: string | undefined = opts.rawBody;
    if (body === undefined && opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.server.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      if (!pair?.startsWith(`${COOKIE_NAME}=`)) continue;
      const value = pair.slice(COOKIE_NAME.length + 1);
      const cleared = value === '' || attributes.some((a) => /^max-age=0$/i.test(a));
      this.cookie = cleared ? undefined : value;
    }
    if (parsed?.session?.csrf_token) this.csrf = parsed.session.csrf_token;
    return { status: res.status, headers: res.headers, body: parsed, text, setCookies };
  }

  signIn(auth: unknown, headers: Record<string, string> = { Origin: this.origin }) {
    return this.request('POST', '/dashboard/api/session', { body: { auth }, headers });
  }

  /** The sealed session, opened with the server's own key repository (what only the server can do). */
  opened(): ConsoleSession | undefined {
    if (this.cookie === undefined) return undefined;
    return new SessionSealer(this.server.container.conf.fernet_tokens.key_repository, systemClock).open(this.cookie);
  }
}

export function passwordAuthBody(
  user: { id: string } | { name: string; domain: { id: string } },
  password: string,
  scope?: unknown,
) {
  return {
    identity: { methods: ['password'], password: { user: { ...user, password } } },
    ...(scope !== undefined ? { scope } : {}),
  };
}

/** A GET sent byte for byte (fetch would resolve dot segments before sending). */
export function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

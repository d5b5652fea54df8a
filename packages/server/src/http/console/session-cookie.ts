import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { ConsoleSession, SessionSealer } from './session-seal.ts';

export const COOKIE_NAME = 'xloud_console';
/**
 * The auth receipt between a sign-in answered "second factor required" and the passcode that completes it. It is
 * Keystone's receipt (encrypted and authenticated by the receipt keys, for one user, a few minutes) and the user's
 * id; HttpOnly and sent to the passcode step only, so page JavaScript never holds it.
 */
export const RECEIPT_COOKIE_NAME = 'xloud_console_receipt';
const RECEIPT_COOKIE_PATH = '/dashboard/api/session/passcode';

export interface PendingReceipt {
  receipt: string;
  userId: string;
}
/** The cookie only ever travels to the session endpoints and the proxy, never to static files. */
const COOKIE_PATH = '/dashboard/api';

/** Re-sealing on every proxied call would send a Set-Cookie per response; at most this often is enough. */
const MAX_TOUCH_INTERVAL_MS = 30_000;

export type SessionLookup =
  | { state: 'active'; session: ConsoleSession }
  | { state: 'none' }
  | { state: 'invalid' }
  | { state: 'expired' }
  | { state: 'idle' };

/** Reads, writes and ends the console session cookie; knows the idle timeout. */
export class SessionCookies {
  private readonly idleMs: number;
  private readonly touchIntervalMs: number;

  constructor(
    private readonly sealer: SessionSealer,
    private readonly clock: Clock,
    /** `[dashboard] idle_timeout`; 0 = none. */
    readonly idleTimeoutSeconds: number,
  ) {
    this.idleMs = idleTimeoutSeconds * 1000;
    // A tenth of the idle timeout keeps short timeouts accurate: a session is never ended more than that early.
    this.touchIntervalMs = this.idleMs > 0 ? Math.min(MAX_TOUCH_INTERVAL_MS, this.idleMs / 10) : MAX_TOUCH_INTERVAL_MS;
  }

  newCsrfToken(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The request's session; an idle one is reported as such (its cookie still needs clearing). */
  read(request: FastifyRequest): SessionLookup {
    const value = request.cookies[COOKIE_NAME];
    if (value === undefined || value === '') return { state: 'none' };
    const session = this.sealer.open(value);
    if (!session) return { state: 'invalid' };
    if (this.now() >= session.expiresAt) return { state: 'expired' };
    if (this.idleMs > 0 && this.now() - session.lastActivity >= this.idleMs) return { state: 'idle' };
    return { state: 'active', session };
  }

  /** When an idle session ends; null without an idle timeout. */
  idleExpiresAt(session: ConsoleSession): string | null {
    return this.idleMs > 0 ? new Date(session.lastActivity + this.idleMs).toISOString() : null;
  }

  /** Starts or replaces the session (sign-in, rescope). */
  write(request: FastifyRequest, reply: FastifyReply, session: ConsoleSession): void {
    // The cookie is useless once the token has expired; the browser drops it then.
    reply.setCookie(COOKIE_NAME, this.sealer.seal(session), {
      ...this.attributes(request),
      expires: new Date(session.expiresAt),
    });
  }

  /**
   * Records activity. Returns the session as it now stands; the cookie is only re-sealed when the last
   * recorded activity is older than the touch interval.
   */
  touch(request: FastifyRequest, reply: FastifyReply, session: ConsoleSession): ConsoleSession {
    const now = this.now();
    if (now - session.lastActivity < this.touchIntervalMs) return session;
    const touched = { ...session, lastActivity: now };
    this.write(request, reply, touched);
    return touched;
  }

  /** Keeps a receipt for the passcode step, until the receipt itself expires. */
  writeReceipt(request: FastifyRequest, reply: FastifyReply, pending: PendingReceipt, expiresAt: Date): void {
    reply.setCookie(RECEIPT_COOKIE_NAME, `${pending.userId}.${pending.receipt}`, {
      ...this.attributes(request),
      path: RECEIPT_COOKIE_PATH,
      expires: expiresAt,
    });
  }

  readReceipt(request: FastifyRequest): PendingReceipt | undefined {
    const value = request.cookies[RECEIPT_COOKIE_NAME];
    const match = value === undefined ? null : /^([^.]{1,64})\.([\w-]{1,1024}=*)$/.exec(value);
    return match ? { userId: match[1]!, receipt: match[2]! } : undefined;
  }

  clearReceipt(request: FastifyRequest, reply: FastifyReply): void {
    reply.setCookie(RECEIPT_COOKIE_NAME, '', {
      ...this.attributes(request),
      path: RECEIPT_COOKIE_PATH,
      maxAge: 0,
      expires: new Date(0),
    });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    reply.setCookie(COOKIE_NAME, '', { ...this.attributes(request), maxAge: 0, expires: new Date(0) });
  }

  /** X-CSRF-Token compared in constant time. */
  csrfMatches(request: FastifyRequest, session: ConsoleSession): boolean {
    const header = request.headers['x-csrf-token'];
    const given = Array.isArray(header) ? header[0] : header;
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(session.csrf);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private attributes(request: FastifyRequest) {
    return {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: request.protocol === 'https',
    };
  }
}

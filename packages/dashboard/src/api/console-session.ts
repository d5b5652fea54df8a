import type { TokenData } from '@xloud/sdk/browser';

/**
 * The console's backend-for-frontend session calls (docs/console.md). The Keystone token stays in an HttpOnly
 * cookie; page JavaScript only ever sees the token's body and a CSRF token.
 */
export interface ConsoleSession {
  csrf_token: string;
  expires_at: string;
  idle_expires_at: string | null;
  idle_timeout: number;
  token: TokenData;
}

/** A refusal of the session API, with Keystone's error message. */
export class SessionApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The password was right but a second factor is needed (the server keeps the receipt in its own cookie). */
    readonly secondFactor = false,
  ) {
    super(message);
    this.name = 'SessionApiError';
  }
}

export const SESSION_BASE = '/dashboard/api';

let csrfToken = '';

/** The CSRF header every state-changing console API call carries. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${SESSION_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...csrfHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new SessionApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    let message = response.statusText;
    let secondFactor = false;
    try {
      const parsed = (await response.json()) as { error?: { message?: string }; receipt?: unknown };
      message = parsed.error?.message ?? message;
      secondFactor = response.status === 401 && parsed.receipt !== undefined;
    } catch {
      // not JSON: keep the status text
    }
    throw new SessionApiError(response.status, message, secondFactor);
  }
  return response;
}

function remember(session: ConsoleSession): ConsoleSession {
  csrfToken = session.csrf_token;
  return session;
}

/** The current session, or null when there is none (the server answers 200 with session null and why). */
export async function fetchSession(): Promise<ConsoleSession | null> {
  const response = await call('GET', '/session');
  const body = (await response.json()) as { session: ConsoleSession | null };
  if (!body.session) {
    csrfToken = '';
    return null;
  }
  return remember(body.session);
}

/** Signs in with a v3 `auth` object (the same body as POST /v3/auth/tokens). */
export async function createSession(auth: unknown): Promise<ConsoleSession> {
  const response = await call('POST', '/session', { auth });
  return remember(((await response.json()) as { session: ConsoleSession }).session);
}

/**
 * Completes a sign-in that needs a second factor: a TOTP code or a recovery code, with the receipt the server
 * kept in its HttpOnly cookie after the password step.
 */
export async function completeSessionWithPasscode(passcode: string, scope?: unknown): Promise<ConsoleSession> {
  const response = await call('POST', '/session/passcode', scope === undefined ? { passcode } : { passcode, scope });
  return remember(((await response.json()) as { session: ConsoleSession }).session);
}

/** Re-scopes the session's token with the token method. */
export async function rescopeSession(scope: unknown): Promise<ConsoleSession> {
  const response = await call('PUT', '/session/scope', { scope });
  return remember(((await response.json()) as { session: ConsoleSession }).session);
}

/** Signs out: the server revokes the token and clears the cookie. */
export async function deleteSession(): Promise<void> {
  try {
    await call('DELETE', '/session');
  } finally {
    csrfToken = '';
  }
}

/** Changes an expired password; Keystone needs no token for this call. */
export async function changeExpiredPassword(userId: string, originalPassword: string, password: string): Promise<void> {
  await call('POST', `/v3/users/${encodeURIComponent(userId)}/password`, {
    user: { original_password: originalPassword, password },
  });
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  completeSessionWithPasscode,
  createSession,
  deleteSession,
  fetchSession,
  rescopeSession,
  type ConsoleSession,
} from '../api/console-session.ts';
import { onSessionLost } from '../api/identity.ts';

/** Why the session ended; the sign-in page explains it (`/login?reason=...`). */
export type SessionEndReason = 'expired' | 'idle' | 'password-changed' | 'signed-out-everywhere';

/**
 * Where a page behind sign-in goes once the session is gone: sign-in, saying why, and back here afterwards
 * (except after signing out on purpose).
 */
export function signInPath(reason: SessionEndReason | 'signed-out' | undefined, next: string): string {
  if (reason === 'signed-out') return '/login?reason=signed-out';
  return `/login?${reason ? `reason=${reason}&` : ''}next=${encodeURIComponent(next)}`;
}

export interface SessionState {
  /** undefined while the first check runs; null when signed out. */
  session: ConsoleSession | null | undefined;
  signIn(auth: unknown): Promise<ConsoleSession>;
  /** The second step of a sign-in that needs a second factor. */
  signInWithPasscode(passcode: string, scope?: unknown): Promise<ConsoleSession>;
  signOut(): Promise<void>;
  rescope(scope: unknown): Promise<ConsoleSession>;
  /** The session is over (the server said so, or the user ended it): go to sign-in and come back here afterwards. */
  expire(reason?: SessionEndReason): void;
  /** Why the last session ended, for RequireSession's redirect to sign-in. */
  endReason?: SessionEndReason | 'signed-out';
}

const SessionContext = createContext<SessionState | null>(null);
const SESSION_QUERY_KEY = ['console-session'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [endReason, setEndReason] = useState<SessionEndReason | 'signed-out'>();
  const { data } = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });

  const adopt = useCallback(
    (session: ConsoleSession | null) => {
      // Everything cached belongs to the previous token's scope.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
    },
    [queryClient],
  );

  // No navigation here: RequireSession redirects once the empty session has rendered (see signInPath). Navigating
  // first would land on the sign-in page while it still sees the old session, and it would send the user back.
  const expire = useCallback(
    (reason: SessionEndReason = 'expired') => {
      setEndReason(reason);
      adopt(null);
    },
    [adopt],
  );

  useEffect(() => onSessionLost(() => expire('expired')), [expire]);

  const value = useMemo<SessionState>(
    () => ({
      session: data,
      async signIn(auth) {
        const session = await createSession(auth);
        setEndReason(undefined);
        adopt(session);
        return session;
      },
      async signInWithPasscode(passcode, scope) {
        const session = await completeSessionWithPasscode(passcode, scope);
        setEndReason(undefined);
        adopt(session);
        return session;
      },
      async signOut() {
        try {
          await deleteSession();
        } finally {
          setEndReason('signed-out');
          adopt(null);
        }
      },
      async rescope(scope) {
        const session = await rescopeSession(scope);
        adopt(session);
        return session;
      },
      expire,
      endReason,
    }),
    [data, adopt, expire, endReason],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in session; only for components under RequireSession. */
export function useCurrentSession(): ConsoleSession {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentSession without a session');
  return session;
}

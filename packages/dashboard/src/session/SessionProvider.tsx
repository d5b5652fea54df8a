import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { createSession, deleteSession, fetchSession, rescopeSession, type ConsoleSession } from '../api/console-session.ts';
import { onSessionLost } from '../api/identity.ts';

/** Why the session ended; the sign-in page explains it (`/login?reason=...`). */
export type SessionEndReason = 'expired' | 'idle' | 'password-changed' | 'signed-out-everywhere';

export interface SessionState {
  /** undefined while the first check runs; null when signed out. */
  session: ConsoleSession | null | undefined;
  signIn(auth: unknown): Promise<ConsoleSession>;
  signOut(): Promise<void>;
  rescope(scope: unknown): Promise<ConsoleSession>;
  /** The session is over (the server said so, or the user ended it): go to sign-in and come back here afterwards. */
  expire(reason?: SessionEndReason): void;
}

const SessionContext = createContext<SessionState | null>(null);
export const SESSION_QUERY_KEY = ['console-session'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });

  const adopt = useCallback(
    (session: ConsoleSession | null) => {
      // Everything cached belongs to the previous token's scope.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
    },
    [queryClient],
  );

  const expire = useCallback(
    (reason: SessionEndReason = 'expired') => {
      adopt(null);
      if (location.pathname === '/login') return;
      const next = `${location.pathname}${location.search}`;
      navigate(`/login?reason=${reason}&next=${encodeURIComponent(next)}`, { replace: true });
    },
    [adopt, location.pathname, location.search, navigate],
  );

  useEffect(() => onSessionLost(() => expire('expired')), [expire]);

  const value = useMemo<SessionState>(
    () => ({
      session: data,
      async signIn(auth) {
        const session = await createSession(auth);
        adopt(session);
        return session;
      },
      async signOut() {
        try {
          await deleteSession();
        } finally {
          adopt(null);
          navigate('/login?reason=signed-out', { replace: true });
        }
      },
      async rescope(scope) {
        const session = await rescopeSession(scope);
        adopt(session);
        return session;
      },
      expire,
    }),
    [data, adopt, navigate, expire],
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

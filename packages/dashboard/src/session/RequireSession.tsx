import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../components/LoadingState.tsx';
import { signInPath, useSession } from './SessionProvider.tsx';

/** Pages behind sign-in: without a session, go to sign-in (saying why it ended) and remember where the user was going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, endReason } = useSession();
  const location = useLocation();
  if (session === undefined) return <LoadingState />;
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signInPath(endReason, next)} replace />;
  }
  return <>{children}</>;
}

import { useEffect, useState } from 'react';
import { lastApiActivity } from '../api/identity.ts';
import { parseApiTime } from '../components/DateTime.tsx';
import type { ConsoleSession } from '../api/console-session.ts';

export interface SessionClock {
  /** Seconds until the session ends: the token's expiry or the idle timeout, whichever comes first. */
  remaining: number;
  reason: 'expired' | 'idle';
}

/** Ticks every second; the idle deadline moves with each API call, as the server's does. */
export function useSessionClock(session: ConsoleSession): SessionClock {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const tokenEnd = parseApiTime(session.expires_at).getTime();
  const idleEnd =
    session.idle_timeout > 0
      ? Math.max(
          session.idle_expires_at ? parseApiTime(session.idle_expires_at).getTime() : 0,
          lastApiActivity() + session.idle_timeout * 1000,
        )
      : Infinity;
  const end = Math.min(tokenEnd, idleEnd);
  return { remaining: Math.max(0, Math.floor((end - now) / 1000)), reason: idleEnd < tokenEnd ? 'idle' : 'expired' };
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}

import { Alert, AlertGroup, Label } from '@patternfly/react-core';
import { useEffect } from 'react';
import { t } from '../i18n/t.ts';
import { formatDuration, useSessionClock } from '../session/useSessionClock.ts';
import { useCurrentSession, useSession } from '../session/SessionProvider.tsx';

const WARN_SECONDS = 5 * 60;

/** The visible countdown to the end of the session, a warning five minutes before, and the hand-off to sign-in. */
export function SessionCountdown() {
  const session = useCurrentSession();
  const { expire } = useSession();
  const clock = useSessionClock(session);
  useEffect(() => {
    if (clock.remaining <= 0) expire(clock.reason);
  }, [clock.remaining, clock.reason, expire]);
  const time = formatDuration(clock.remaining);
  const warn = clock.remaining <= WARN_SECONDS;
  return (
    <>
      {/* role="timer": a plain span may not carry aria-label (axe: aria-prohibited-attr); a timer may, and is not announced on every tick. */}
      <Label
        color={warn ? 'orange' : 'grey'}
        role="timer"
        aria-label={t('session.expiresInLabel', { time })}
        data-testid="session-countdown"
      >
        <span aria-hidden="true">{t('session.expiresIn', { time })}</span>
      </Label>
      {warn ? (
        <AlertGroup isToast isLiveRegion>
          <Alert variant="warning" title={t('session.warningTitle', { time })} data-testid="session-warning">
            {t('session.warningBody')}
          </Alert>
        </AlertGroup>
      ) : null}
    </>
  );
}

/** Time source, injectable so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
  /**
   * Resolves once now() has reached `date`: the server waits through this, never through a bare timer, so a test
   * clock can jump to the moment instead of the test sleeping until it.
   */
  sleepUntil(date: Date): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  async sleepUntil(date) {
    // A loop, not one timer: timers run on the monotonic clock and may fire a millisecond before Date.now() gets there.
    for (let remaining = date.getTime() - Date.now(); remaining > 0; remaining = date.getTime() - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, remaining));
    }
  },
};

/** Fixed-width ISO-8601 UTC with milliseconds: sorts and compares correctly as text in every database. */
const toStoredTime = (date: Date): string => date.toISOString();

const MICROSECOND_UTC = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:Z|[+-]00:?00)?$/;

/**
 * A client-given UTC time stored with the microseconds it had (Keystone keeps them and echoes them back);
 * other offsets are converted to UTC. Returns undefined for text that is not a date-time.
 */
export function normalizeClientTime(text: string): string | undefined {
  const exact = MICROSECOND_UTC.exec(text);
  if (exact) return `${exact[1]}.${(exact[2] ?? '').padEnd(6, '0')}Z`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : toStoredTime(date);
}

/** Keystone renders resource timestamps like 2026-07-17T13:00:00.000000 (no zone suffix). */
export function toKeystoneResourceTime(stored: string | null): string | null {
  if (stored === null) return null;
  const exact = MICROSECOND_UTC.exec(stored);
  if (exact) return `${exact[1]}.${(exact[2] ?? '').padEnd(6, '0')}`;
  const date = new Date(stored);
  return `${date.toISOString().slice(0, 23)}000`;
}

/** Time source, injectable so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Fixed-width ISO-8601 UTC with milliseconds: sorts and compares correctly as text in every database. */
export const toStoredTime = (date: Date): string => date.toISOString();

/** Keystone renders resource timestamps like 2026-07-17T13:00:00.000000 (no zone suffix). */
export function toKeystoneResourceTime(stored: string | null): string | null {
  if (stored === null) return null;
  const date = new Date(stored);
  return `${date.toISOString().slice(0, 23)}000`;
}

import type { Clock } from '@xloud/identity/testing';

/**
 * A clock a test moves instead of sleeping: hand it to `startTestServer({ clock })` and every expiry, idle timeout
 * and issue time in the server follows it.
 */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  set(date: Date): void {
    this.current = date.getTime();
  }
}

import type { Clock } from '@xloud/identity/testing';

/**
 * A clock a test moves instead of sleeping: hand it to `startTestServer({ clock })` and every expiry, idle timeout,
 * issue time and wait in the server follows it.
 *
 * `new TestClock(start)` stands still until moved, so nothing depends on how fast the machine is;
 * `TestClock.running()` keeps pace with real time from now on, for a server many tests share, and is moved the same way.
 */
export class TestClock implements Clock {
  /** Frozen: the time itself. Running: how far this clock is ahead of real time. */
  private value: number;

  constructor(
    start: Date = new Date(),
    private readonly runs = false,
  ) {
    this.value = runs ? start.getTime() - Date.now() : start.getTime();
  }

  /** A clock that starts at the real time and keeps pace with it, ahead by whatever it has been moved. */
  static running(): TestClock {
    return new TestClock(new Date(), true);
  }

  now(): Date {
    return new Date(this.runs ? Date.now() + this.value : this.value);
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.value += ms;
  }

  set(date: Date): void {
    this.value += date.getTime() - this.now().getTime();
  }

  /** The server's waits (the revocation second) take no real time: the clock jumps to their end. */
  async sleepUntil(date: Date): Promise<void> {
    const ahead = date.getTime() - this.now().getTime();
    if (ahead > 0) this.advance(ahead);
  }
}

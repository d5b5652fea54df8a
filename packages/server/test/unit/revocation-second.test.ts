import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { outlastRevocationSecond, revocationEvent } from '../../src/services/revoke/revocation-event.ts';
import { TestClock } from '../helpers/test-server.ts';

const wholeSecond = (date: Date) => Math.floor(date.getTime() / 1000);

describe('outlastRevocationSecond (waits through the injectable clock)', () => {
  it("moves a test clock just past the event's whole second, at once: the next token's second is later", async () => {
    const clock = new TestClock(new Date('2026-05-01T12:00:00.400Z'));
    const event = revocationEvent(clock.now(), { userId: 'u' });
    await outlastRevocationSecond(clock.now(), clock);
    expect(clock.now().toISOString()).toBe('2026-05-01T12:00:01.001Z');
    expect(wholeSecond(clock.now())).toBeGreaterThan(wholeSecond(new Date(event.issuedBefore)));
  });

  it('does not move the clock when the second is already over', async () => {
    const clock = new TestClock(new Date('2026-05-01T12:00:03.000Z'));
    await outlastRevocationSecond(new Date('2026-05-01T12:00:02.999Z'), clock);
    expect(clock.now().toISOString()).toBe('2026-05-01T12:00:03.000Z');
  });

  it('the system clock sleeps in real time until the given moment', async () => {
    const until = new Date(Date.now() + 30);
    await systemClock.sleepUntil(until);
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
  });
});

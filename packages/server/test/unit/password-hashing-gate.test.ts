import { describe, expect, it } from 'vitest';
import { hashingCapacity } from '../../src/crypto/password-hashing-capacity.ts';
import { PasswordHashingGate } from '../../src/crypto/password-hashing-gate.ts';
import { PasswordHashingBusyError } from '../../src/errors.ts';

/** A task the test finishes by hand, recording when it started. */
function controlledTask(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every settled promise run its continuations. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PasswordHashingGate', () => {
  it('runs at most `limit` tasks at once and starts the queued ones in arrival order', async () => {
    const gate = new PasswordHashingGate({ limit: 2, queueLength: 3 });
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((name) => controlledTask(log, name));
    const results = tasks.map((t) => gate.run(t.task));
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    expect([gate.running, gate.queued]).toEqual([2, 3]);

    tasks[1]!.finish();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    expect([gate.running, gate.queued]).toEqual([2, 2]);

    tasks[0]!.finish();
    await flush();
    expect(log.slice(-2)).toEqual(['end a', 'start d']);
    for (const t of tasks) t.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([gate.running, gate.queued, gate.rejected]).toEqual([0, 0, 0]);
  });

  it('refuses at once, with a Retry-After of at least a second, when the slots and the queue are full', async () => {
    const gate = new PasswordHashingGate({ limit: 1, queueLength: 1 });
    const log: string[] = [];
    const running = controlledTask(log, 'running');
    const queued = controlledTask(log, 'queued');
    const first = gate.run(running.task);
    const second = gate.run(queued.task);
    const refused = gate.run(controlledTask(log, 'refused').task);
    await expect(refused).rejects.toBeInstanceOf(PasswordHashingBusyError);
    const error = (await refused.then(
      () => undefined,
      (e: unknown) => e,
    )) as PasswordHashingBusyError;
    expect(error.status).toBe(503);
    expect(error.code).toBe('ERR_PASSWORD_HASHING_BUSY');
    expect(Number.isInteger(error.retryAfterSeconds) && error.retryAfterSeconds >= 1).toBe(true);
    expect(() => gate.reserve()).toThrow(PasswordHashingBusyError);
    expect(gate.rejected).toBe(2);
    expect(log).toEqual(['start running']);

    // Room again once the running task ends: the queued one moves up, a newcomer may queue.
    running.finish();
    await first;
    await flush();
    const third = controlledTask(log, 'third');
    const later = gate.run(third.task);
    queued.finish();
    third.finish();
    expect(await Promise.all([second, later])).toEqual(['queued', 'third']);
    expect(log).toEqual(['start running', 'end running', 'start queued', 'end queued', 'start third', 'end third']);
  });

  it('with a queue length of 0, refuses whatever finds every slot busy', async () => {
    const gate = new PasswordHashingGate({ limit: 1, queueLength: 0 });
    const log: string[] = [];
    const running = controlledTask(log, 'running');
    const first = gate.run(running.task);
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(PasswordHashingBusyError);
    running.finish();
    await first;
    expect(await gate.run(async () => 'now')).toBe('now');
  });

  it('frees the slot when a task fails', async () => {
    const gate = new PasswordHashingGate({ limit: 1, queueLength: 0 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.running).toBe(0);
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('a cancelled reservation gives its slot or its queue place to the next one', async () => {
    const gate = new PasswordHashingGate({ limit: 1, queueLength: 2 });
    const log: string[] = [];
    const holder = gate.reserve(); // granted, not used yet
    const waiting = gate.reserve(); // queued
    const last = controlledTask(log, 'last');
    const lastResult = gate.run(last.task); // queued behind it
    expect([gate.running, gate.queued]).toEqual([1, 2]);

    waiting.cancel(); // leaves the queue
    expect(gate.queued).toBe(1);
    holder.cancel(); // frees the slot: the last one starts
    await flush();
    expect(log).toEqual(['start last']);
    last.finish();
    expect(await lastResult).toBe('last');
    expect([gate.running, gate.queued]).toEqual([0, 0]);

    // cancel after run is a no-op, and a slot runs one task only
    const used = gate.reserve();
    expect(await used.run(async () => 1)).toBe(1);
    used.cancel();
    expect(gate.running).toBe(0);
    await expect(used.run(async () => 2)).rejects.toThrow(/once/);
  });

  it('drops a queued place when its client goes away; a running hash finishes', async () => {
    const gate = new PasswordHashingGate({ limit: 1, queueLength: 2 });
    const log: string[] = [];
    const running = controlledTask(log, 'running');
    const runningGone = new AbortController();
    const first = gate.run(running.task, runningGone.signal);
    const leaving = new AbortController();
    const abandoned = gate.run(controlledTask(log, 'abandoned').task, leaving.signal);
    const next = controlledTask(log, 'next');
    const nextResult = gate.run(next.task);
    expect(gate.queued).toBe(2);

    leaving.abort();
    runningGone.abort(); // too late: it runs
    await expect(abandoned).rejects.toBeInstanceOf(PasswordHashingBusyError);
    expect(gate.queued).toBe(1);
    running.finish();
    await flush();
    next.finish();
    expect(await Promise.all([first, nextResult])).toEqual(['running', 'next']);
    expect(log).toEqual(['start running', 'end running', 'start next', 'end next']);
    expect([gate.running, gate.queued, gate.rejected]).toEqual([0, 0, 0]);

    // already gone: refused without a place
    expect(() => gate.reserve(AbortSignal.abort())).toThrow(PasswordHashingBusyError);
    expect(gate.running).toBe(0);
  });

  it('refuses a limit below 1 and a negative or fractional queue length', () => {
    expect(() => new PasswordHashingGate({ limit: 0, queueLength: 1 })).toThrow(RangeError);
    expect(() => new PasswordHashingGate({ limit: 1.5, queueLength: 1 })).toThrow(RangeError);
    expect(() => new PasswordHashingGate({ limit: 1, queueLength: -1 })).toThrow(RangeError);
  });
});

describe('hashingCapacity', () => {
  it('unset: one slot per CPU, but one thread of the libuv pool stays free; the queue holds 8 per slot', () => {
    expect(hashingCapacity({}, { cpus: 2, threadpoolSize: 4 })).toEqual({ limit: 2, queueLength: 16 });
    expect(hashingCapacity({}, { cpus: 16, threadpoolSize: 4 })).toEqual({ limit: 3, queueLength: 24 });
    expect(hashingCapacity({}, { cpus: 16, threadpoolSize: 17 })).toEqual({ limit: 16, queueLength: 128 });
    expect(hashingCapacity({}, { cpus: 4, threadpoolSize: 1 })).toEqual({ limit: 1, queueLength: 8 });
  });

  it('configured: taken as given, with a warning when the limit can fill the thread pool', () => {
    expect(hashingCapacity({ limit: 3, queueLength: 0 }, { cpus: 2, threadpoolSize: 4 })).toEqual({
      limit: 3,
      queueLength: 0,
    });
    const full = hashingCapacity({ limit: 4 }, { cpus: 8, threadpoolSize: 4 });
    expect(full.limit).toBe(4);
    expect(full.queueLength).toBe(32);
    expect(full.warning).toMatch(/UV_THREADPOOL_SIZE/);
  });
});

import type { Cluster } from 'node:cluster';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterMessage } from '../../src/cluster/messages.ts';
import { runPrimary } from '../../src/cluster/primary.ts';
import { WorkerLink } from '../../src/cluster/worker-link.ts';
import type { Logger } from '../../src/logging/logger.ts';

/** node:cluster's Worker as the primary uses it. */
class FakeWorker extends EventEmitter {
  readonly sent: ClusterMessage[] = [];
  connected = true;
  readonly process: { pid: number; kill: ReturnType<typeof vi.fn> };

  constructor(readonly id: number) {
    super();
    this.process = { pid: 1000 + id, kill: vi.fn() };
  }

  isConnected(): boolean {
    return this.connected;
  }

  send(message: ClusterMessage, _handle: unknown, callback?: (error: Error | null) => void): boolean {
    this.sent.push(message);
    callback?.(null);
    return true;
  }

  /** What the worker sends the primary. */
  tell(message: ClusterMessage): void {
    this.emit('message', message);
  }
}

class FakeCluster extends EventEmitter {
  workers: Record<number, FakeWorker> = {};
  forks = 0;

  fork(): FakeWorker {
    const worker = new FakeWorker(++this.forks);
    this.workers[worker.id] = worker;
    return worker;
  }

  exit(worker: FakeWorker, code: number | null = 1, signal: string | null = null): void {
    delete this.workers[worker.id];
    worker.connected = false;
    this.emit('exit', worker, code, signal);
  }
}

const fakeLogger = () => ({ warn: vi.fn(), info: vi.fn() }) as unknown as Logger & { warn: ReturnType<typeof vi.fn> };

describe('the primary process (cluster/primary.ts)', () => {
  let cluster: FakeCluster;
  let logger: ReturnType<typeof fakeLogger>;
  let self: EventEmitter & { exit: ReturnType<typeof vi.fn<(code: number) => void>> };
  let workers: FakeWorker[];

  const start = (count: number, listening = count) => {
    runPrimary(cluster as unknown as Cluster, count, logger, self);
    workers = Object.values(cluster.workers);
    for (const worker of workers.slice(0, listening)) worker.emit('listening', {});
  };

  beforeEach(() => {
    vi.useFakeTimers();
    cluster = new FakeCluster();
    logger = fakeLogger();
    self = Object.assign(new EventEmitter(), { exit: vi.fn<(code: number) => void>() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('relays a change to every other worker and confirms it to the origin once all dropped their caches', () => {
    start(3);
    const [origin, second, third] = workers as [FakeWorker, FakeWorker, FakeWorker];
    origin.tell({ xloud: 'changed', id: 7 });
    expect(second.sent).toEqual([{ xloud: 'forget', origin: 1, id: 7 }]);
    expect(third.sent).toEqual([{ xloud: 'forget', origin: 1, id: 7 }]);
    second.tell({ xloud: 'forgot', origin: 1, id: 7 });
    expect(origin.sent).toEqual([]);
    third.tell({ xloud: 'forgot', origin: 1, id: 7 });
    expect(origin.sent).toEqual([{ xloud: 'announced', id: 7 }]);
  });

  it('does not wait for a worker that died, nor for one still starting', () => {
    start(3, 2);
    const [origin, second, starting] = workers as [FakeWorker, FakeWorker, FakeWorker];
    origin.tell({ xloud: 'changed', id: 1 });
    expect(starting.sent).toEqual([]);
    cluster.exit(second);
    expect(origin.sent).toEqual([{ xloud: 'announced', id: 1 }]);
  });

  it('stops waiting for a silent worker after a while, and says so', () => {
    start(2);
    const [origin, silent] = workers as [FakeWorker, FakeWorker];
    origin.tell({ xloud: 'changed', id: 3 });
    expect(silent.sent).toHaveLength(1);
    vi.advanceTimersByTime(2_999);
    expect(origin.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(origin.sent).toEqual([{ xloud: 'announced', id: 3 }]);
    expect(String(logger.warn.mock.calls[0]?.[0])).toMatch(/worker 2 did not confirm/);
  });

  it('starts a worker again after it died, pausing longer after each exit', () => {
    start(2);
    cluster.exit(workers[0]!, null, 'SIGKILL');
    expect(cluster.forks).toBe(2);
    vi.advanceTimersByTime(499);
    expect(cluster.forks).toBe(2);
    vi.advanceTimersByTime(1);
    expect(cluster.forks).toBe(3);
    cluster.exit(cluster.workers[3]!);
    vi.advanceTimersByTime(999);
    expect(cluster.forks).toBe(3);
    vi.advanceTimersByTime(1);
    expect(cluster.forks).toBe(4);
    expect(String(logger.warn.mock.calls[0]?.[0])).toMatch(/worker 1 \(pid 1001\) exited \(signal SIGKILL\)/);
  });

  it('passes SIGTERM on to every worker and exits once they all have, without starting any again', () => {
    start(2);
    self.emit('SIGTERM');
    for (const worker of workers) expect(worker.process.kill).toHaveBeenCalledWith('SIGTERM');
    cluster.exit(workers[0]!, 0);
    expect(self.exit).not.toHaveBeenCalled();
    cluster.exit(workers[1]!, 0);
    expect(self.exit).toHaveBeenCalledWith(0);
    vi.advanceTimersByTime(60_000);
    expect(cluster.forks).toBe(2);
  });
});

describe('a worker end of the channel (cluster/worker-link.ts)', () => {
  let channel: EventEmitter;
  let sent: ClusterMessage[];
  let logger: ReturnType<typeof fakeLogger>;
  let link: WorkerLink;

  beforeEach(() => {
    channel = new EventEmitter();
    sent = [];
    logger = fakeLogger();
    link = new WorkerLink(2, (message) => sent.push(message), logger, channel);
  });
  afterEach(async () => {
    await link.close();
    vi.useRealTimers();
  });

  it('a response waits for its announcement: settled() until the primary confirms, nothing to wait for after', async () => {
    expect(link.settled()).toBeUndefined();
    let announced = false;
    void link.announce().then(() => (announced = true));
    expect(sent).toEqual([{ xloud: 'changed', id: 1 }]);
    const settled = link.settled();
    expect(settled).toBeInstanceOf(Promise);
    channel.emit('message', { xloud: 'announced', id: 1 });
    await settled;
    expect(announced).toBe(true);
    expect(link.settled()).toBeUndefined();
  });

  it('drops its caches when a sibling changed something, and confirms it', async () => {
    const forget = vi.fn();
    await link.listen(forget);
    channel.emit('message', { xloud: 'forget', origin: 1, id: 9 });
    expect(forget).toHaveBeenCalledOnce();
    expect(sent).toEqual([{ xloud: 'forgot', origin: 1, id: 9 }]);
  });

  it('a primary that never confirms holds a response for a bounded time, with a warning', async () => {
    vi.useFakeTimers();
    const done = link.announce();
    vi.advanceTimersByTime(5_000);
    await done;
    expect(link.settled()).toBeUndefined();
    expect(String(logger.warn.mock.calls[0]?.[0])).toMatch(/no confirmation/);
  });

  it('ignores messages that are not ours', async () => {
    const forget = vi.fn();
    await link.listen(forget);
    channel.emit('message', { cmd: 'NODE_CLUSTER', act: 'forget' });
    channel.emit('message', 'forget');
    expect(forget).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});

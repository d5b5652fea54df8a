import type { Cluster, Worker } from 'node:cluster';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Logger } from '../logging/logger.ts';
import { type ClusterMessage, isClusterMessage } from './messages.ts';

/** How long the primary waits for a sibling to confirm it dropped its caches before it stops waiting for it. */
const SIBLING_ACK_TIMEOUT_MS = 3_000;
/** How long a metrics scrape waits for each worker's part. */
const METRICS_PART_TIMEOUT_MS = 3_000;
/** A worker that exits is started again after this pause, doubled for each other exit within RESTART_WINDOW_MS. */
const RESTART_DELAY_MS = 500;
const RESTART_MAX_DELAY_MS = 30_000;
const RESTART_WINDOW_MS = 60_000;
/** A worker still running this long after SIGTERM (a request that does not end) is killed. */
const SHUTDOWN_GRACE_MS = 30_000;

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

interface PendingAnnouncement {
  remaining: Set<number>;
  timer: NodeJS.Timeout;
}

interface PendingScrape {
  requester: Worker;
  requestId: number;
  parts: MetricsJson[];
  remaining: Set<number>;
  timer: NodeJS.Timeout;
}

function send(worker: Worker, message: ClusterMessage): void {
  if (!worker.isConnected()) return;
  // With a callback a closed channel is an error handed to it, not an 'error' event that would end the process.
  worker.send(message, undefined, () => undefined);
}

/**
 * The primary process of [DEFAULT] workers > 1: forks `count` workers (each builds its own container and
 * listens on the shared port), starts one again after it exits unexpectedly (with a growing pause, never a hot
 * loop), relays change announcements between them (messages.ts) and aggregates their metrics. SIGTERM and
 * SIGINT are passed on for a graceful shutdown; the primary exits once every worker has.
 */
/** What the primary needs of its own process: its signals and its exit (the unit tests pass a stand-in). */
interface PrimaryProcess {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  exit(code: number): void;
}

export function runPrimary(cluster: Cluster, count: number, logger: Logger, self: PrimaryProcess = process): void {
  /** The workers that have opened the port, hence installed their IPC listener: the ones to wait for. */
  const listening = new Map<number, Worker>();
  const announcements = new Map<string, PendingAnnouncement>();
  const scrapes = new Map<number, PendingScrape>();
  const recentExits: number[] = [];
  let shuttingDown = false;
  let scrapeSeq = 0;

  const finishAnnouncement = (key: string, origin: Worker | undefined, id: number) => {
    const pending = announcements.get(key);
    if (!pending) return;
    announcements.delete(key);
    clearTimeout(pending.timer);
    if (origin) send(origin, { xloud: 'announced', id });
  };

  const finishScrape = (seq: number) => {
    const pending = scrapes.get(seq);
    if (!pending) return;
    scrapes.delete(seq);
    clearTimeout(pending.timer);
    void (async () => {
      // Loaded on the first scrape: prom-client (and the OpenTelemetry API it requires) is not needed before.
      const { AggregatorRegistry } = await import('prom-client');
      const registry = AggregatorRegistry.aggregate(pending.parts);
      const body = await registry.metrics();
      send(pending.requester, {
        xloud: 'metrics-result',
        id: pending.requestId,
        body,
        contentType: registry.contentType,
      });
    })().catch((error: unknown) => logger.warn({ err: error }, 'could not aggregate the worker processes metrics'));
  };

  const relayChange = (origin: Worker, id: number) => {
    const key = `${origin.id}:${id}`;
    const siblings = [...listening.values()].filter((worker) => worker.id !== origin.id && worker.isConnected());
    if (siblings.length === 0) {
      send(origin, { xloud: 'announced', id });
      return;
    }
    const timer = setTimeout(() => {
      const silent = [...(announcements.get(key)?.remaining ?? [])];
      logger.warn(
        `worker ${silent.join(', ')} did not confirm within ${SIBLING_ACK_TIMEOUT_MS} ms that it dropped its caches after a change through worker ${origin.id}`,
      );
      finishAnnouncement(key, origin, id);
    }, SIBLING_ACK_TIMEOUT_MS);
    announcements.set(key, { remaining: new Set(siblings.map((worker) => worker.id)), timer });
    for (const sibling of siblings) send(sibling, { xloud: 'forget', origin: origin.id, id });
  };

  const acknowledge = (sibling: Worker, originId: number, id: number) => {
    const key = `${originId}:${id}`;
    const pending = announcements.get(key);
    if (!pending) return;
    pending.remaining.delete(sibling.id);
    if (pending.remaining.size === 0) finishAnnouncement(key, cluster.workers?.[originId], id);
  };

  const scrape = (requester: Worker, requestId: number) => {
    const seq = ++scrapeSeq;
    const workers = [...listening.values()].filter((worker) => worker.isConnected());
    const timer = setTimeout(() => finishScrape(seq), METRICS_PART_TIMEOUT_MS);
    scrapes.set(seq, {
      requester,
      requestId,
      parts: [],
      remaining: new Set(workers.map((worker) => worker.id)),
      timer,
    });
    for (const worker of workers) send(worker, { xloud: 'metrics-collect', id: seq });
    if (workers.length === 0) finishScrape(seq);
  };

  const collectPart = (worker: Worker, seq: number, metrics: MetricsJson) => {
    const pending = scrapes.get(seq);
    if (!pending?.remaining.delete(worker.id)) return;
    pending.parts.push(metrics);
    if (pending.remaining.size === 0) finishScrape(seq);
  };

  /** A worker that is gone confirms nothing: stop waiting for it. */
  const forget = (worker: Worker) => {
    listening.delete(worker.id);
    for (const [key, pending] of announcements) {
      const [originId, id] = key.split(':').map(Number) as [number, number];
      if (originId === worker.id) {
        clearTimeout(pending.timer);
        announcements.delete(key);
      } else if (pending.remaining.delete(worker.id) && pending.remaining.size === 0) {
        finishAnnouncement(key, cluster.workers?.[originId], id);
      }
    }
    for (const [seq, pending] of scrapes) {
      if (pending.requester.id === worker.id) {
        clearTimeout(pending.timer);
        scrapes.delete(seq);
      } else if (pending.remaining.delete(worker.id) && pending.remaining.size === 0) {
        finishScrape(seq);
      }
    }
  };

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isClusterMessage(message)) return;
      switch (message.xloud) {
        case 'changed':
          relayChange(worker, message.id);
          return;
        case 'forgot':
          acknowledge(worker, message.origin, message.id);
          return;
        case 'metrics-request':
          scrape(worker, message.id);
          return;
        case 'metrics-part':
          collectPart(worker, message.id, message.metrics);
          return;
        default:
          return;
      }
    });
    // After a worker's listen() succeeds: its IPC listener is installed (it is set up with its container).
    worker.on('listening', () => listening.set(worker.id, worker));
  };

  cluster.on('exit', (worker, code, signal) => {
    forget(worker);
    if (shuttingDown) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('every worker process has exited');
        self.exit(0);
      }
      return;
    }
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length > 0 && recentExits[0]! < now - RESTART_WINDOW_MS) recentExits.shift();
    const delay = Math.min(RESTART_MAX_DELAY_MS, RESTART_DELAY_MS * 2 ** (recentExits.length - 1));
    logger.warn(
      `worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ? `signal ${signal}` : `code ${code}`}); starting another in ${delay} ms`,
    );
    setTimeout(() => {
      if (!shuttingDown) fork();
    }, delay);
  });

  const shutDown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    logger.info(`${signal}: stopping ${workers.length} worker processes`);
    if (workers.length === 0) self.exit(0);
    for (const worker of workers) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS).unref();
  };
  self.on('SIGTERM', () => shutDown('SIGTERM'));
  self.on('SIGINT', () => shutDown('SIGINT'));

  for (let i = 0; i < count; i++) fork();
}

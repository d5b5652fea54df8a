import type { Logger } from '../logging/logger.ts';
import type { ChangeFeed } from '../services/change-feed.ts';
import { type ClusterMessage, isClusterMessage } from './messages.ts';

/**
 * How long a worker holds a response for its siblings to drop their caches. The primary answers sooner (it
 * stops waiting for a silent sibling after SIBLING_ACK_TIMEOUT_MS, primary.ts); this bound is for a primary
 * that cannot answer at all. A sibling that died is no reason to wait: the primary counts it out at once.
 */
const ANNOUNCE_TIMEOUT_MS = 5_000;
const METRICS_TIMEOUT_MS = 5_000;

interface Waiter<T> {
  resolve: (value: T) => void;
  timer: NodeJS.Timeout;
}

/**
 * A cluster worker's end of the IPC channel to the primary ([DEFAULT] workers > 1): the ChangeFeed between the
 * processes on this host, and the aggregated metrics.
 *
 * "Refused on the next request": announce() resolves once every sibling has dropped its caches, and the HTTP
 * response that made the change waits for it (settled(), awaited in an onSend hook). A client that sees the
 * response of a revocation therefore finds every sibling without the revoked token in its cache.
 */
export class WorkerLink implements ChangeFeed {
  private nextId = 1;
  private readonly announcements = new Map<number, Waiter<void>>();
  private readonly metricsRequests = new Map<number, Waiter<{ body: string; contentType: string } | undefined>>();
  private readonly inFlight = new Set<Promise<void>>();
  private onForeignChange: () => void = () => undefined;
  private collectMetrics: () => Promise<unknown[]> = async () => [];
  private readonly handler = (message: unknown) => this.receive(message);

  constructor(
    /** node:cluster's worker id, 1, 2, …: shown in the X-Xloud-Worker response header. */
    readonly workerId: number,
    private readonly send: (message: ClusterMessage) => void,
    private readonly logger: Logger,
    private readonly channel: NodeJS.EventEmitter = process,
  ) {
    this.channel.on('message', this.handler);
  }

  /** Resolves when every sibling has dropped its caches (or could not be waited for: then a warning is logged). */
  announce(): Promise<void> {
    const id = this.nextId++;
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.announcements.delete(id);
        this.logger.warn(
          `change ${id}: no confirmation from the other worker processes within ${ANNOUNCE_TIMEOUT_MS} ms; answering anyway (they may serve cached data until their next change counter poll)`,
        );
        resolve();
      }, ANNOUNCE_TIMEOUT_MS);
      this.announcements.set(id, { resolve, timer });
    });
    try {
      this.send({ xloud: 'changed', id });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not tell the other worker processes about a change');
      this.finish(this.announcements, id, undefined);
    }
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
    return done;
  }

  /** What a response waits for before it is sent: undefined (nothing to wait for) on the hot path. */
  settled(): Promise<void> | undefined {
    if (this.inFlight.size === 0) return undefined;
    return Promise.all(this.inFlight).then(() => undefined);
  }

  async listen(onForeignChange: () => void): Promise<void> {
    this.onForeignChange = onForeignChange;
  }

  /** The registry's metrics as JSON, for the primary to aggregate with the other workers'. */
  serveMetrics(collect: () => Promise<unknown[]>): void {
    this.collectMetrics = collect;
  }

  /** Every worker's metrics, aggregated by the primary; undefined when it did not answer. */
  clusterMetrics(): Promise<{ body: string; contentType: string } | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.metricsRequests.delete(id);
        resolve(undefined);
      }, METRICS_TIMEOUT_MS);
      this.metricsRequests.set(id, { resolve, timer });
      try {
        this.send({ xloud: 'metrics-request', id });
      } catch {
        this.finish(this.metricsRequests, id, undefined);
      }
    });
  }

  async close(): Promise<void> {
    this.channel.off('message', this.handler);
    for (const id of [...this.announcements.keys()]) this.finish(this.announcements, id, undefined);
    for (const id of [...this.metricsRequests.keys()]) this.finish(this.metricsRequests, id, undefined);
  }

  private receive(message: unknown): void {
    if (!isClusterMessage(message)) return;
    switch (message.xloud) {
      case 'forget':
        try {
          this.onForeignChange();
        } finally {
          this.reply({ xloud: 'forgot', origin: message.origin, id: message.id });
        }
        return;
      case 'announced':
        this.finish(this.announcements, message.id, undefined);
        return;
      case 'metrics-collect':
        void this.collectMetrics().then(
          (metrics) => this.reply({ xloud: 'metrics-part', id: message.id, metrics: metrics as never }),
          (error: unknown) => {
            this.logger.warn({ err: error }, 'could not collect this worker process metrics');
            this.reply({ xloud: 'metrics-part', id: message.id, metrics: [] });
          },
        );
        return;
      case 'metrics-result':
        this.finish(this.metricsRequests, message.id, { body: message.body, contentType: message.contentType });
        return;
      default:
        return;
    }
  }

  private reply(message: ClusterMessage): void {
    try {
      this.send(message);
    } catch {
      // The primary is gone; this process is about to be shut down too.
    }
  }

  private finish<T>(waiters: Map<number, Waiter<T>>, id: number, value: T): void {
    const waiter = waiters.get(id);
    if (!waiter) return;
    waiters.delete(id);
    clearTimeout(waiter.timer);
    waiter.resolve(value);
  }
}

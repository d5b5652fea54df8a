import type { Redis } from 'ioredis';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import type { ChangeFeed } from '../services/change-feed.ts';

/** The Redis channel every node subscribes to; the payload is the announcing node's id. */
const REDIS_CHANGE_CHANNEL = 'xloud_changes';

/**
 * ChangeFeed over Redis publish/subscribe, for databases without LISTEN/NOTIFY (MariaDB, MySQL). A subscribed
 * Redis connection can do nothing else, hence two connections. ioredis reconnects and resubscribes by itself.
 */
export class RedisChangeFeed implements ChangeFeed {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    url: string,
    /** Our own announcements come back to us too; this id tells them apart. */
    private readonly nodeId: string,
    private readonly warn: (message: string) => void,
  ) {
    // Announcements while Redis is down fail at once rather than queue: the change counter covers them.
    // Named, so that an operator (or a test) can tell the nodes' connections apart in CLIENT LIST.
    const { Redis: RedisClient } = loadOnFirstUse<typeof import('ioredis')>('ioredis');
    this.publisher = new RedisClient(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: `xloud-announce-${nodeId}`,
    });
    this.subscriber = new RedisClient(url, { lazyConnect: true, connectionName: `xloud-listen-${nodeId}` });
    this.publisher.on('error', () => undefined);
  }

  async announce(): Promise<void> {
    await this.publisher.publish(REDIS_CHANGE_CHANNEL, this.nodeId);
  }

  async listen(onForeignChange: () => void): Promise<void> {
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel === REDIS_CHANGE_CHANNEL && payload !== this.nodeId) onForeignChange();
    });
    let wasReady = false;
    let warned = false;
    this.subscriber.on('ready', () => {
      // Whatever was announced while we were not subscribed is lost: assume the worst.
      if (wasReady) onForeignChange();
      wasReady = true;
      warned = false;
    });
    this.subscriber.on('error', (error: Error & { code?: string }) => {
      // ioredis retries on its own and emits an error per attempt: say it once per outage.
      if (warned) return;
      warned = true;
      this.warn(
        `change feed: Redis unreachable (${error.code ?? error.message}); retrying, the change counter poll covers the gap`,
      );
    });
    this.publisher.connect().catch(() => undefined);
    const connected = this.subscriber.connect();
    // Queued until connected; ioredis subscribes again after each reconnection.
    const subscribed = this.subscriber.subscribe(REDIS_CHANGE_CHANNEL);
    subscribed.catch(() => undefined);
    try {
      await connected;
      await subscribed;
    } catch {
      // Down at start: ioredis keeps retrying and subscribes once it gets through.
    }
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import type { TransportUrl } from '../conf/transport-url.ts';
import { redactTransportUrl } from '../conf/transport-url.ts';
import type { Logger } from '../logging/logger.ts';

export interface RabbitPublisherOptions {
  url: TransportUrl;
  /** [DEFAULT] control_exchange: the topic exchange published to. */
  exchange: string;
  /** Messages held while the broker is unreachable; the oldest is dropped beyond it. */
  bufferSize: number;
  /** [oslo_messaging_notifications] retry: failed attempts a message survives (-1: until the buffer is full). */
  retry: number;
  logger: Logger;
  /** Told about each message dropped (the xloud_notifications_dropped_total counter). */
  onDropped(count: number): void;
}

interface Outgoing {
  routingKey: string;
  body: Buffer;
  failedAttempts: number;
}

const BATCH = 100;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** At shutdown, how long what is still queued may take to go out (never waited for during an outage). */
const CLOSE_GRACE_MS = 2_000;

/**
 * Publishes to RabbitMQ as oslo.messaging's rabbit driver does for notifications (topic exchange and a default
 * queue named after the routing key, both non-durable), off the request path: publish() only queues. A
 * background pump connects, publishes with publisher confirms and reconnects with backoff. During an outage
 * messages wait in a bounded buffer; the oldest are dropped when it is full. One warning per outage, one line
 * when the broker is back.
 */
export class RabbitPublisher {
  private readonly queue: Outgoing[] = [];
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;
  private readonly declaredQueues = new Set<string>();
  private pumping?: Promise<void>;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private delayMs = FIRST_DELAY_MS;
  private outage?: { droppedSoFar: number };
  private brokerIndex = 0;

  constructor(private readonly options: RabbitPublisherOptions) {}

  publish(routingKey: string, body: Buffer): void {
    if (this.closed) return;
    this.queue.push({ routingKey, body, failedAttempts: 0 });
    this.trim();
    if (!this.timer) this.kick();
  }

  private kick(): void {
    if (this.pumping || this.closed) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      // A message queued while the pump was finishing would otherwise wait for the next one.
      if (this.queue.length > 0 && !this.timer) this.kick();
    });
  }

  /** Messages waiting to be published (tests and the shutdown path). */
  get pending(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    // A graceful restart sends what is queued, if the broker is there; a broker that is down is not waited for.
    if (this.queue.length > 0 && !this.outage && !this.closed) {
      this.kick();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([this.pumping, new Promise<void>((done) => (grace = setTimeout(done, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
    }
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    await connection?.close().catch(() => undefined);
  }

  private trim(): void {
    const excess = this.queue.length - this.options.bufferSize;
    if (excess > 0) this.drop(this.queue.splice(0, excess).length);
  }

  private drop(count: number): void {
    if (count <= 0) return;
    if (this.outage) this.outage.droppedSoFar += count;
    try {
      this.options.onDropped(count);
    } catch {
      // Counting must not stop publishing.
    }
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      const batch = this.queue.splice(0, BATCH);
      try {
        const channel = await this.openChannel();
        for (const message of batch) {
          await this.declareDefaultQueue(channel, message.routingKey);
          channel.publish(this.options.exchange, message.routingKey, message.body, {
            contentType: 'application/json',
            contentEncoding: 'utf-8',
          });
        }
        await channel.waitForConfirms();
        this.recovered();
      } catch (error) {
        this.queue.unshift(...this.failed(batch));
        this.trim();
        this.disconnected(error);
        this.scheduleRetry();
        return;
      }
    }
  }

  /** Counts the failed attempt; with retry >= 0 a message out of attempts is dropped. */
  private failed(batch: Outgoing[]): Outgoing[] {
    for (const message of [...batch, ...this.queue]) message.failedAttempts += 1;
    if (this.options.retry < 0) return batch;
    const keep = batch.filter((message) => message.failedAttempts <= this.options.retry);
    const stale = this.queue.filter((message) => message.failedAttempts > this.options.retry);
    if (stale.length > 0)
      this.queue.splice(
        0,
        this.queue.length,
        ...this.queue.filter((message) => message.failedAttempts <= this.options.retry),
      );
    this.drop(batch.length - keep.length + stale.length);
    return keep;
  }

  private scheduleRetry(): void {
    if (this.closed || this.timer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, delay);
    this.timer.unref();
  }

  private async openChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    const { url } = this.options;
    // Several brokers: try the next one after each failure, as kombu's failover does.
    const broker = url.brokers[this.brokerIndex % url.brokers.length]!;
    this.brokerIndex += 1;
    const { connect } = loadOnFirstUse<typeof import('amqplib')>('amqplib');
    const connection = await connect(
      {
        protocol: 'amqp',
        hostname: broker.hostname,
        port: broker.port,
        username: broker.username,
        password: broker.password,
        vhost: url.virtualHost,
        heartbeat: 60,
      },
      { timeout: CONNECT_TIMEOUT_MS },
    );
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (this.connection === connection) this.forget();
    });
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => {
        if (this.channel === channel) this.forget();
      });
      await channel.assertExchange(this.options.exchange, 'topic', { durable: false, autoDelete: false });
      this.connection = connection;
      this.channel = channel;
      this.declaredQueues.clear();
      return channel;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** oslo.messaging declares a queue named after the routing key, so nothing is lost before a consumer binds. */
  private async declareDefaultQueue(channel: ConfirmChannel, routingKey: string): Promise<void> {
    if (this.declaredQueues.has(routingKey)) return;
    await channel.assertQueue(routingKey, { durable: false, autoDelete: false });
    await channel.bindQueue(routingKey, this.options.exchange, routingKey);
    this.declaredQueues.add(routingKey);
  }

  private forget(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    connection?.close().catch(() => undefined);
  }

  private disconnected(error: unknown): void {
    this.forget();
    if (this.outage) return;
    this.outage = { droppedSoFar: 0 };
    const reason = error instanceof Error ? error.message : String(error);
    this.options.logger.warn(
      `notifications: cannot publish to ${redactTransportUrl(this.options.url.text)} (${reason}); up to ${this.options.bufferSize} ` +
        'notifications are kept and retried in the background, older ones are dropped',
    );
  }

  private recovered(): void {
    this.delayMs = FIRST_DELAY_MS;
    if (!this.outage) return;
    const dropped = this.outage.droppedSoFar;
    this.outage = undefined;
    this.options.logger.info(
      `notifications: publishing to ${redactTransportUrl(this.options.url.text)} again; ${dropped} dropped during the outage`,
    );
  }
}

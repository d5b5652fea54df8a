import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import type { ChangeFeed } from '../services/change-feed.ts';
import type { Database } from './tables.ts';

/** The PostgreSQL channel every node listens on; the payload is the announcing node's id. */
const CHANGE_CHANNEL = 'xloud_changes';
const RECONNECT_DELAY_MS = 1000;

/**
 * ChangeFeed over PostgreSQL LISTEN/NOTIFY: announcements go through the pool (pg_notify), and each node
 * keeps one dedicated connection that LISTENs, reconnected whenever it drops (server restart, failover,
 * admin termination).
 */
export class PostgresChangeFeed implements ChangeFeed {
  private listener: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly db: Kysely<Database>,
    /** Our own announcements come back to us too; this id tells them apart. */
    private readonly nodeId: string,
    private readonly warn: (message: string) => void,
  ) {}

  async announce(): Promise<void> {
    await sql`select pg_notify(${CHANGE_CHANNEL}, ${this.nodeId})`.execute(this.db);
  }

  async listen(onForeignChange: () => void): Promise<void> {
    await this.connect(onForeignChange, false);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async connect(onForeignChange: () => void, isReconnect: boolean): Promise<void> {
    const client = new (loadOnFirstUse<typeof pg>('pg').Client)({
      connectionString: this.url,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || this.closed) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      this.warn(
        `change feed: LISTEN connection lost (${reason}); reconnecting, the change counter poll covers the gap`,
      );
      this.scheduleReconnect(onForeignChange);
    };
    client.on('error', (error: Error & { code?: string }) => onLost(error.code ?? error.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload !== this.nodeId) onForeignChange();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      onLost((error as { code?: string }).code ?? (error as Error).message);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // Whatever was announced while we were not listening is lost: assume the worst.
    if (isReconnect) onForeignChange();
  }

  private scheduleReconnect(onForeignChange: () => void): void {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(onForeignChange, true), RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}

import { randomUUID } from 'node:crypto';
import type { XloudConfig } from '../conf/index.ts';
import { noChangeFeed, type ChangeFeed } from '../services/change-feed.ts';
import type { OpenDatabase } from '../storage/database.ts';
import { PostgresChangeFeed } from '../storage/pg-change-feed.ts';
import { RedisChangeFeed } from './redis-change-feed.ts';

/**
 * The push channel between nodes: Redis when [cache] backend = redis, else LISTEN/NOTIFY on PostgreSQL, else
 * none (SQLite has a single host; MariaDB/MySQL without Redis rely on the change counter poll alone).
 */
export function openChangeFeed(conf: XloudConfig, database: OpenDatabase, warn: (message: string) => void): ChangeFeed {
  const nodeId = randomUUID();
  if (conf.cache.backend === 'redis') return new RedisChangeFeed(conf.cache.redis_url, nodeId, warn);
  const connection = conf.database.connection;
  if (connection.kind === 'postgres') return new PostgresChangeFeed(connection.url, database.db, nodeId, warn);
  return noChangeFeed;
}

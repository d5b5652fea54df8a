import { join } from 'node:path';
import {
  formatDatabaseConnection,
  parseDatabaseConnection,
  redactDatabaseUrl,
  type DatabaseConnection,
} from './database-connection.ts';
import { customOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

export { parseDatabaseConnection, type DatabaseConnection } from './database-connection.ts';

/** keystone.conf `[database]` (oslo.db). */
export const databaseSection = {
  connection: customOption<DatabaseConnection>({
    typeName: 'string value',
    default: ({ dataDir }) => parseDatabaseConnection(`sqlite:///${join(dataDir, 'keystone.db')}`),
    parse: parseDatabaseConnection,
    format: formatDatabaseConnection,
    redact: redactDatabaseUrl,
    help:
      'SQLAlchemy-style URL of the database. sqlite:///relative/path, sqlite:////absolute/path ' +
      'or sqlite:// (in memory); postgresql://user:password@host/keystone; ' +
      'mysql+pymysql://user:password@host/keystone. Driver suffixes (+psycopg2, +pymysql) ' +
      'are accepted and ignored. Default: keystone.db in the data directory (XLOUD_DATA_DIR).',
  }),
  max_pool_size: integerOption({
    default: 10,
    min: 1,
    help:
      'Most connections each server process keeps open to the database (PostgreSQL, MySQL). A request that finds all ' +
      'in use waits up to pool_timeout. The pool is per process, as in Keystone: with [DEFAULT] workers = N the ' +
      'server may open N × max_pool_size connections in all (plus one per process for LISTEN with PostgreSQL), ' +
      "which the database's own connection limit must allow.",
  }),
  pool_timeout: integerOption({
    default: 10,
    min: 1,
    help:
      'Seconds a request waits for a pooled connection, and for a new connection to be established, before it is ' +
      'answered 503 with Retry-After. (oslo.db waits 30 s by default; a client retrying sooner is served sooner.)',
  }),
  connection_recycle_time: integerOption({
    default: 3600,
    min: 0,
    help: 'Seconds after which a pooled connection is closed and replaced on its next release (0: never). Keeps connections from outliving a load balancer or server idle limit.',
  }),
  statement_timeout: integerOption({
    default: 30,
    min: 1,
    help:
      'Seconds a single SQL statement may take before it is cancelled and the request answered 503 (an Xloud option: ' +
      "a frozen or overloaded database never holds a request longer). On PostgreSQL it is also set as the session's statement_timeout.",
  }),
  retry_interval: integerOption({
    default: 10,
    min: 1,
    help: 'Seconds a client is told to wait (Retry-After) when the database is unavailable and the request was answered 503.',
  }),
} satisfies SectionSchema;

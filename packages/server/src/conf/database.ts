import { join } from 'node:path';
import {
  formatDatabaseConnection,
  parseDatabaseConnection,
  redactDatabaseUrl,
  type DatabaseConnection,
} from './database-connection.ts';
import { customOption } from './option-builders.ts';
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
} satisfies SectionSchema;

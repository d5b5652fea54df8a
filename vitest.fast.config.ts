import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import whole from './vitest.config.ts';

/**
 * `npm run test:fast`: the edit-and-test loop. The unit tests, the service tests, the HTTP API suite and the SDK's
 * own tests, on SQLite only, needing nothing but `npm ci`: no build, no PostgreSQL, MariaDB, Redis or RabbitMQ, no
 * Python or other Debian package, no browser. `npm test` (vitest.config.ts) stays the whole suite; CI runs that.
 */

/** Nothing listens there: a test that reaches for PostgreSQL or MariaDB fails here instead of quietly using one. */
const NO_SERVER = '127.0.0.1:9';

export default defineConfig({
  resolve: whole.resolve,
  ssr: whole.ssr,
  test: {
    ...whole.test,
    include: [
      'packages/server/test/unit/**/*.test.ts',
      'packages/server/test/services/**/*.test.ts',
      'packages/server/test/api/**/*.test.ts',
      'packages/sdk/test/**/*.test.ts',
    ],
    exclude: [
      // PostgreSQL, MariaDB and Redis are what these test.
      'packages/server/test/api/three-nodes.test.ts',
      'packages/server/test/api/database-outage.test.ts',
      // curl runs the guide's commands.
      'packages/server/test/api/seed-curl.test.ts',
      // Their oracles are Debian's python3-yaml, the openstack CLI and the openssl binary.
      'packages/sdk/test/yaml.test.ts',
      'packages/sdk/test/files.test.ts',
      'packages/sdk/test/tls.test.ts',
      // Packs the built SDK and compiles a project against it.
      'packages/sdk/test/outside-monorepo.test.ts',
    ],
    // The tags of vitest.config.ts mark the tests, in the files above, that need the build or PostgreSQL: skipped here.
    tags: (whole.test?.tags ?? []).map((tag) => ({ ...tag, skip: true })),
    // Nothing here runs dist/, so no build first.
    globalSetup: [],
    env: {
      XLOUD_TEST_DATABASES: 'sqlite',
      XLOUD_TEST_POSTGRES_URL: `postgresql://postgres@${NO_SERVER}/postgres`,
      XLOUD_TEST_MYSQL_URL: `mysql://root@${NO_SERVER}/`,
    },
    // Forks, as in vitest.config.ts: threads measured no faster, and a worker thread may not set process.umask().
    pool: 'forks',
    // One module graph per worker instead of per file: the server's sources load once, not 70 times.
    isolate: false,
    // One more worker than cores: much of the run waits (token expiry, the revocation second, fsync), and a third
    // worker fills those waits (measured on 2 cores: 2 workers 49 s, 3 workers 40 s, 4 workers 38 s).
    maxWorkers: availableParallelism() + 1,
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache): the loop's reruns skip
    // most of the TypeScript transform.
    experimental: { fsModuleCache: true },
  },
});

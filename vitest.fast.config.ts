import { defineConfig } from 'vitest/config';
import whole from './vitest.config.ts';

/**
 * `npm run test:fast`: the edit-test loop. The unit tests, the service tests, the HTTP API suite and the SDK's own
 * tests, all on SQLite, needing nothing but `npm ci`: no build, no PostgreSQL, MariaDB, Redis or RabbitMQ, no Python
 * or other Debian package, no browser. `npm test` (vitest.config.ts) stays the whole suite and is what CI runs.
 */

/** Unreachable on purpose: a test that reaches for PostgreSQL or MariaDB fails here instead of quietly using one. */
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
      // Packs the built SDK and compiles a project with it.
      'packages/sdk/test/outside-monorepo.test.ts',
    ],
    tagsFilter: ['!compiled-bin && !postgres'],
    // No build: nothing here runs dist/.
    globalSetup: [],
    env: {
      XLOUD_TEST_DATABASES: 'sqlite',
      XLOUD_TEST_POSTGRES_URL: `postgresql://postgres@${NO_SERVER}/postgres`,
      XLOUD_TEST_MYSQL_URL: `mysql://root@${NO_SERVER}/`,
    },
    isolate: false,
    maxWorkers: 2,
  },
});

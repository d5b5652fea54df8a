import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Tests run from the TypeScript sources: the workspace packages' `xloud-source` export condition points at src/,
 * so importing `@xloud/sdk` or `@xloud/identity-schemas` needs no build. Tests that start the real bins (which run
 * the compiled dist/) get a fresh build from the global setup.
 */
const SOURCE_CONDITION = 'xloud-source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: {
    resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions], externalConditions: [SOURCE_CONDITION] },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // What a test needs beyond `npm ci` when its file alone does not say it; `npm run test:fast` leaves these out.
    tags: [
      { name: 'compiled-bin', description: 'starts a compiled bin, so it needs the build (dist/)' },
      { name: 'postgres', description: 'needs the PostgreSQL server whatever XLOUD_TEST_DATABASES says' },
    ],
  },
});

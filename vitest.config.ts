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
  },
});

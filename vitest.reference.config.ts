import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Compatibility checks against a running reference Keystone (`npm run test:reference`); not part of `npm test`. */
export default defineConfig({
  // the workspace packages from their TypeScript sources, as in vitest.config.ts
  resolve: { conditions: ['xloud-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['xloud-source', ...defaultServerConditions], externalConditions: ['xloud-source'] } },
  test: {
    include: ['packages/*/test/**/*.check.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

/** Compatibility checks against a running reference Keystone (`npm run test:reference`); not part of `npm test`. */
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.check.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

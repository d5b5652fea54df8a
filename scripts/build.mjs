#!/usr/bin/env node
// `npm run build` (first half): compiles schemas, sdk, server and cli to their dist/ (tsc -b, incremental).
import { build } from './build-state.mjs';

try {
  build();
} catch {
  process.exit(1);
}

#!/usr/bin/env node
// `node scripts/ensure-build.mjs`: compiles the packages when their build is missing or older than their sources.
import { ensureBuilt } from './build-state.mjs';

try {
  ensureBuilt(process.argv[2] ?? 'build');
} catch {
  process.stderr.write('the TypeScript build failed (see above); fix it, or run `npm run build` to see the errors again\n');
  process.exit(1);
}

#!/usr/bin/env node
// `node scripts/ensure-build.mjs`: compiles the packages when their build is missing or older than their sources.
import { ensureBuilt } from './build-state.mjs';

try {
  ensureBuilt(process.argv[2] ?? 'build');
} catch (error) {
  const reason = error instanceof Error && !('status' in error) ? error.message : 'see the errors above';
  process.stderr.write(`the TypeScript build failed (${reason}); \`npm run build\` shows it again\n`);
  process.exit(1);
}

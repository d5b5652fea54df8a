#!/usr/bin/env node
// Runs the compiled server (dist/, from `npm run build`; `npm start` and the quick start build it when stale).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('xloud-identity: not built yet: run `npm run build` in the repository first\n');
  process.exit(1);
}
// stack traces name the TypeScript sources (dist/ carries source maps)
process.setSourceMapsEnabled(true);
await import(entry.href);

#!/usr/bin/env node
// Runs the compiled admin command (dist/, from `npm run build`; `npm run manage` builds it when stale).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/manage/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('xloud-manage: not built yet: run `npm run build` in the repository first\n');
  process.exit(1);
}
// stack traces name the TypeScript sources (dist/ carries source maps)
process.setSourceMapsEnabled(true);
const { main } = await import(entry.href);
await main();

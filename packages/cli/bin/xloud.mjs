#!/usr/bin/env node
// The `xloud` command: runs the compiled CLI (dist/, from `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('xloud: cannot start: not built yet: run `npm run build` in the repository first\n');
  process.exit(1);
}
// Stack traces naming the TypeScript sources (dist/ carries source maps) are only wanted when debugging: xloud prints
// errors as one line, and enabling source maps costs a measurable part of start-up (`xloud --version`).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
let main;
try {
  ({ main } = await import(entry.href));
} catch (e) {
  // a broken installation: one line, no stack trace
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`xloud: cannot start: ${message}\n`);
  process.exit(1);
}
await main();

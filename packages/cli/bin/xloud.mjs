#!/usr/bin/env node
// The `xloud` command: TypeScript sources run through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
let main;
try {
  ({ main } = await import('../src/main.ts'));
} catch (e) {
  // a broken installation: one line, no stack trace
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`xloud: cannot start: ${message}\n`);
  process.exit(1);
}
await main();

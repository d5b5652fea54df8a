import { ensureBuiltShared } from './scripts/build-state.mjs';

/**
 * Tests import the TypeScript sources, but the ones that start the real bins (`xloud`, `xloud-identity`) run the
 * compiled dist/: compile once before the run when the build is missing or older than the sources.
 */
export default async function setup(): Promise<void> {
  await ensureBuiltShared('vitest');
}

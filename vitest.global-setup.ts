import { ensureBuiltShared } from './scripts/build-state.mjs';

/**
 * Tests import the TypeScript sources, but the ones that start the real bins (`xloud`, `xloud-identity`) run the
 * compiled dist/: compile once before the run when the build is missing or older than the sources. A type error
 * does not stop the run (tsc still emits, and the source-level tests are what would show the problem).
 */
export default async function setup(): Promise<void> {
  try {
    await ensureBuiltShared('vitest');
  } catch (error) {
    console.warn(
      `[vitest] the TypeScript build (tsc -b tsconfig.build.json) failed; tests of the bins run what it emitted: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

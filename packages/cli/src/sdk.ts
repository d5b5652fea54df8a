/**
 * The SDK, loaded when a command is about to run rather than at start-up: importing it (and the YAML parser it
 * brings) costs more than everything else `xloud --version` or `xloud --help` does. Code that runs inside a command
 * reaches it through `sdk()`; only types are imported from '@xloud/sdk' statically.
 */
type Sdk = typeof import('@xloud/sdk');

let loaded: Sdk | undefined;

/** Loads the SDK once; program.ts awaits this before any command runs. */
export async function loadSdk(): Promise<Sdk> {
  loaded ??= await import('@xloud/sdk');
  return loaded;
}

/** The SDK, for code that runs inside a command (after `loadSdk()`). */
export function sdk(): Sdk {
  if (!loaded) throw new Error('internal error: the SDK was used before loadSdk()');
  return loaded;
}

import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * A client package, loaded when first used instead of at start. Every process (each worker of a multi-process
 * server) would otherwise carry the drivers of the databases, caches and brokers it is not configured for:
 * pg, mysql2, ioredis and yaml together hold ~30 MiB of resident memory per process.
 */
export function loadOnFirstUse<Package>(specifier: string): Package {
  return requireFromHere(specifier) as Package;
}

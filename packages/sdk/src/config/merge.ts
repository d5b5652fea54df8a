import { readConfigFile } from './files.ts';

/** One cloud's settings as written in a clouds or secure file (null for an empty entry). */
export type CloudEntry = Record<string, unknown> | null;

/**
 * The clouds of several clouds (or secure) files merged by name: files are given highest precedence first, and a
 * cloud defined in more than one comes whole from the first file that defines it — entries are not mixed key by
 * key, so two unrelated clouds that share a name never blend into one. Every other cloud of every file stays
 * visible. `origin` names the file each cloud came from.
 *
 * @throws {ConfigError} if a file is unreadable or malformed (see `readConfigFile`).
 * @example
 * ```ts
 * mergeCloudFiles(['/w/clouds.yaml', '/home/me/.config/openstack/clouds.yaml']);
 * // { clouds: { dev: {…}, prod: {…} }, origin: { dev: '/w/clouds.yaml', prod: '/home/me/.config/openstack/clouds.yaml' } }
 * ```
 */
export function mergeCloudFiles(files: string[]): { clouds: Record<string, CloudEntry>; origin: Record<string, string> } {
  // Maps, not plain objects: a cloud may be called `constructor` or `__proto__`.
  const clouds = new Map<string, CloudEntry>();
  const origin = new Map<string, string>();
  for (const file of files) {
    const defined = (readConfigFile(file).clouds ?? {}) as Record<string, CloudEntry>;
    for (const [name, entry] of Object.entries(defined)) {
      if (origin.has(name)) continue;
      clouds.set(name, entry);
      origin.set(name, file);
    }
  }
  return { clouds: Object.fromEntries(clouds), origin: Object.fromEntries(origin) };
}

import { dirname } from 'node:path';
import { readConfigFile } from './files.ts';

/** One cloud's settings as written in a clouds or secure file (null for an empty entry). */
type CloudEntry = Record<string, unknown> | null;

/** The clouds a clouds or secure file defines, as a Map: a cloud may be called `constructor` or `__proto__`. */
function cloudsOf(file: string): Map<string, CloudEntry> {
  return new Map(Object.entries((readConfigFile(file).clouds ?? {}) as Record<string, CloudEntry>));
}

/**
 * The clouds of several clouds files merged by name: files are given highest precedence first, and a cloud defined
 * in more than one comes whole from the first file that defines it — entries are not mixed key by key, so two
 * unrelated clouds that share a name never blend into one. Every other cloud of every file stays visible. `origin`
 * names the file each cloud came from.
 *
 * @throws {ConfigError} if a file is unreadable or malformed (see `readConfigFile`).
 * @example
 * ```ts
 * mergeCloudFiles(['/w/clouds.yaml', '/home/me/.config/openstack/clouds.yaml']);
 * // { clouds: Map { 'dev' => {…}, 'prod' => {…} }, origin: Map { 'dev' => '/w/clouds.yaml', 'prod' => '/home/me/…' } }
 * ```
 */
export function mergeCloudFiles(files: string[]): { clouds: Map<string, CloudEntry>; origin: Map<string, string> } {
  const clouds = new Map<string, CloudEntry>();
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const [name, entry] of cloudsOf(file)) {
      if (origin.has(name)) continue;
      clouds.set(name, entry);
      origin.set(name, file);
    }
  }
  return { clouds, origin };
}

/**
 * The secure.yaml entry of cloud `name`: from the first secure file (highest precedence first) that names it —
 * except a secure file whose own directory's clouds file defines that cloud too but lost it to a higher-precedence
 * file: those secrets belong to the hidden cloud, not to the one in use.
 *
 * @example
 * ```ts
 * secureEntryFor('dev', files.secureFiles, files.cloudsFiles, merged.origin.get('dev'));
 * // { entry: { auth: { password: '…' } }, file: '/home/me/.config/openstack/secure.yaml' }
 * ```
 */
export function secureEntryFor(
  name: string,
  secureFiles: string[],
  cloudsFiles: string[],
  cloudOrigin: string | undefined,
): { entry: CloudEntry; file: string } | undefined {
  for (const file of secureFiles) {
    const defined = cloudsOf(file);
    if (!defined.has(name)) continue;
    const sibling = cloudsFiles.find((f) => dirname(f) === dirname(file));
    if (sibling && sibling !== cloudOrigin && cloudOrigin !== undefined && cloudsOf(sibling).has(name)) continue;
    return { entry: defined.get(name) ?? null, file };
  }
  return undefined;
}

/**
 * Every cloud name the clouds and secure files define, highest-precedence file first.
 *
 * @example
 * ```ts
 * cloudNames(files.cloudsFiles, files.secureFiles); // ['dev', 'prod']
 * ```
 */
export function cloudNames(cloudsFiles: string[], secureFiles: string[]): string[] {
  return [...new Set([...mergeCloudFiles(cloudsFiles).origin.keys(), ...mergeCloudFiles(secureFiles).origin.keys()])];
}

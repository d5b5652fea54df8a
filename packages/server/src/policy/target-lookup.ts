/*
 * Resolves the `key` of a `%(key)s` substitution. Keystone hands oslo.policy a
 * flattened dict (`{'target.user.domain_id': ...}` plus URL parameters such as
 * `user_id`); TypeScript callers usually pass nested objects. Both spellings,
 * and mixtures of them, resolve to the same value.
 */

export type Lookup = { found: true; value: unknown } | { found: false };

const NOT_FOUND: Lookup = { found: false };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolvePath(container: unknown, segments: string[]): Lookup {
  if (segments.length === 0) return { found: true, value: container };
  if (!isPlainObject(container)) return NOT_FOUND;
  // Longest key first, so an exact flattened key wins as it does in Python.
  for (let take = segments.length; take >= 1; take -= 1) {
    const key = segments.slice(0, take).join('.');
    if (!Object.hasOwn(container, key) || container[key] === undefined) continue;
    const found = resolvePath(container[key], segments.slice(take));
    if (found.found) return found;
  }
  return NOT_FOUND;
}

/** True when the dict has no `target` section, i.e. the caller passed the target object itself. */
function isBareTarget(dict: Record<string, unknown>): boolean {
  return !Object.keys(dict).some((key) => key === 'target' || key.startsWith('target.'));
}

/**
 * Looks `key` up in the target dict. A `target.`-prefixed key also resolves
 * against a bare target object (`{user: {...}}`), but only when the dict has no
 * `target` section at all, so URL parameters at the top level of a
 * Keystone-style dict can never stand in for missing target data.
 */
export function lookupTargetValue(dict: Record<string, unknown>, key: string): Lookup {
  const segments = key.split('.');
  const direct = resolvePath(dict, segments);
  if (direct.found || segments[0] !== 'target' || segments.length < 2 || !isBareTarget(dict)) return direct;
  return resolvePath(dict, segments.slice(1));
}

import { UnauthorizedError, ValidationError } from '../../errors.ts';

/** [resource] project_name_url_safe / domain_name_url_safe. */
export type UrlSafeMode = 'off' | 'new' | 'strict';

export interface UrlSafeNames {
  project: UrlSafeMode;
  domain: UrlSafeMode;
}

/** RFC 3986's reserved characters, as Keystone's keystone/common/utils.py lists them. */
const URL_RESERVED_CHARS = ":/?#[]@!$&'()*+,;=";

/** The reserved characters of a name, in order and repeated as they occur (Keystone's list_url_unsafe_chars). */
function urlUnsafeChars(name: string): string {
  return [...name].filter((c) => URL_RESERVED_CHARS.includes(c)).join('');
}

type Entity = 'Project' | 'Domain';

/** Creating or renaming under `new` or `strict`: Keystone's 400 naming the characters. */
export function assertNameUrlSafe(entity: Entity, mode: UrlSafeMode, name: string): void {
  if (mode === 'off') return;
  const unsafe = urlUnsafeChars(name);
  if (unsafe.length > 0)
    throw new ValidationError(`${entity} name cannot contain the following reserved characters: ${unsafe}`);
}

/**
 * Scoping a token by name under `strict` (keystone/auth/core.py): a generic 401, whose reason only
 * [DEFAULT] insecure_debug shows. Scoping by id is never refused, so such a project stays reachable.
 */
export function assertScopeNameUrlSafe(entity: Entity, mode: UrlSafeMode, name: string): void {
  if (mode === 'strict' && urlUnsafeChars(name).length > 0) {
    throw new UnauthorizedError(undefined, `${entity} name cannot contain reserved characters.`);
  }
}

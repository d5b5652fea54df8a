/** Options and helpers several identity commands share (openstackclient's `identity/common.py`). */
import type { OptionSpec } from '../command.ts';
import { CommandError } from '../command.ts';
import type { Context } from '../context.ts';

export const enableDisable = (what: string, defaultNote = ''): OptionSpec[] => [
  { flags: '--enable', description: `Enable ${what}${defaultNote}` },
  { flags: '--disable', description: `Disable ${what}` },
];

export const immutableOptions: OptionSpec[] = [
  {
    flags: '--immutable',
    description:
      'Make resource immutable. An immutable project may not be deleted or modified except to remove the immutable flag',
  },
  { flags: '--no-immutable', description: 'Make resource mutable (default)' },
];

export const userDomainOption: OptionSpec = {
  flags: '--user-domain <user-domain>',
  description: 'Domain the user belongs to (name or ID). This can be used in case collisions between user names exist.',
};
export const groupDomainOption: OptionSpec = {
  flags: '--group-domain <group-domain>',
  description:
    'Domain the group belongs to (name or ID). This can be used in case collisions between group names exist.',
};
export const projectDomainOption: OptionSpec = {
  flags: '--project-domain <project-domain>',
  description:
    'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.',
};
export const roleDomainOption: OptionSpec = {
  flags: '--role-domain <role-domain>',
  description:
    'Domain the role belongs to (name or ID). This must be specified when the name of a domain specific role is used.',
};
export const inheritedOption: OptionSpec = {
  flags: '--inherited',
  description: 'Specifies if the role grant is inheritable to the sub projects',
};

/** `options` for `--immutable/--no-immutable` (commander gives true / false / undefined). */
export function immutableOf(opts: Record<string, unknown>): Record<string, boolean> {
  return typeof opts.immutable === 'boolean' ? { immutable: opts.immutable } : {};
}

/**
 * Runs `action` for every item of a multi-item delete, logging each failure like openstackclient and failing with
 * `N of M <things> failed to delete.` at the end.
 */
export async function forEachItem(
  ctx: Context,
  items: string[],
  action: (item: string) => Promise<void>,
  failure: (item: string, e: unknown) => string,
  summary: (errors: number, total: number) => string,
): Promise<void> {
  let errors = 0;
  for (const item of items) {
    try {
      await action(item);
    } catch (e) {
      errors++;
      ctx.warn(failure(item, e));
    }
  }
  if (errors > 0) throw new CommandError(summary(errors, items.length));
}

/** An error's one-line message. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');

export const deleteFailure =
  (resource: string, label = 'name or ID') =>
  (item: string, e: unknown) =>
    `Failed to delete ${resource} with ${label} '${item}': ${messageOf(e)}`;

export const deleteSummary = (plural: string) => (errors: number, total: number) =>
  `${errors} of ${total} ${plural} failed to delete.`;

/** argparse's `required=True` options: a usage error (exit 2) naming every missing one. */
export function requireOptions(
  path: string[],
  given: Record<string, unknown>,
  required: Array<[attr: string, flag: string]>,
): void {
  const missing = required
    .filter(([attr]) => given[attr] === undefined || (Array.isArray(given[attr]) && !(given[attr] as unknown[]).length))
    .map(([, flag]) => flag);
  if (missing.length)
    throw new CommandError(
      `xloud ${path.join(' ')}: error: the following arguments are required: ${missing.join(', ')}`,
      2,
    );
}

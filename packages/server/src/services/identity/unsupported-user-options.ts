import { ValidationError } from '../../errors.ts';

/**
 * The user options multi_factor_auth_enabled and multi_factor_auth_rules. Keystone enforces them at sign-in
 * (auth receipts, keystone/auth/core.py UserMFARulesValidator); this server does not yet, so accepting them
 * would promise a second factor that nobody checks. They are refused until multi-factor authentication is
 * implemented.
 *
 * Values that ask for no multi-factor authentication stay accepted, because they change nothing about how the
 * user signs in here or in Keystone: null (remove the option), false for multi_factor_auth_enabled, and an
 * empty rule list. So `openstack user set --disable-multi-factor-auth` and clean-up requests keep working.
 */
export function assertUserOptionsSupported(options: Record<string, unknown> | undefined): void {
  if (!options) return;
  const enabled = options.multi_factor_auth_enabled;
  if (enabled !== undefined && enabled !== null && enabled !== false) {
    throw notSupported('multi_factor_auth_enabled', 'only false or null is accepted');
  }
  const rules = options.multi_factor_auth_rules;
  if (rules !== undefined && rules !== null && !(Array.isArray(rules) && rules.length === 0)) {
    throw notSupported('multi_factor_auth_rules', 'only [] or null is accepted');
  }
}

function notSupported(option: string, accepted: string): ValidationError {
  return ValidationError.field(
    `options/${option}`,
    `multi-factor authentication is not supported yet by this server, so the option would not be enforced; ${accepted}`,
  );
}

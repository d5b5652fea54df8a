import { booleanOption, integerOption, regexOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[security_compliance]`: PCI-DSS style controls, all off by default. */
export const securityComplianceSection = {
  disable_user_account_days_inactive: integerOption({
    min: 1,
    help:
      'Days without authenticating by password after which a user counts as disabled (shown enabled=false, ' +
      'refused sign-in) until an administrator enables it again. Users with the ignore_user_inactivity ' +
      'option are exempt. Unset: never.',
  }),
  lockout_failure_attempts: integerOption({
    min: 1,
    help:
      'Failed authentications in a row after which the account is locked for ' +
      'lockout_duration seconds. Unset: no lockout.',
  }),
  lockout_duration: integerOption({
    default: 1800,
    min: 1,
    help: 'Seconds an account stays locked after lockout_failure_attempts failures.',
  }),
  password_expires_days: integerOption({
    min: 1,
    help: 'Days a newly set password stays valid. Unset: passwords do not expire.',
  }),
  unique_last_password_count: integerOption({
    default: 0,
    min: 0,
    help:
      'How many recent passwords (including the new one) a new password must differ ' + 'from. 0: no history check.',
  }),
  minimum_password_age: integerOption({
    default: 0,
    min: 0,
    help:
      'Days a password must be kept before the user may change it again (administrators ' +
      'can always reset it). Keep it below password_expires_days.',
  }),
  password_regex: regexOption({
    help: 'Regular expression a new password must match. Unset: any password.',
  }),
  password_regex_description: stringOption({
    help: 'Human-readable explanation of password_regex, returned when a password is refused.',
  }),
  change_password_upon_first_use: booleanOption({
    default: false,
    help:
      'Make users change their password after it was set by an administrator (on creation ' +
      'or reset), unless the user has the ignore_change_password_upon_first_use option.',
  }),
} satisfies SectionSchema;

import { choiceOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[receipt]`: the auth receipts a sign-in gets when a user's multi-factor rules want another method. */
export const receiptSection = {
  expiration: integerOption({
    default: 300,
    min: 0,
    max: 86400,
    help:
      'Seconds a receipt stays valid: the time a user has to present the missing method (a TOTP passcode, say) ' +
      'along with the receipt.',
  }),
  provider: choiceOption({
    default: 'fernet',
    choices: ['fernet'],
    help: 'Receipt format. Only Fernet receipts are implemented (they need the keys in [fernet_receipts]).',
  }),
} satisfies SectionSchema;

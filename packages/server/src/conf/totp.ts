import { integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[totp]`. */
export const totpSection = {
  included_previous_windows: integerOption({
    default: 1,
    min: 0,
    max: 10,
    help:
      'Number of 30-second steps before the current one whose passcode is still accepted, for clocks that lag ' +
      'and users who type slowly. Each passcode is accepted once per user whatever this is.',
  }),
} satisfies SectionSchema;

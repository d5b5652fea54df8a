import { integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[application_credential]`. */
export const applicationCredentialSection = {
  user_limit: integerOption({
    default: -1,
    min: -1,
    help: 'Maximum number of application credentials per user. -1: unlimited.',
  }),
} satisfies SectionSchema;

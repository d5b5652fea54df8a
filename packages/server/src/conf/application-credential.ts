import { booleanOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[application_credential]`. */
export const applicationCredentialSection = {
  user_limit: integerOption({
    default: -1,
    min: -1,
    help: 'Maximum number of application credentials per user. -1: unlimited.',
  }),
  caching: booleanOption({
    default: true,
    help: 'Cache application credentials. Needs [cache] enabled.',
  }),
  cache_time: integerOption({
    min: 0,
    help: 'Seconds to cache application credentials. Unset: [cache] expiration_time.',
  }),
} satisfies SectionSchema;

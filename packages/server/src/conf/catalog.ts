import { booleanOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[catalog]`. */
export const catalogSection = {
  caching: booleanOption({
    default: true,
    help: 'Cache the service catalog. Needs [cache] enabled.',
  }),
  cache_time: integerOption({
    min: 0,
    help: 'Seconds to cache catalog data. Unset: [cache] expiration_time.',
  }),
  list_limit: integerOption({
    help: 'Maximum number of services or endpoints in one list response. Unset: [DEFAULT] list_limit.',
  }),
} satisfies SectionSchema;

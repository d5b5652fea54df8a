import { booleanOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[revoke]`. */
export const revokeSection = {
  expiration_buffer: integerOption({
    default: 1800,
    min: 0,
    help:
      'Seconds a revocation event is kept after the tokens it revokes have expired, so ' +
      'clock skew between nodes cannot bring a revoked token back.',
  }),
  caching: booleanOption({
    default: true,
    help: 'Cache the revocation list. Needs [cache] enabled.',
  }),
  cache_time: integerOption({
    default: 3600,
    min: 0,
    help: 'Seconds to cache the revocation list.',
  }),
} satisfies SectionSchema;

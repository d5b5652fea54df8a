import { integerOption } from './option-builders.ts';
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
} satisfies SectionSchema;

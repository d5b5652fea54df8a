import { listOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[auth]`. */
export const authSection = {
  methods: listOption({
    default: ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential'],
    help:
      'Authentication methods accepted in POST /v3/auth/tokens, in the order they are ' +
      'tried. Methods not implemented here are rejected at authentication time.',
  }),
} satisfies SectionSchema;

import { listOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[auth]`. */
export const authSection = {
  methods: listOption({
    default: ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential', 'totp'],
    help:
      'Authentication methods accepted in POST /v3/auth/tokens, in the order they are ' +
      'tried (the order numbers the methods inside Fernet tokens and receipts: keep it the same on every node and ' +
      "in a Keystone sharing the keys). Unlike Keystone's default, totp is on: two-factor sign-in is a standard " +
      'feature here. Methods not implemented here are rejected at authentication time.',
  }),
} satisfies SectionSchema;

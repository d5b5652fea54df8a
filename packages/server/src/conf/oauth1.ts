import { choiceOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[oauth1]`: the OS-OAUTH1 delegation extension. */
export const oauth1Section = {
  driver: choiceOption({
    default: 'sql',
    choices: ['sql'],
    help: 'Storage of consumers and OAuth tokens. Only the SQL store (on [database] connection) is implemented.',
  }),
  request_token_duration: integerOption({
    default: 28_800,
    min: 0,
    help:
      'Seconds a request token stays valid: the user must authorize it, and the consumer exchange it for an ' +
      'access token, within this time. 0: request tokens never expire.',
  }),
  access_token_duration: integerOption({
    default: 86_400,
    min: 0,
    help:
      'Seconds an access token stays valid; the consumer can obtain Keystone tokens with it until then, or until ' +
      'the authorizing user revokes it. 0: access tokens never expire.',
  }),
} satisfies SectionSchema;

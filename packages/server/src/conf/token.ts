import { booleanOption, choiceOption, integerOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[token]`. */
export const tokenSection = {
  expiration: integerOption({
    default: 3600,
    min: 0,
    help:
      'Lifetime of a new token in seconds. Shorter is safer for bearer tokens but makes users ' +
      'authenticate more often and can break long multi-service operations.',
  }),
  provider: choiceOption({
    default: 'fernet',
    choices: ['fernet'],
    help: 'Token format. Only Fernet tokens are implemented (they need the keys in [fernet_tokens]).',
  }),
  caching: booleanOption({
    default: true,
    help: 'Cache token validation results. Needs [cache] enabled.',
  }),
  cache_time: integerOption({
    min: 0,
    help: 'Seconds to cache token data. Unset: [cache] expiration_time.',
  }),
  revoke_by_id: booleanOption({
    default: true,
    help:
      'Token enumeration: false makes the revoked-token listing (GET /v3/auth/tokens/OS-PKI/revoked) answer ' +
      '410 Gone, as Keystone does. Revoking one token (DELETE /v3/auth/tokens) always works: Fernet tokens are ' +
      'revoked by audit id, not by token id.',
  }),
  allow_rescope_scoped_token: booleanOption({
    default: true,
    help:
      'Allow exchanging a scoped token for a token with another scope. When false, only ' +
      'unscoped tokens can be rescoped.',
  }),
  cache_on_issue: booleanOption({
    default: true,
    help: 'Put a newly issued token straight into the validation cache.',
    deprecated: 'Keystone deprecated this in favour of [token] caching.',
  }),
  allow_expired_window: integerOption({
    default: 172800,
    min: 0,
    help:
      'Seconds past expiry during which a token can still be fetched with allow_expired=true, ' +
      'so long-running operations can finish. Default: two days.',
  }),
} satisfies SectionSchema;

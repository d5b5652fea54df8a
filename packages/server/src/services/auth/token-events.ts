/**
 * What the token and revocation services report as they work, for the metrics. An interface here so that
 * services stay free of any metrics library; `silentTokenEvents` is the default.
 */
export type TokenValidationResult = 'valid' | 'malformed' | 'expired' | 'revoked' | 'invalid' | 'error';

export interface TokenEvents {
  /** One call per validate(): the outcome, including tokens no longer valid for other reasons ('invalid'). */
  validated(result: TokenValidationResult): void;
  /** A validation looked in the token cache (only when caching is on); a stale entry is a miss. */
  cacheLookup(hit: boolean): void;
  /** A revocation event was written: one token (and its rescoped children) or every token of a user. */
  revoked(by: 'token' | 'user'): void;
}

export const silentTokenEvents: TokenEvents = {
  validated: () => undefined,
  cacheLookup: () => undefined,
  revoked: () => undefined,
};

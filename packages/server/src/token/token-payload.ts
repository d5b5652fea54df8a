/**
 * What a token carries. Keystone's tokens only carry identifiers; everything else
 * (names, roles, catalog) is recomputed from the database at validation time.
 */
export type TokenScope =
  | { kind: 'unscoped' }
  | { kind: 'domain'; domainId: string }
  | { kind: 'project'; projectId: string }
  | { kind: 'system'; system: 'all' }
  | { kind: 'application_credential'; projectId: string; applicationCredentialId: string }
  | { kind: 'trust'; projectId: string; trustId: string }
  | { kind: 'oauth1'; projectId: string; accessTokenId: string };

export interface TokenPayload {
  userId: string;
  /** Auth method names, e.g. ['password'] or ['token', 'password']. */
  methods: string[];
  scope: TokenScope;
  /** Expiry, millisecond precision Date (Keystone stores float seconds). */
  expiresAt: Date;
  /** [own audit id, optional parent chain audit id]; 22-char base64url each. */
  auditIds: string[];
}

export interface DecodedToken extends TokenPayload {
  /** From the Fernet timestamp: whole seconds. */
  issuedAt: Date;
}

/** Turns payloads into opaque token strings and back. Pure: no database. */
export interface TokenProvider {
  issue(payload: TokenPayload, issuedAt?: Date): string;
  /** Throws TokenInvalidError (reason 'malformed') on any malformed, undecryptable or unknown-version token. */
  decode(token: string): DecodedToken;
}

/**
 * Storage port for OS-OAUTH1. Every `secret` here is Fernet ciphertext sealed with the credential key repository
 * (`secretKeyHash` names the key): OAuth1 signatures are keyed with the consumer and token secrets themselves, so
 * they cannot be hashed, but they are never stored in clear.
 */
export interface ConsumerRecord {
  id: string;
  description: string | null;
  secret: string;
  secretKeyHash: string;
  extra: Record<string, unknown>;
}

export interface RequestTokenRecord {
  id: string;
  secret: string;
  secretKeyHash: string;
  verifier: string | null;
  authorizingUserId: string | null;
  requestedProjectId: string;
  roleIds: string[] | null;
  consumerId: string;
  expiresAt: string | null;
}

export interface AccessTokenRecord {
  id: string;
  secret: string;
  secretKeyHash: string;
  authorizingUserId: string;
  projectId: string;
  roleIds: string[];
  consumerId: string;
  expiresAt: string | null;
}

/** Where a sealed OAuth1 secret is stored. */
export type SealedSecretKind = 'consumer' | 'request_token' | 'access_token';

export interface SealedSecret {
  kind: SealedSecretKind;
  id: string;
  secret: string;
  secretKeyHash: string;
}

export interface OAuth1Driver {
  /** Every sealed secret (consumers', request and access tokens'), for `credential migrate` and `rotate`. */
  listSealedSecrets(): Promise<SealedSecret[]>;
  resealSecret(kind: SealedSecretKind, id: string, sealed: { secret: string; secretKeyHash: string }): Promise<void>;
  getConsumer(id: string): Promise<ConsumerRecord | undefined>;
  listConsumers(): Promise<ConsumerRecord[]>;
  createConsumer(consumer: ConsumerRecord): Promise<void>;
  updateConsumer(id: string, patch: { description?: string | null; extra: Record<string, unknown> }): Promise<void>;
  /** Deletes the consumer with its request and access tokens; the ids of the access tokens it had. */
  deleteConsumer(id: string): Promise<string[]>;
  getRequestToken(id: string): Promise<RequestTokenRecord | undefined>;
  createRequestToken(token: RequestTokenRecord): Promise<void>;
  /** Sets who authorized the request token, its roles and verifier; false when it was already authorized. */
  authorizeRequestToken(
    id: string,
    authorization: { userId: string; roleIds: string[]; verifier: string },
  ): Promise<boolean>;
  /** Deletes the request token and creates the access token, atomically; false when the request token was gone. */
  exchangeRequestToken(requestTokenId: string, access: AccessTokenRecord): Promise<boolean>;
  getAccessToken(id: string): Promise<AccessTokenRecord | undefined>;
  listAccessTokens(userId: string): Promise<AccessTokenRecord[]>;
  deleteAccessToken(id: string): Promise<void>;
  /** Every OAuth1 token a user authorized, when the user is deleted; the access token ids. */
  deleteForUser(userId: string): Promise<string[]>;
}

import { randomInt } from 'node:crypto';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { RoleRecord } from '../assignment/assignment-driver.ts';
import type { CredentialProvider } from '../credential/credential-provider.ts';
import type { ServiceContext } from '../service-context.ts';
import type { AccessTokenRecord, ConsumerRecord, RequestTokenRecord } from './oauth1-driver.ts';
import {
  checkMandatoryParameters,
  isTokenKey,
  isVerifier,
  VERIFIER_CHARS,
  type MandatoryParameters,
} from './oauth1-checks.ts';
import { readOAuthParameters, type OAuthProtocolError, type SignedRequest } from './oauth1-request.ts';
import { verifySignature } from './oauth1-signature.ts';

/** A consumer as the API shows it: never its secret. */
export type PublicConsumer = Omit<ConsumerRecord, 'secret' | 'secretKeyHash'>;

/** An access token as the API shows it: never its secret. */
export type PublicAccessToken = Omit<AccessTokenRecord, 'secret' | 'secretKeyHash'>;

/** The key and secret of a new request or access token, handed to the consumer once. */
export interface IssuedOAuthToken {
  key: string;
  secret: string;
  expiresAt: string | null;
}

/** [oauth1] request_token_duration and access_token_duration, in seconds; 0 never expires. */
interface OAuth1Durations {
  requestTokenSeconds: number;
  accessTokenSeconds: number;
}

/** Keystone's message for an OAuth-level problem oauthlib reported (the description ends in its own period). */
const protocolError = (e: OAuthProtocolError) =>
  new ValidationError(`Validation failed with errors: ${e.error}, detail message is: ${e.description}.`);

const expecting = (attribute: string) =>
  new ValidationError(
    `Expecting to find ${attribute} in request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
  );

/** utils.isotime(at, subsecond=True), which zeroes the microseconds: as Keystone stores and returns OAuth expiry times. */
const isoMicroseconds = (date: Date) => `${date.toISOString().slice(0, 19)}.000000Z`;

/** Keystone's verifier: eight distinct characters of VERIFIER_CHARS (random.sample). */
function newVerifier(): string {
  const pool = [...VERIFIER_CHARS];
  let verifier = '';
  for (let i = 0; i < 8; i++) verifier += pool.splice(randomInt(pool.length), 1)[0];
  return verifier;
}

/**
 * OS-OAUTH1 delegation (keystone/oauth1 and keystone/api/os_oauth1.py): a consumer asks for a request token on a
 * project, a user with roles there authorizes it with some of them, the consumer exchanges it for an access token
 * and then signs token requests with it (the `oauth1` auth method). Signatures are checked as oauthlib checks them
 * for Keystone. Secrets are sealed with the credential key repository, never stored in clear.
 */
export class OAuth1Service {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly assignments: AssignmentService,
    private readonly sealer: CredentialProvider,
    private readonly durations: OAuth1Durations,
  ) {}

  // ---- consumers

  async createConsumer(input: {
    description?: string | null;
    extra: Record<string, unknown>;
  }): Promise<PublicConsumer & { secret: string }> {
    const secret = newId();
    const sealed = this.sealer.encrypt(secret);
    const consumer: ConsumerRecord = {
      id: newId(),
      description: input.description ?? null,
      secret: sealed.encryptedBlob,
      secretKeyHash: sealed.keyHash,
      extra: input.extra,
    };
    await this.ctx.store.oauth1.createConsumer(consumer);
    this.ctx.audit.resource('created', 'OS-OAUTH1:consumer', consumer.id);
    return { ...publicConsumer(consumer), secret };
  }

  async getConsumer(id: string): Promise<PublicConsumer> {
    return publicConsumer(await this.consumerRecord(id));
  }

  async listConsumers(): Promise<PublicConsumer[]> {
    return (await this.ctx.store.oauth1.listConsumers()).map(publicConsumer);
  }

  async updateConsumer(
    id: string,
    patch: { description?: string | null; extra: Record<string, unknown> },
  ): Promise<PublicConsumer> {
    const consumer = await this.consumerRecord(id);
    const extra = { ...consumer.extra, ...patch.extra };
    await this.ctx.store.oauth1.updateConsumer(id, { description: patch.description, extra });
    this.ctx.audit.resource('updated', 'OS-OAUTH1:consumer', id);
    return publicConsumer({
      ...consumer,
      description: patch.description === undefined ? consumer.description : patch.description,
      extra,
    });
  }

  /** Deletes the consumer with its request and access tokens; tokens issued through those stop validating. */
  async deleteConsumer(id: string): Promise<void> {
    await this.consumerRecord(id);
    await this.ctx.store.transaction((store) => store.oauth1.deleteConsumer(id));
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'OS-OAUTH1:consumer', id);
  }

  private async consumerRecord(id: string): Promise<ConsumerRecord> {
    const consumer = await this.ctx.store.oauth1.getConsumer(id);
    if (!consumer) throw new NotFoundError('Consumer not found');
    return consumer;
  }

  // ---- request tokens

  /** POST /v3/OS-OAUTH1/request_token: the consumer, signing with its secret alone, asks for a project. */
  async createRequestToken(request: SignedRequest, requestedProjectId: string | undefined): Promise<IssuedOAuthToken> {
    const header = this.oauthHeader(request);
    if (!header.consumerKey) throw expecting('oauth_consumer_key');
    if (!requestedProjectId) throw expecting('Requested-Project-Id');
    const project = await this.ctx.store.resource.getProject(requestedProjectId);
    if (!project || project.isDomain) throw NotFoundError.resource('project', requestedProjectId);
    await this.consumerRecord(header.consumerKey);
    const p = this.mandatory(request);
    if (p.realm) throw protocolError({ error: 'invalid_request', description: `Invalid realm ['${p.realm}'].` });
    if (!p.callback) throw protocolError({ error: 'invalid_request', description: 'Missing callback URI.' });
    const consumer = await this.ctx.store.oauth1.getConsumer(p.consumerKey);
    if (!consumer || !this.signed(request, p, consumer, undefined))
      throw new UnauthorizedError(undefined, 'Invalid signature');
    const secret = newId();
    const sealed = this.sealer.encrypt(secret);
    const token: RequestTokenRecord = {
      id: newId(),
      secret: sealed.encryptedBlob,
      secretKeyHash: sealed.keyHash,
      verifier: null,
      authorizingUserId: null,
      requestedProjectId,
      roleIds: null,
      consumerId: header.consumerKey,
      expiresAt: this.expiry(this.durations.requestTokenSeconds),
    };
    await this.ctx.store.oauth1.createRequestToken(token);
    this.ctx.audit.resource('created', 'OS-OAUTH1:request_token', token.id);
    return { key: token.id, secret, expiresAt: token.expiresAt };
  }

  /**
   * PUT /v3/OS-OAUTH1/authorize/{request_token_id}: the user delegates roles they hold on the requested project.
   * `delegated`: the caller's token is itself a delegation (trust, application credential, OAuth1), which may not
   * mint a new one.
   */
  async authorizeRequestToken(
    requestTokenId: string,
    user: { id: string; delegated: boolean },
    roles: Array<{ id?: string; name?: string }>,
  ): Promise<string> {
    if (user.delegated)
      throw new ForbiddenError('Cannot authorize a request token with a token issued via delegation.');
    const token = await this.requestTokenRecord(requestTokenId);
    const roleIds = new Set<string>();
    for (const ref of roles) {
      if (ref.id) roleIds.add(ref.id);
      else {
        const [role] = await this.ctx.store.assignment.listRoles({ name: ref.name, domainId: null });
        if (!role) throw NotFoundError.resource('role', ref.name ?? '');
        roleIds.add(role.id);
      }
    }
    const project = await this.ctx.store.resource.getProject(token.requestedProjectId);
    const held = project ? (await this.assignments.effectiveRoles(user.id, { project })).map((r) => r.id) : [];
    if (![...roleIds].every((id) => held.includes(id)))
      throw new UnauthorizedError(undefined, 'authorizing user does not have role required');
    const verifier = newVerifier();
    await this.ctx.store.oauth1.authorizeRequestToken(token.id, { userId: user.id, roleIds: [...roleIds], verifier });
    return verifier;
  }

  private async requestTokenRecord(id: string): Promise<RequestTokenRecord> {
    const token = await this.ctx.store.oauth1.getRequestToken(id);
    if (!token) throw new NotFoundError('Request token not found');
    if (this.expired(token.expiresAt)) throw new UnauthorizedError(undefined, 'Request token is expired');
    return token;
  }

  // ---- access tokens

  /** POST /v3/OS-OAUTH1/access_token: the consumer trades an authorized request token and its verifier. */
  async createAccessToken(request: SignedRequest): Promise<IssuedOAuthToken> {
    const header = this.oauthHeader(request);
    if (!header.consumerKey) throw expecting('oauth_consumer_key');
    if (!header.token) throw expecting('oauth_token');
    if (!header.verifier) throw expecting('oauth_verifier');
    const requestToken = await this.requestTokenRecord(header.token);
    const p = this.mandatory(request);
    if (!p.token) throw protocolError({ error: 'invalid_request', description: 'Missing resource owner.' });
    if (!isTokenKey(p.token))
      throw protocolError({ error: 'invalid_request', description: 'Invalid resource owner key format.' });
    if (!p.verifier) throw protocolError({ error: 'invalid_request', description: 'Missing verifier.' });
    if (!isVerifier(p.verifier))
      throw protocolError({ error: 'invalid_request', description: 'Invalid verifier format.' });
    const consumer = await this.ctx.store.oauth1.getConsumer(p.consumerKey);
    if (!consumer) throw new UnauthorizedError(undefined, 'Provided consumer does not exist.');
    const signedToken =
      p.token === requestToken.id ? requestToken : await this.ctx.store.oauth1.getRequestToken(p.token);
    if (!signedToken || signedToken.consumerId !== p.consumerKey)
      throw new UnauthorizedError(undefined, 'Provided consumer key does not match stored consumer key.');
    const verifierMatches = signedToken.verifier !== null && signedToken.verifier === p.verifier;
    if (!verifierMatches || !this.signed(request, p, consumer, signedToken.secret)) {
      throw new UnauthorizedError(
        undefined,
        requestToken.verifier !== header.verifier
          ? 'Provided verifier does not match stored verifier'
          : 'Invalid signature',
      );
    }
    if (!signedToken.authorizingUserId || !signedToken.roleIds)
      throw new UnauthorizedError(undefined, 'Request Token does not have an authorizing user id.');
    const secret = newId();
    const sealed = this.sealer.encrypt(secret);
    const access: AccessTokenRecord = {
      id: newId(),
      secret: sealed.encryptedBlob,
      secretKeyHash: sealed.keyHash,
      authorizingUserId: signedToken.authorizingUserId,
      projectId: signedToken.requestedProjectId,
      roleIds: signedToken.roleIds,
      consumerId: signedToken.consumerId,
      expiresAt: this.expiry(this.durations.accessTokenSeconds),
    };
    // The request token goes as the access token comes: a verifier works once, also when two requests race.
    const exchanged = await this.ctx.store.transaction((store) =>
      store.oauth1.exchangeRequestToken(signedToken.id, access),
    );
    if (!exchanged) throw new NotFoundError('Request token not found');
    this.ctx.audit.resource('created', 'OS-OAUTH1:access_token', access.id);
    return { key: access.id, secret, expiresAt: access.expiresAt };
  }

  /**
   * The `oauth1` auth method: a request signed with the consumer's and the access token's secrets. Answers the
   * access token, whose user and project the new token gets.
   */
  async authenticate(request: SignedRequest): Promise<PublicAccessToken> {
    const header = this.oauthHeader(request);
    if (!header.token) throw expecting('oauth_token');
    const access = await this.accessTokenRecord(header.token);
    if (this.expired(access.expiresAt)) throw new UnauthorizedError(undefined, 'Access token is expired');
    const refused = new UnauthorizedError(undefined, 'Could not validate the access token');
    const parsed = readOAuthParameters(request);
    if (!parsed.ok) throw refused;
    const checked = checkMandatoryParameters(parsed.value, this.nowSeconds());
    if (!checked.ok) throw refused;
    const p = checked.value;
    if (!p.token || !isTokenKey(p.token)) throw refused;
    const consumer = await this.ctx.store.oauth1.getConsumer(p.consumerKey);
    const signedToken = p.token === access.id ? access : await this.ctx.store.oauth1.getAccessToken(p.token);
    if (!consumer || !signedToken || !this.signed(request, p, consumer, signedToken.secret)) throw refused;
    return publicAccessToken(signedToken);
  }

  async getAccessToken(userId: string, id: string): Promise<PublicAccessToken> {
    const access = await this.accessTokenRecord(id);
    if (access.authorizingUserId !== userId) throw new NotFoundError('Could not find: access token.');
    return publicAccessToken(access);
  }

  async listAccessTokens(userId: string): Promise<PublicAccessToken[]> {
    return (await this.ctx.store.oauth1.listAccessTokens(userId)).map(publicAccessToken);
  }

  /** Revokes the access token: tokens issued with it stop validating at once. */
  async deleteAccessToken(userId: string, id: string): Promise<void> {
    const access = await this.accessTokenRecord(id);
    if (access.authorizingUserId !== userId) throw new UnauthorizedError(undefined, 'User IDs do not match');
    await this.ctx.store.oauth1.deleteAccessToken(id);
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'OS-OAUTH1:access_token', id);
  }

  /** The roles an access token delegates, for /users/{user_id}/OS-OAUTH1/access_tokens/{id}/roles. */
  async accessTokenRoles(userId: string, id: string): Promise<RoleRecord[]> {
    const access = await this.accessTokenRecord(id);
    if (access.authorizingUserId !== userId) throw new NotFoundError('Could not find: access token.');
    const roles = await this.ctx.store.assignment.listRoles({ ids: access.roleIds });
    return access.roleIds.flatMap((roleId) => roles.filter((r) => r.id === roleId));
  }

  async accessTokenRole(userId: string, id: string, roleId: string): Promise<RoleRecord> {
    const access = await this.accessTokenRecord(id);
    if (access.authorizingUserId !== userId) throw new UnauthorizedError(undefined, 'User IDs do not match');
    const role = access.roleIds.includes(roleId)
      ? (await this.ctx.store.assignment.listRoles({ ids: [roleId] }))[0]
      : undefined;
    if (!role) throw NotFoundError.resource('role', roleId);
    return role;
  }

  private async accessTokenRecord(id: string): Promise<AccessTokenRecord> {
    const access = await this.ctx.store.oauth1.getAccessToken(id);
    if (!access) throw new NotFoundError('Access token not found');
    return access;
  }

  // ---- the credential keys

  /** True when every OAuth1 secret is sealed with the primary credential key (so a rotation loses none). */
  async allSealedWithPrimaryKey(): Promise<boolean> {
    const primary = this.sealer.primaryKeyHash();
    return (await this.ctx.store.oauth1.listSealedSecrets()).every((s) => s.secretKeyHash === primary);
  }

  /** `credential migrate`: seals every OAuth1 secret not under the primary key with it again; returns how many. */
  async resealWithPrimaryKey(): Promise<number> {
    const primary = this.sealer.primaryKeyHash();
    let count = 0;
    for (const sealed of await this.ctx.store.oauth1.listSealedSecrets()) {
      if (sealed.secretKeyHash === primary) continue;
      const { encryptedBlob, keyHash } = this.sealer.encrypt(this.sealer.decrypt(sealed.secret));
      await this.ctx.store.oauth1.resealSecret(sealed.kind, sealed.id, {
        secret: encryptedBlob,
        secretKeyHash: keyHash,
      });
      count += 1;
    }
    return count;
  }

  // ---- signed requests

  /**
   * Keystone reads oauth_consumer_key (and oauth_token, oauth_verifier) from the Authorization header before
   * oauthlib sees the request; without an OAuth header Keystone fails with a 500, here a 401.
   */
  private oauthHeader(request: SignedRequest): { consumerKey?: string; token?: string; verifier?: string } {
    const parsed = request.authorization === undefined ? undefined : readOAuthParameters({ ...request, url: '' });
    if (request.authorization === undefined || !/^oauth /i.test(request.authorization.slice(0, 6)))
      throw new UnauthorizedError(undefined, 'The request you have made requires an OAuth Authorization header.');
    if (!parsed?.ok) return {};
    return { consumerKey: parsed.value.consumerKey, token: parsed.value.token, verifier: parsed.value.verifier };
  }

  private mandatory(request: SignedRequest): MandatoryParameters {
    const parsed = readOAuthParameters(request);
    if (!parsed.ok) throw protocolError(parsed.error);
    const checked = checkMandatoryParameters(parsed.value, this.nowSeconds());
    if (!checked.ok) throw protocolError(checked.error);
    return checked.value;
  }

  /** Opens the sealed secrets and checks the signature; a secret that no key opens fails like a bad signature. */
  private signed(
    request: SignedRequest,
    p: MandatoryParameters,
    consumer: ConsumerRecord,
    sealedTokenSecret: string | undefined,
  ): boolean {
    let consumerSecret: string;
    let tokenSecret: string | undefined;
    try {
      consumerSecret = this.sealer.decrypt(consumer.secret);
      tokenSecret = sealedTokenSecret === undefined ? undefined : this.sealer.decrypt(sealedTokenSecret);
    } catch {
      return false;
    }
    return verifySignature(
      {
        method: request.method,
        url: request.url,
        signatureMethod: p.signatureMethod,
        signature: p.signature,
        signed: p.signed,
      },
      consumerSecret,
      tokenSecret,
    );
  }

  private nowSeconds(): number {
    return this.ctx.clock.now().getTime() / 1000;
  }

  private expiry(seconds: number): string | null {
    if (seconds <= 0) return null;
    return isoMicroseconds(new Date(this.ctx.clock.now().getTime() + seconds * 1000));
  }

  private expired(expiresAt: string | null): boolean {
    return expiresAt !== null && this.ctx.clock.now().getTime() > new Date(expiresAt).getTime();
  }
}

function publicConsumer({ secret: _secret, secretKeyHash: _hash, ...rest }: ConsumerRecord): PublicConsumer {
  return rest;
}

function publicAccessToken({ secret: _secret, secretKeyHash: _hash, ...rest }: AccessTokenRecord): PublicAccessToken {
  return rest;
}

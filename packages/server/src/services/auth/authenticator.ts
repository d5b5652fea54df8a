import { ForbiddenError, IdentityError, TokenInvalidError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { newAuditId } from '../../token/audit-id.ts';
import type { TokenPayload, TokenScope } from '../../token/token-payload.ts';
import type { ApplicationCredentialService } from '../application-credential/application-credential-service.ts';
import type { ApplicationCredentialRecord } from '../application-credential/application-credential-driver.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { PasswordPolicy, ReservedPasswordCheck } from '../identity/password-policy.ts';
import { ROOT_DOMAIN_SENTINEL, type ProjectRecord } from '../resource/resource-driver.ts';
import { assertScopeNameUrlSafe, type UrlSafeNames } from '../resource/url-safe-names.ts';
import type { ServiceContext } from '../service-context.ts';
import type { AuthRequest, UserReference } from './auth-request.ts';
import { SignInAttempt, type ClientInfo, type SignInLog } from './sign-in-log.ts';
import type { TokenModel } from './token-model.ts';
import type { KnownRecords, TokenService } from './token-service.ts';
import type { SecondFactors } from './second-factor.ts';
import type { UserInDomain } from './token-scope-driver.ts';
import type { OAuth1Service, PublicAccessToken } from '../oauth1/oauth1-service.ts';
import type { SignedRequest } from '../oauth1/oauth1-request.ts';

/** A user as the auth methods found it: the password hash is not needed past the password check. */
type UserWithoutSecret = Omit<UserRecord, 'passwordHash'>;

interface SignedInUser {
  user: UserWithoutSecret;
  domain: ProjectRecord | undefined;
}

/** A project a token may be scoped to, with the ids of its ancestors (for inherited assignments). */
interface UsableProject {
  project: ProjectRecord;
  ancestorIds: string[];
}

/** A scope resolved for a new token, with the records loaded on the way (handed to token building). */
interface ResolvedScope {
  scope: TokenScope;
  tokenUserId: string;
  known: KnownRecords;
}

/** What comes with a sign-in besides its body. */
interface SignInOptions {
  /** The Openstack-Auth-Receipt header: the methods this user proved in an earlier, insufficient attempt. */
  receipt?: string;
  /** The HTTP request itself, which the `oauth1` method checks the signature of. */
  signedRequest?: SignedRequest;
}

/** What one auth method proved. */
interface MethodResult {
  userId: string;
  /** The user, checked usable (enabled, in an enabled domain), with the user's domain. */
  user: SignedInUser;
  /** Methods to record in the token (a re-scoped token also carries its parent's). */
  methods: string[];
  expiresAt?: Date;
  parentAuditId?: string;
  parentToken?: TokenModel;
  applicationCredential?: ApplicationCredentialRecord;
  /** The OAuth1 access token an `oauth1` sign-in was signed with: the token is scoped to its project. */
  accessToken?: PublicAccessToken;
}

export interface AuthSettings {
  methods: string[];
  allowRescopeScopedToken: boolean;
  /** [resource] *_name_url_safe: under `strict`, scoping by an unsafe name is refused. */
  urlSafeNames: UrlSafeNames;
  /** A real hash to verify against when the user does not exist, so timing does not reveal it. */
  decoyHash: string;
}

/** The failures Keystone gives a CADF reason (PCI-DSS: account locked, password expired). */
function failureReason(error: unknown): { reasonType: string; reasonCode: string } | undefined {
  if (!(error instanceof UnauthorizedError)) return undefined;
  const detail = [error.debugDetail, error.message].find(
    (text) => text !== undefined && /account is locked|password is expired/.test(text),
  );
  return detail === undefined ? undefined : { reasonType: detail, reasonCode: '401' };
}

/** POST /v3/auth/tokens: runs every requested method, resolves the scope, issues the token. */
export class Authenticator {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tokens: TokenService,
    private readonly assignments: AssignmentService,
    private readonly applicationCredentials: ApplicationCredentialService,
    private readonly passwords: PasswordPolicy,
    private readonly settings: AuthSettings,
    private readonly signIns: SignInLog,
    private readonly secondFactors: SecondFactors,
    private readonly oauth1: OAuth1Service,
  ) {}

  /**
   * Authenticates and issues a token. An attempt on a known user by password or application credential is
   * recorded in the sign-in log whatever its outcome: success means a token was issued.
   */
  async authenticate(request: AuthRequest, client: ClientInfo = {}, options: SignInOptions = {}): Promise<TokenModel> {
    const attempt = new SignInAttempt(client);
    try {
      const token = await this.issueFor(request, attempt, client, options);
      this.signIns.record(attempt, true);
      // A token-method sign-in names no user until its token is validated: the issued token says who it was.
      this.ctx.audit.authenticate('success', attempt.userId ?? token.user.id);
      return token;
    } catch (error) {
      this.signIns.record(attempt, false);
      if (attempt.userId !== undefined) this.ctx.audit.authenticate('failure', attempt.userId, failureReason(error));
      throw error;
    }
  }

  private async issueFor(
    request: AuthRequest,
    attempt: SignInAttempt,
    client: ClientInfo,
    options: SignInOptions,
  ): Promise<TokenModel> {
    // Before anything is loaded: the token built from what is loaded below is cached only if no write came between.
    const generation = this.tokens.cacheGeneration();
    const methods = [...new Set(request.identity.methods)];
    if (methods.length === 0) throw new ValidationError("Invalid input for field 'identity/methods': [] is too short");
    const results: MethodResult[] = [];
    for (const method of methods) {
      if (!this.settings.methods.includes(method))
        throw new UnauthorizedError('Attempted to authenticate with an unsupported method.');
      if (!(method in request.identity))
        throw new ValidationError(
          `Expecting to find ${method} in identity. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
        );
      results.push(await this.runMethod(method, request, attempt, client, options));
    }
    const userId = results[0]!.userId;
    if (results.some((r) => r.userId !== userId)) throw new UnauthorizedError('User IDs do not match');
    const merged: MethodResult = {
      userId,
      user: results[0]!.user,
      methods: [...new Set(results.flatMap((r) => r.methods))],
      expiresAt: results.find((r) => r.expiresAt)?.expiresAt,
      parentAuditId: results.find((r) => r.parentAuditId)?.parentAuditId,
      parentToken: results.find((r) => r.parentToken)?.parentToken,
      applicationCredential: results.find((r) => r.applicationCredential)?.applicationCredential,
      accessToken: results.find((r) => r.accessToken)?.accessToken,
    };
    // Keystone's order: the methods run, then a receipt adds what the user proved before, then the user's
    // multi-factor rules are checked, before anything about the scope.
    const receipt = options.receipt === undefined ? undefined : this.secondFactors.openReceipt(options.receipt, userId);
    if (receipt) merged.methods = [...new Set([...merged.methods, ...receipt.methods])];
    const userDomain = merged.user.domain;
    if (!userDomain) throw new UnauthorizedError();
    this.secondFactors.requireRules(merged.user.user, userDomain, merged.methods);
    const { scope, tokenUserId, known } = await this.resolveScope(request, merged.user, merged);
    const issuedAt = this.ctx.clock.now();
    let expiresAt = merged.expiresAt ?? this.tokens.defaultExpiry(issuedAt);
    const credentialExpiry = merged.applicationCredential?.expiresAt;
    if (credentialExpiry && new Date(credentialExpiry).getTime() < expiresAt.getTime())
      expiresAt = new Date(credentialExpiry);
    const payload: TokenPayload = {
      userId: tokenUserId,
      methods: merged.methods,
      scope,
      expiresAt,
      auditIds: merged.parentAuditId ? [newAuditId(), merged.parentAuditId] : [newAuditId()],
    };
    // Last before the token: a receipt completes one sign-in only, also when two requests race with it.
    if (receipt) await this.secondFactors.consumeReceipt(options.receipt!, receipt);
    try {
      return await this.tokens.issue(payload, issuedAt, known, generation);
    } catch (error) {
      if (error instanceof TokenInvalidError) throw new UnauthorizedError();
      throw error;
    }
  }

  private async runMethod(
    method: string,
    request: AuthRequest,
    attempt: SignInAttempt,
    client: ClientInfo,
    options: SignInOptions,
  ): Promise<MethodResult> {
    const identity = request.identity;
    switch (method) {
      case 'password':
        return this.password(identity.password!, attempt, client);
      case 'token':
        // Re-scoping an existing token is not a sign-in: nothing to record.
        return this.token(identity.token!, request);
      case 'application_credential':
        return this.applicationCredential(identity.application_credential!, request, attempt);
      case 'totp':
        return this.totp(identity.totp!, attempt);
      case 'oauth1':
        return this.oauth1Method(options.signedRequest, attempt);
      default:
        throw new UnauthorizedError('Attempted to authenticate with an unsupported method.');
    }
  }

  /** The user a request names, with the user's domain: one statement. */
  private async findUser(ref: UserReference): Promise<UserInDomain | undefined> {
    const store = this.ctx.store;
    if (ref.id !== undefined) return store.tokenScope.user({ id: ref.id });
    if (ref.name === undefined)
      throw new ValidationError(
        'Expecting to find id or name in user. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
      );
    if (!ref.domain || (ref.domain.id === undefined && ref.domain.name === undefined)) {
      throw new ValidationError(
        'Expecting to find domain in user. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
      );
    }
    const found =
      ref.domain.id !== undefined
        ? await store.tokenScope.user({ name: ref.name, domainId: ref.domain.id })
        : await store.tokenScope.user({ name: ref.name, domainName: ref.domain.name! });
    // A user is always in a domain: a name "in" anything else finds nobody.
    return found?.domain ? found : undefined;
  }

  private assertUserUsable(found: SignedInUser): void {
    if (!found.user.enabled) throw new UnauthorizedError();
    if (!found.domain?.enabled) throw new UnauthorizedError();
  }

  private async password(
    body: NonNullable<AuthRequest['identity']['password']>,
    attempt: SignInAttempt,
    client: ClientInfo,
  ): Promise<MethodResult> {
    // The hashing gate first: when it is full the answer is 503 for every user, known or not, and nothing has
    // counted against the lockout yet.
    const check = this.passwords.reserveCheck(client.gone);
    try {
      return await this.checkPassword(body, attempt, check);
    } finally {
      check.cancel();
    }
  }

  private async checkPassword(
    body: NonNullable<AuthRequest['identity']['password']>,
    attempt: SignInAttempt,
    check: ReservedPasswordCheck,
  ): Promise<MethodResult> {
    const found = await this.findUser(body.user);
    const user = found?.user;
    if (user) attempt.identify(user.id, 'password');
    if (!user?.passwordHash) {
      await check.verify(body.user.password, this.settings.decoyHash);
      throw new UnauthorizedError(undefined, 'Invalid username or password');
    }
    const now = this.ctx.clock.now();
    const counted = await this.claimAttempt(user, now);
    if (!(await check.verify(body.user.password, user.passwordHash)))
      throw new UnauthorizedError(undefined, 'Invalid username or password');
    // The right password releases the attempt it claimed, even if the account then turns out disabled or expired.
    await this.releaseAttempts(user, counted);
    this.assertUserUsable(found!);
    if (
      user.passwordExpiresAt &&
      now.getTime() >= new Date(user.passwordExpiresAt).getTime() &&
      user.options.ignore_password_expiry !== true
    ) {
      throw new UnauthorizedError(`The password is expired and needs to be changed for user: ${user.id}.`);
    }
    if ((user.lastActiveAt ?? '').slice(0, 10) !== now.toISOString().slice(0, 10)) {
      await this.ctx.store.identity.updateUser(user.id, { lastActiveAt: now.toISOString() });
    }
    const { passwordHash: _hash, ...withoutSecret } = user;
    return { userId: user.id, user: { user: withoutSecret, domain: found!.domain }, methods: ['password'] };
  }

  /**
   * [security_compliance] lockout: claims one attempt before the secret is checked, so that parallel guesses
   * cannot outrun the count. True when the attempt counts (the caller releases it on success); throws when locked.
   */
  private async claimAttempt(user: Pick<UserRecord, 'id' | 'options'>, now: Date): Promise<boolean> {
    const lockout = this.passwords.lockout;
    if (lockout === undefined || user.options.ignore_lockout_failure_attempts === true) return false;
    const claimed = await this.ctx.store.identity.claimPasswordAttempt(user.id, {
      attempts: lockout.attempts,
      expiredBefore: new Date(now.getTime() - lockout.durationSeconds * 1000).toISOString(),
      now: now.toISOString(),
    });
    if (!claimed) throw new UnauthorizedError(undefined, `The account is locked for user: ${user.id}.`);
    return true;
  }

  private async releaseAttempts(user: Pick<UserRecord, 'id' | 'failedAuthCount'>, counted: boolean): Promise<void> {
    if (counted || user.failedAuthCount > 0)
      await this.ctx.store.identity.updateUser(user.id, { failedAuthCount: 0, failedAuthAt: null });
  }

  /**
   * Keystone's totp method: the passcode of any of the user's `totp` credentials, or one of their self-service
   * recovery codes (each works once). Beyond Keystone, a passcode works once (TOTP steps are claimed in the database) and a wrong one counts toward the lockout like a wrong
   * password.
   */
  private async totp(
    body: NonNullable<AuthRequest['identity']['totp']>,
    attempt: SignInAttempt,
  ): Promise<MethodResult> {
    const found = await this.findUser(body.user);
    if (!found) throw new UnauthorizedError(undefined, 'Invalid username or TOTP passcode');
    const { passwordHash: _hash, ...user } = found.user;
    attempt.identify(user.id, 'totp');
    const counted = await this.claimAttempt(user, this.ctx.clock.now());
    if (!(await this.secondFactors.verifyPasscodeOrRecoveryCode(user.id, body.user.passcode)))
      throw new UnauthorizedError(undefined, 'Invalid username or TOTP passcode');
    await this.releaseAttempts(user, counted);
    this.assertUserUsable(found);
    return { userId: user.id, user: { user, domain: found.domain }, methods: ['totp'] };
  }

  /** Keystone's oauth1 method: a request signed with an access token acts as the user who authorized it. */
  private async oauth1Method(signed: SignedRequest | undefined, attempt: SignInAttempt): Promise<MethodResult> {
    if (!signed) throw new UnauthorizedError(undefined, 'Could not validate the access token');
    const access = await this.oauth1.authenticate(signed);
    attempt.identify(access.authorizingUserId, 'oauth1');
    const found = await this.ctx.store.tokenScope.user({ id: access.authorizingUserId });
    if (!found) throw new UnauthorizedError();
    this.assertUserUsable(found);
    const { passwordHash: _hash, ...user } = found.user;
    return { userId: user.id, user: { user, domain: found.domain }, methods: ['oauth1'], accessToken: access };
  }

  private async token(body: { id: string }, request: AuthRequest): Promise<MethodResult> {
    // Keystone answers 404 here too: an unknown, expired or revoked token is "not found", not a bad password.
    const parent = await this.tokens.validate(body.id);
    const wantsScope = request.scope !== undefined && request.scope !== 'unscoped';
    if (parent.oauth1) {
      throw new ForbiddenError(
        'You are not authorized to perform the requested action: Using OAuth-scoped token to create another token. Create a new OAuth-scoped token instead.',
      );
    }
    if (parent.trust) {
      throw new ForbiddenError(
        'You are not authorized to perform the requested action: Rescoping a trust-scoped token is not allowed.',
      );
    }
    if (parent.applicationCredential) {
      throw new ForbiddenError(
        'You are not authorized to perform the requested action: Rescoping an application credential token is not allowed.',
      );
    }
    if (parent.system && wantsScope) {
      const s = request.scope as Exclude<AuthRequest['scope'], 'unscoped' | undefined>;
      if (s.project || s.domain)
        throw new ForbiddenError(
          'You are not authorized to perform the requested action: Rescoping a system-scoped token to a project or domain is not allowed.',
        );
    }
    if (!this.settings.allowRescopeScopedToken && (parent.project || parent.domain)) {
      throw new ForbiddenError('You are not authorized to perform the requested action: rescope a scoped token.');
    }
    return {
      userId: parent.user.id,
      // Validated just now (or cached until any write): enabled, in an enabled domain.
      user: { user: parent.user, domain: parent.userDomain },
      methods: ['token', ...parent.methods],
      expiresAt: parent.expiresAt,
      parentAuditId: parent.auditIds.at(-1),
      parentToken: parent,
    };
  }

  private async applicationCredential(
    body: NonNullable<AuthRequest['identity']['application_credential']>,
    request: AuthRequest,
    attempt: SignInAttempt,
  ): Promise<MethodResult> {
    if (request.scope !== undefined) {
      throw new UnauthorizedError(
        'Error authenticating with application credential: Application credentials cannot request a scope.',
      );
    }
    let id = body.id;
    if (id === undefined) {
      if (body.name === undefined || body.user === undefined) {
        throw new ValidationError(
          'Expecting to find id or name and user in application_credential. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
        );
      }
      const owner = (await this.findUser(body.user))?.user;
      if (owner) attempt.identify(owner.id, 'application_credential');
      const found = owner && (await this.ctx.store.applicationCredentials.getByName(owner.id, body.name));
      if (!found) {
        await this.passwords.verify(body.secret, this.settings.decoyHash);
        throw new UnauthorizedError();
      }
      id = found.id;
    }
    const credential = await this.applicationCredentials.authenticate(id, body.secret);
    if (!credential) {
      // Only now, on the failure path, is the owner worth a lookup: the attempt is on their account.
      const ownerId = attempt.userId ?? (await this.applicationCredentials.ownerOf(id));
      if (ownerId) attempt.identify(ownerId, 'application_credential');
      throw new UnauthorizedError();
    }
    attempt.identify(credential.userId, 'application_credential');
    const found = await this.ctx.store.tokenScope.user({ id: credential.userId });
    if (!found) throw new UnauthorizedError();
    this.assertUserUsable(found);
    const { passwordHash: _hash, ...user } = found.user;
    return {
      userId: user.id,
      user: { user, domain: found.domain },
      methods: ['application_credential'],
      applicationCredential: credential,
    };
  }

  private async resolveScope(request: AuthRequest, user: SignedInUser, proof: MethodResult): Promise<ResolvedScope> {
    const known: KnownRecords = { user };
    const scope = await this.resolveScopeFor(request, user.user, proof, known);
    if (proof.applicationCredential) known.applicationCredential = proof.applicationCredential;
    return 'tokenUserId' in scope ? { ...scope, known } : { scope, tokenUserId: user.user.id, known };
  }

  /** Resolves the scope; `known` receives the records loaded on the way. */
  private async resolveScopeFor(
    request: AuthRequest,
    user: UserWithoutSecret,
    proof: MethodResult,
    known: KnownRecords,
  ): Promise<TokenScope | { scope: TokenScope; tokenUserId: string }> {
    const store = this.ctx.store;
    if (proof.accessToken) {
      // Keystone scopes an oauth1 token to the access token's project whatever scope the request names.
      const access = proof.accessToken;
      await this.requireRoles(user, await this.usableProject(access.projectId, known), known);
      known.accessToken = access;
      return { kind: 'oauth1', projectId: access.projectId, accessTokenId: access.id };
    }
    if (proof.applicationCredential) {
      const credential = proof.applicationCredential;
      if (!credential.projectId) throw new UnauthorizedError();
      await this.requireRoles(user, await this.usableProject(credential.projectId, known), known);
      return {
        kind: 'application_credential',
        projectId: credential.projectId,
        applicationCredentialId: credential.id,
      };
    }
    const scope = request.scope;
    if (scope === 'unscoped') return { kind: 'unscoped' };
    if (scope === undefined) {
      if (proof.parentToken) return { kind: 'unscoped' };
      return this.defaultProjectScope(user, known);
    }
    const keys = Object.keys(scope);
    if (keys.length !== 1)
      throw new ValidationError('Only one of project, domain, system or OS-TRUST:trust may be specified as the scope.');
    if (scope.project) {
      const ref = scope.project;
      let projectId: string | undefined;
      if (ref.id !== undefined) projectId = ref.id;
      else {
        if (ref.name !== undefined) assertScopeNameUrlSafe('Project', this.settings.urlSafeNames.project, ref.name);
        if (ref.name === undefined || !ref.domain || (ref.domain.id === undefined && ref.domain.name === undefined)) {
          throw new ValidationError(
            'Expecting to find domain in project. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
          );
        }
        const domain =
          ref.domain.id !== undefined
            ? await store.resource.getProject(ref.domain.id)
            : await this.domainByScopeName(ref.domain.name!);
        projectId = domain ? (await store.resource.getProjectByName(domain.id, ref.name))?.id : undefined;
      }
      if (projectId === undefined) throw new UnauthorizedError();
      const usable = await this.usableProject(projectId, known);
      await this.requireRoles(user, usable, known);
      return { kind: 'project', projectId: usable.project.id };
    }
    if (scope.domain) {
      const ref = scope.domain;
      const domain =
        ref.id !== undefined
          ? await store.resource.getProject(ref.id)
          : ref.name !== undefined
            ? await this.domainByScopeName(ref.name)
            : undefined;
      if (!domain?.isDomain || !domain.enabled) throw new UnauthorizedError();
      const roles = await this.assignments.effectiveRoles(user.id, { domainId: domain.id });
      if (roles.length === 0) throw new UnauthorizedError(`User ${user.id} has no access to domain ${domain.id}`);
      known.domain = domain;
      known.roles = roles;
      return { kind: 'domain', domainId: domain.id };
    }
    if (scope.system) {
      if (scope.system.all !== true)
        throw new ValidationError("Invalid input for field 'scope/system/all': must be true");
      const roles = await this.assignments.effectiveRoles(user.id, { system: true });
      if (roles.length === 0) throw new UnauthorizedError(`User ${user.id} has no access to the system`);
      known.roles = roles;
      return { kind: 'system', system: 'all' };
    }
    if (scope['OS-TRUST:trust']) return this.trustScope(scope['OS-TRUST:trust'].id, user, known);
    throw new ValidationError('Invalid scope.');
  }

  /** A domain named in a scope (the domain itself, or a project's); Keystone's _lookup_domain. */
  private domainByScopeName(name: string): Promise<ProjectRecord | undefined> {
    assertScopeNameUrlSafe('Domain', this.settings.urlSafeNames.domain, name);
    return this.ctx.store.resource.getProjectByName(ROOT_DOMAIN_SENTINEL, name);
  }

  /** Trust scope: the trustee acts on the trust's project with the delegated roles (as the trustor when impersonating). */
  private async trustScope(
    trustId: string,
    user: UserWithoutSecret,
    known: KnownRecords,
  ): Promise<{ scope: TokenScope; tokenUserId: string }> {
    const store = this.ctx.store;
    const trust = await store.trusts.get(trustId);
    const now = this.ctx.clock.now().getTime();
    if (!trust || (trust.expiresAt && new Date(trust.expiresAt).getTime() <= now)) throw new UnauthorizedError();
    if (trust.trusteeUserId !== user.id)
      throw new ForbiddenError('You are not authorized to perform the requested action: the user is not the trustee.');
    if (!trust.projectId) throw new UnauthorizedError();
    const trustor = await store.tokenScope.user({ id: trust.trustorUserId });
    if (!trustor) throw new UnauthorizedError();
    this.assertUserUsable(trustor);
    const project = await this.usableProject(trust.projectId, known);
    await this.requireRoles(trustor.user, project, known);
    if (!(await store.trusts.consumeUse(trust.id))) throw new ForbiddenError('The trust has no remaining uses.');
    const { passwordHash: _hash, ...trustorUser } = trustor.user;
    known.trust = {
      ...trust,
      remainingUses: trust.remainingUses === null ? null : trust.remainingUses - 1,
    };
    known.trustor = trustorUser;
    // An impersonating token is the trustor's: its user is the trustor.
    if (trust.impersonation) known.user = { user: trustorUser, domain: trustor.domain };
    return {
      scope: { kind: 'trust', projectId: project.project.id, trustId: trust.id },
      tokenUserId: trust.impersonation ? trustor.user.id : user.id,
    };
  }

  /** The project (enabled, in an enabled domain) with its ancestors and domain: one statement. */
  private async usableProject(projectId: string, known: KnownRecords): Promise<UsableProject> {
    const chain = await this.ctx.store.tokenScope.projectChain(projectId);
    const project = chain[0];
    if (!project || project.isDomain || !project.enabled) throw new UnauthorizedError();
    const domain = chain.find((p) => p.id === project.domainId);
    if (!domain?.enabled) throw new UnauthorizedError();
    known.projectChain = chain;
    const ancestorIds = chain
      .slice(1)
      .filter((p) => !p.isDomain)
      .map((p) => p.id);
    return { project, ancestorIds };
  }

  private async requireRoles(user: UserWithoutSecret, usable: UsableProject, known: KnownRecords): Promise<void> {
    const roles = await this.assignments.effectiveRoles(user.id, usable);
    if (roles.length === 0) {
      throw new UnauthorizedError(`User ${user.id} has no access to project ${usable.project.id}`);
    }
    known.roles = roles;
  }

  /** Keystone scopes to a valid default project when no scope was asked for, else issues unscoped. */
  private async defaultProjectScope(user: UserWithoutSecret, known: KnownRecords): Promise<TokenScope> {
    if (!user.defaultProjectId) return { kind: 'unscoped' };
    try {
      const project = await this.usableProject(user.defaultProjectId, known);
      await this.requireRoles(user, project, known);
      return { kind: 'project', projectId: project.project.id };
    } catch (error) {
      // Only "that project is not usable" falls back to unscoped; a database error must not silently
      // hand out an unscoped token instead of the default-project one.
      if (error instanceof IdentityError) return { kind: 'unscoped' };
      throw error;
    }
  }
}

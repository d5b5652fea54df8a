import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../../cache/bounded-cache.ts';
import { TokenInvalidError } from '../../errors.ts';
import type { DecodedToken, TokenPayload, TokenProvider } from '../../token/token-payload.ts';
import type { ApplicationCredentialRecord } from '../application-credential/application-credential-driver.ts';
import type { AssignmentService } from '../assignment/assignment-service.ts';
import { expandImpliedRoles } from '../assignment/role-service.ts';
import type { RevokeService } from '../revoke/revoke-service.ts';
import type { TrustRecord } from '../trust/trust-driver.ts';
import type { ServiceContext } from '../service-context.ts';
import { isAdminProject, type AdminProject } from './admin-project.ts';
import { silentTokenEvents, type TokenEvents, type TokenValidationResult } from './token-events.ts';
import type { TokenModel } from './token-model.ts';

interface CachedToken {
  model: TokenModel;
  generation: number;
}

export interface TokenSettings {
  expirationSeconds: number;
  allowExpiredWindowSeconds: number;
  cacheOnIssue: boolean;
  /** Most validation results kept. */
  cacheSize: number;
  /** Seconds a validation result may be reused; other processes' writes show up within this time. 0: no cache. */
  cacheSeconds: number;
  /** Receives validation outcomes and cache lookups (the metrics); default: nobody. */
  events?: TokenEvents;
  /** [DEFAULT] max_token_size: a longer token is not a token of ours and is refused without being decoded. */
  maxTokenSize?: number;
  /** [resource] admin_project_name / admin_project_domain_name; unset: tokens carry no is_admin_project. */
  adminProject?: AdminProject;
}

/** Which metrics bucket a validation failure falls in. */
function validationFailure(error: unknown): TokenValidationResult {
  if (!(error instanceof TokenInvalidError)) return 'error';
  return error.reason === 'stale' || error.reason === 'missing' ? 'invalid' : error.reason;
}

const trustEnded = (trust: TrustRecord, now: number) =>
  trust.expiresAt !== null && new Date(trust.expiresAt).getTime() <= now;

/** What a token stood for no longer holds (`what` is for operators: it never reaches the client). */
const stale = (what: string) => new TokenInvalidError('stale', what);

/**
 * Issues and validates tokens. Validation decodes the token, then recomputes user, scope and
 * roles from the database; the result is cached until any write that could change it, or for
 * [token] cache_time at most.
 */
export class TokenService {
  /** Undefined with [cache] enabled = false or [token] caching = false: every validation reads the database. */
  private readonly cache: LRUCache<string, CachedToken> | undefined;
  private generation = 0;
  private readonly events: TokenEvents;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly provider: TokenProvider,
    private readonly assignments: AssignmentService,
    private readonly revocations: RevokeService,
    private readonly settings: TokenSettings,
  ) {
    this.events = settings.events ?? silentTokenEvents;
    this.cache = boundedCache({ max: settings.cacheSize, ttlSeconds: settings.cacheSeconds, clock: ctx.clock });
  }

  /** Any committed write that could change a token's validity or content calls this. */
  invalidateCache(): void {
    this.generation += 1;
  }

  /** Pass the `now` the token is then issued at, so that a second boundary cannot fall between the two. */
  defaultExpiry(now: Date = this.ctx.clock.now()): Date {
    // Whole seconds, so issued_at (whole seconds) never exceeds a rendered expires_at by a fraction.
    const ms = now.getTime() + this.settings.expirationSeconds * 1000;
    return new Date(Math.floor(ms / 1000) * 1000);
  }

  async issue(payload: TokenPayload, now: Date = this.ctx.clock.now()): Promise<TokenModel> {
    const id = this.provider.issue(payload, now);
    const decoded: DecodedToken = { ...payload, issuedAt: new Date(Math.floor(now.getTime() / 1000) * 1000) };
    const generation = this.generation;
    const model = await this.buildModel(id, decoded);
    if (this.settings.cacheOnIssue) this.cache?.set(id, { model, generation });
    return model;
  }

  /** Throws TokenInvalidError for anything that is not a currently valid token. */
  async validate(token: string, options: { allowExpired?: boolean } = {}): Promise<TokenModel> {
    try {
      const model = await this.validateOrThrow(token, options.allowExpired ?? false);
      this.events.validated('valid');
      return model;
    } catch (error) {
      this.events.validated(validationFailure(error));
      throw error;
    }
  }

  private async validateOrThrow(token: string, allowExpired: boolean): Promise<TokenModel> {
    // The only length check: it runs before the cache and the decoder, bounding the work an unauthenticated
    // caller can make us do (8192 when unset is far above any token we issue).
    if (token.length === 0 || token.length > (this.settings.maxTokenSize ?? 8192))
      throw TokenInvalidError.malformed('bad length');
    const now = this.ctx.clock.now().getTime();
    const cached = this.cache?.get(token);
    const hit = cached !== undefined && cached.generation === this.generation;
    if (this.cache) this.events.cacheLookup(hit);
    if (hit) {
      this.assertNotExpired(cached.model.expiresAt, now, allowExpired);
      // A trust can end before its token does, and no write announces that: the cached model must check it too.
      if (cached.model.trust && trustEnded(cached.model.trust, now)) throw stale('trust');
      return cached.model;
    }
    const decoded = this.provider.decode(token);
    this.assertNotExpired(decoded.expiresAt, now, allowExpired);
    const generation = this.generation;
    const model = await this.buildModel(token, decoded);
    if (
      await this.revocations.isRevoked({
        userId: model.user.id,
        userDomainId: model.user.domainId,
        projectId: model.project?.id,
        projectDomainId: model.project?.domainId,
        domainId: model.domain?.id,
        roleIds: model.roles.map((r) => r.id),
        auditIds: model.auditIds,
        issuedAt: model.issuedAt,
        expiresAt: model.expiresAt,
        trustId: model.trust?.id,
        trustorUserId: model.trust?.trustorUserId,
        trusteeUserId: model.trust?.trusteeUserId,
      })
    ) {
      throw new TokenInvalidError('revoked');
    }
    this.cache?.set(token, { model, generation });
    return model;
  }

  private assertNotExpired(expiresAt: Date, now: number, allowExpired: boolean): void {
    const window = allowExpired ? this.settings.allowExpiredWindowSeconds * 1000 : 0;
    if (now >= expiresAt.getTime() + window) throw new TokenInvalidError('expired');
  }

  /** Recomputes everything a token stands for; throws TokenInvalidError if it no longer holds. */
  async buildModel(id: string, decoded: DecodedToken): Promise<TokenModel> {
    const store = this.ctx.store;
    const user = await store.identity.getUser(decoded.userId);
    if (!user?.enabled) throw stale('user');
    const userDomain = await store.resource.getProject(user.domainId);
    if (!userDomain?.enabled) throw stale('user domain');
    const { passwordHash: _secret, ...tokenUser } = user;
    const model: TokenModel = {
      id,
      user: tokenUser,
      userDomain,
      methods: decoded.methods,
      auditIds: decoded.auditIds,
      issuedAt: decoded.issuedAt,
      expiresAt: decoded.expiresAt,
      roles: [],
    };
    const scope = decoded.scope;
    switch (scope.kind) {
      case 'unscoped':
        return model;
      case 'system':
        model.system = 'all';
        model.roles = await this.assignments.effectiveRoles(user.id, { system: true });
        break;
      case 'domain': {
        const domain = await store.resource.getProject(scope.domainId);
        if (!domain?.isDomain || !domain.enabled) throw stale('domain');
        model.domain = domain;
        model.roles = await this.assignments.effectiveRoles(user.id, { domainId: domain.id });
        break;
      }
      case 'project':
      case 'application_credential': {
        const project = await store.resource.getProject(scope.projectId);
        if (!project || project.isDomain || !project.enabled) throw stale('project');
        const projectDomain = await store.resource.getProject(project.domainId);
        if (!projectDomain?.enabled) throw stale('project domain');
        model.project = project;
        model.projectDomain = projectDomain;
        model.isAdminProject = isAdminProject(this.settings.adminProject, project, projectDomain);
        const held = await this.assignments.effectiveRoles(user.id, { project });
        if (scope.kind === 'application_credential') {
          const credential = await store.applicationCredentials.get(scope.applicationCredentialId);
          if (!credential || !this.credentialUsable(credential, user.id, project.id))
            throw stale('application credential');
          const { secretHash: _secretHash, ...tokenCredential } = credential;
          model.applicationCredential = tokenCredential;
          model.roles = held.filter((r) => credential.roleIds.includes(r.id));
        } else {
          model.roles = held;
        }
        break;
      }
      case 'trust': {
        const trust = await store.trusts.get(scope.trustId);
        if (!trust || trustEnded(trust, this.ctx.clock.now().getTime())) throw stale('trust');
        if (![trust.trustorUserId, trust.trusteeUserId].includes(user.id)) throw stale('trust user');
        const trustor = await store.identity.getUser(trust.trustorUserId);
        if (!trustor?.enabled) throw stale('trustor');
        const project = await store.resource.getProject(scope.projectId);
        if (!project || project.isDomain || !project.enabled || project.id !== trust.projectId) throw stale('project');
        const projectDomain = await store.resource.getProject(project.domainId);
        if (!projectDomain?.enabled) throw stale('project domain');
        model.project = project;
        model.projectDomain = projectDomain;
        model.trust = trust;
        const delegated = new Set(expandImpliedRoles(trust.roleIds, await store.assignment.listImpliedRoles()));
        model.roles = (await this.assignments.effectiveRoles(trustor.id, { project })).filter((r) =>
          delegated.has(r.id),
        );
        break;
      }
    }
    if (model.roles.length === 0) throw stale('no roles');
    return model;
  }

  private credentialUsable(credential: ApplicationCredentialRecord, userId: string, projectId: string): boolean {
    if (credential.userId !== userId || credential.projectId !== projectId) return false;
    return !credential.expiresAt || new Date(credential.expiresAt).getTime() > this.ctx.clock.now().getTime();
  }
}

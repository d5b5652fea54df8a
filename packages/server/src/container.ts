import { FernetReceiptProvider } from './receipt/fernet-receipt-provider.ts';
import { MfaRules } from './services/auth/mfa-rules.ts';
import { RecoveryCodes } from './services/auth/recovery-codes.ts';
import { SecondFactors } from './services/auth/second-factor.ts';
import { SelfServiceMfa } from './services/auth/self-service-mfa.ts';
import { existsSync } from 'node:fs';
import { systemClock, type Clock } from './clock.ts';
import type { XloudConfig } from './conf/index.ts';
import {
  hashPassword,
  PasswordTooLongError,
  verifyPassword,
  type PasswordHashAlgorithm,
} from './crypto/password-hashing.ts';
import { ForbiddenError } from './errors.ts';
import { currentHashingHost, hashingCapacity } from './crypto/password-hashing-capacity.ts';
import { PasswordHashingGate } from './crypto/password-hashing-gate.ts';
import { openChangeFeed } from './cache/open-change-feed.ts';
import { KEY_ENCRYPTION_KEY_VARIABLE, keyEncryptionFor, openKeyRepositories } from './keys/open-key-repositories.ts';
import { rotateFernetKeys, type RotationResult } from './token/providers/fernet/key-repository.ts';
import { WatchedKeyDirectory } from './keys/watched-key-directory.ts';
import type { WorkerLink } from './cluster/worker-link.ts';
import type { KeyRepository } from './token/providers/fernet/key-source.ts';
import { buildHealthChecks } from './health/build-health-checks.ts';
import type { HealthCheck } from './health/health-check.ts';
import { readKeyRepositoryStatus } from './health/key-repository-status.ts';
import { ServerMetrics } from './metrics/server-metrics.ts';
import { buildNotifier } from './notifications/build-notifier.ts';
import type { Notifier } from './notifications/notifier.ts';
import { ObserverId } from './notifications/observer-id.ts';
import { AuditLog } from './services/audit/audit-log.ts';
import { AuditTrail } from './services/audit/audit-trail.ts';
import { defaultPolicyRules, PolicyEnforcer } from './policy/index.ts';
import { ApplicationCredentialService } from './services/application-credential/application-credential-service.ts';
import { AssignmentService } from './services/assignment/assignment-service.ts';
import { RoleAssignmentQuery } from './services/assignment/role-assignment-query.ts';
import { RoleService } from './services/assignment/role-service.ts';
import { adminProjectFrom } from './services/auth/admin-project.ts';
import { Authenticator } from './services/auth/authenticator.ts';
import { SignInLog } from './services/auth/sign-in-log.ts';
import { TokenService } from './services/auth/token-service.ts';
import { CatalogService } from './services/catalog/catalog-service.ts';
import { EndpointFilterService } from './services/catalog/endpoint-filter-service.ts';
import { CredentialService } from './services/credential/credential-service.ts';
import { Ec2CredentialService } from './services/credential/ec2-credential-service.ts';
import { FernetCredentialProvider } from './services/credential/fernet-credential-provider.ts';
import { IdentityService } from './services/identity/identity-service.ts';
import type { PasswordPolicy } from './services/identity/password-policy.ts';
import { storeWithUserInactivity } from './services/identity/inactive-users-store.ts';
import { ProfileService } from './services/identity/profile-service.ts';
import { UserInactivityRule } from './services/identity/user-inactivity.ts';
import { PolicyService } from './services/policy/policy-service.ts';
import { TrustService } from './services/trust/trust-service.ts';
import { OAuth1Service } from './services/oauth1/oauth1-service.ts';
import { ResourceService } from './services/resource/resource-service.ts';
import { DomainConfigService } from './services/resource/domain-config-service.ts';
import { RevokeService } from './services/revoke/revoke-service.ts';
import type { ServiceContext } from './services/service-context.ts';
import { RoleCache } from './services/assignment/role-cache.ts';
import { openDatabase, type DatabaseLimits, type OpenDatabase } from './storage/database.ts';
import { syncDatabase } from './storage/migrate.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import { SqlStore } from './storage/sql/sql-store.ts';
import { FernetKeySql } from './storage/sql/fernet-key-sql.ts';
import { FernetTokenProvider } from './token/providers/fernet/fernet-provider.ts';
import type { TokenProvider } from './token/token-payload.ts';

export interface Services {
  defaultDomainId: string;
  resource: ResourceService;
  identity: IdentityService;
  roles: RoleService;
  assignments: AssignmentService;
  roleAssignments: RoleAssignmentQuery;
  catalog: CatalogService;
  applicationCredentials: ApplicationCredentialService;
  credentials: CredentialService;
  policies: PolicyService;
  revoke: RevokeService;
  tokens: TokenService;
  authenticator: Authenticator;
  passwords: PasswordPolicy;
  trusts: TrustService;
  oauth1: OAuth1Service;
  ec2Credentials: Ec2CredentialService;
  endpointFilter: EndpointFilterService;
  domainConfigs: DomainConfigService;
  profiles: ProfileService;
  /** OS-XLOUD self-service two-factor. */
  mfa: SelfServiceMfa;
  signIns: SignInLog;
  auditLog: AuditLog;
}

export interface Container {
  conf: XloudConfig;
  database: OpenDatabase;
  services: Services;
  policy: PolicyEnforcer;
  /** The time source every service uses; the HTTP layer needs it too (console idle timeout). */
  clock: Clock;
  /** What GET /healthcheck runs: database, Fernet key repository, [healthcheck] disable_by_file_path. */
  healthChecks: readonly HealthCheck[];
  /** This server's Prometheus metrics; absent with [metrics] enabled = false. */
  metrics?: ServerMetrics;
  /** The token and credential key repositories: directories, or (`sql://`) the database's shared keys. */
  keyRepositories: {
    token: KeyRepository;
    credential: KeyRepository;
    /** [fernet_receipts]: the keys that seal auth receipts. */
    receipt: KeyRepository;
    /** fernet_rotate / credential_rotate on either kind; a database rotation is announced to the other nodes. */
    rotate(which: 'token' | 'credential' | 'receipt', maxActiveKeys: number): Promise<RotationResult>;
  };
  /** The process's logger ([DEFAULT] debug, log_file, log_dir, use_stderr); silent unless one was given. */
  logger: Logger;
  /** Audit events: notifications ([oslo_messaging_notifications]) and the audit trail. */
  notifier: Notifier;
  /** With [DEFAULT] workers > 1: this worker process's cluster id (1, 2, …); undefined in a single process. */
  workerId?: number;
  /**
   * What a response must wait for before it is sent: the other worker processes dropping their caches after a
   * change made by this request (so the client's next request, whichever process answers it, sees the change).
   * Undefined when nothing is in flight, which is the rule.
   */
  changesSettled(): Promise<void> | undefined;
  close(): Promise<void>;
}

export interface ContainerOptions {
  clock?: Clock;
  tokenProvider?: TokenProvider;
  /** Run pending migrations at start (the quick start does; production runs `db sync`). */
  migrate?: boolean;
  /** Where warnings of the storage and key layers go; default: nowhere (tests), main.ts passes the real one. */
  logger?: Logger;
  /** The key-encryption key for `key_repository = sql://`; default: the XLOUD_KEY_ENCRYPTION_KEY variable. */
  keyEncryptionKey?: string;
  /** In a cluster worker ([DEFAULT] workers > 1): the channel to the primary, hence to the sibling processes. */
  workerLink?: WorkerLink;
  /** How many server processes share this host's CPUs ([DEFAULT] workers); default 1. */
  processes?: number;
}

/** How often a node reloads database-kept keys even when no change was announced. */
const KEY_REFRESH_SECONDS = 30;

/**
 * [identity] max_concurrent_password_hashes / password_hash_queue_length, for this host's CPUs and thread pool;
 * with several worker processes, for this process's share of the CPUs.
 */
function passwordHashingGateFrom(conf: XloudConfig, logger: Logger, processes: number): PasswordHashingGate {
  const host = currentHashingHost();
  const capacity = hashingCapacity(
    {
      limit: conf.identity.max_concurrent_password_hashes,
      queueLength: conf.identity.password_hash_queue_length,
    },
    { ...host, cpus: Math.max(1, Math.ceil(host.cpus / processes)) },
  );
  if (capacity.warning) logger.warn(capacity.warning);
  return new PasswordHashingGate(capacity);
}

function passwordPolicyFrom(conf: XloudConfig, gate: PasswordHashingGate): PasswordPolicy {
  const identity = conf.identity;
  const compliance = conf.security_compliance;
  const algorithm = identity.password_hash_algorithm as PasswordHashAlgorithm;
  const hashOptions = {
    algorithm,
    rounds: identity.password_hash_rounds,
    maxPasswordLength: identity.max_password_length,
    strictPasswordCheck: conf.DEFAULT.strict_password_check,
    saltSize: identity.salt_bytesize,
    scryptBlockSize: identity.scrypt_block_size,
    scryptParallelism: identity.scrypt_parallelism,
  };
  const verifyOptions = { maxPasswordLength: identity.max_password_length };
  return {
    hash: (password) =>
      gate
        .run(() => hashPassword(password, hashOptions))
        .catch((error: unknown) => {
          // Keystone's PasswordVerificationError (403), not a 500, under [DEFAULT] strict_password_check.
          if (!(error instanceof PasswordTooLongError)) throw error;
          throw new ForbiddenError(
            `The password length must be less than or equal to ${error.maxLength}. The server could not comply with the request because the password is invalid.`,
          );
        }),
    verify: (password, hash) => gate.run(() => verifyPassword(password, hash, verifyOptions)),
    reserveCheck: (clientGone) => {
      const slot = gate.reserve(clientGone);
      return {
        verify: (password, hash) => slot.run(() => verifyPassword(password, hash, verifyOptions)),
        cancel: () => slot.cancel(),
      };
    },
    maxPasswordLength: identity.max_password_length,
    regex: compliance.password_regex
      ? { pattern: new RegExp(compliance.password_regex), description: compliance.password_regex_description }
      : undefined,
    uniqueLastPasswordCount: compliance.unique_last_password_count,
    minimumPasswordAgeDays: compliance.minimum_password_age,
    passwordExpiresDays: compliance.password_expires_days,
    lockout: compliance.lockout_failure_attempts
      ? { attempts: compliance.lockout_failure_attempts, durationSeconds: compliance.lockout_duration }
      : undefined,
    changePasswordUponFirstUse: compliance.change_password_upon_first_use,
  };
}

/**
 * Polls the shared change counter and drops local caches when another node (or xloud-manage) changed data.
 * A failed read is logged once per run of failures (while it lasts, other nodes' writes may go unseen here); the
 * next good read compares with the last value seen, so a change made meanwhile still clears the caches.
 */
async function watchForeignChanges(
  store: SqlStore,
  intervalSeconds: number,
  forget: () => void,
  logger: Logger,
): Promise<() => void> {
  if (intervalSeconds <= 0) return () => undefined;
  let failing = false;
  const read = () =>
    store.changes.read().then(
      (value) => {
        if (failing) logger.info("change counter readable again: other nodes' writes reach this node's caches again");
        failing = false;
        return value;
      },
      (error: unknown) => {
        if (!failing)
          logger.warn(
            { err: error },
            "could not read the change counter: other nodes' writes may not reach this node's caches until it can",
          );
        failing = true;
        return undefined;
      },
    );
  // Read now, so a change made before the first poll is not mistaken for the starting point.
  let seen: number | undefined = await read();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void read()
      .then((value) => {
        if (value === undefined) return;
        if (value !== seen) forget();
        seen = value;
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not drop the caches after a change elsewhere'))
      .finally(() => {
        busy = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What the healthcheck and the key age gauge read: the directory itself (they must see it as it is now, not as
 * this process last loaded it), or the database repository.
 */
function keyRepositoryOnDisk(repository: WatchedKeyDirectory | KeyRepository): KeyRepository {
  return repository instanceof WatchedKeyDirectory ? repository.dir : repository;
}

/** [audit] retention_days: old audit events go at start-up, then every hour. */
function purgeAuditEventsHourly(auditLog: AuditLog): () => void {
  void auditLog.purge();
  const timer = setInterval(() => void auditLog.purge(), 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** [database] limits as the storage layer takes them. */
export function databaseLimits(conf: XloudConfig): DatabaseLimits {
  const d = conf.database;
  return {
    maxPoolSize: d.max_pool_size,
    poolTimeout: d.pool_timeout,
    connectionRecycleTime: d.connection_recycle_time,
    statementTimeout: d.statement_timeout,
  };
}

/** The one place that chooses implementations; production and tests both build the app from here. */
export async function buildContainer(conf: XloudConfig, options: ContainerOptions = {}): Promise<Container> {
  const logger = options.logger ?? silentLogger();
  // Before anything is opened: a missing key-encryption key is a configuration error, said in one line.
  const keyEncryption = keyEncryptionFor(conf, options.keyEncryptionKey ?? process.env[KEY_ENCRYPTION_KEY_VARIABLE]);
  const clock = options.clock ?? systemClock;
  const database = openDatabase(
    conf.database.connection,
    databaseLimits(conf),
    (message) => logger.warn(message),
    clock,
  );
  if (options.migrate) await syncDatabase(database.db, database.dialect);
  const store = new SqlStore(database.db, database.dialect);
  const keyRepositories = await openKeyRepositories(
    conf,
    new FernetKeySql(database.db),
    keyEncryption,
    clock,
    (message) => logger.warn(message),
  ).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  let tokens: TokenService | undefined;
  let catalog: CatalogService | undefined;
  let endpointFilter: EndpointFilterService | undefined;
  const tokenCacheSeconds =
    conf.cache.enabled && conf.token.caching ? (conf.token.cache_time ?? conf.cache.expiration_time) : 0;
  // Roles and implied-role rules, for token building: kept as long as validated tokens are, dropped with them.
  const roleCache = new RoleCache(() => ctx.store, clock, tokenCacheSeconds);
  /** What any write here drops (roles stay: only a role write, through ctx.rolesChanged, drops them). */
  const forgetAfterWrite = () => {
    // Keys kept in the database may have rotated elsewhere; on failure the previous keys stay in use.
    for (const repository of keyRepositories.inDatabase) {
      repository
        .refresh()
        .catch((error: unknown) => logger.warn({ err: error }, `could not reload keys from ${repository.description}`));
    }
    tokens?.invalidateCache();
    catalog?.forgetCached();
    endpointFilter?.forgetCached();
  };
  /** Another node (or xloud-manage) changed something, it does not say what: everything goes. */
  const forgetCaches = () => {
    forgetAfterWrite();
    roleCache.forget();
  };
  // Pushes "data changed" to the other nodes at once; the counter poll below stays as the safety net.
  const changeFeed = openChangeFeed(conf, database, (message) => logger.warn(message));
  // The other worker processes on this host ([DEFAULT] workers > 1): told directly, and the response that made
  // the change waits until they have dropped their caches (changesSettled).
  const workerLink = options.workerLink;
  // Tell the other nodes; best effort: their caches expire on their own after cache_time anyway.
  const announceChange = () =>
    Promise.allSettled([store.changes.bump(), changeFeed.announce(), ...(workerLink ? [workerLink.announce()] : [])]);
  const inactivity = new UserInactivityRule(conf.security_compliance.disable_user_account_days_inactive, clock);
  // Before the services: every one of them reports its changes to it. Metrics are created below, hence the late binding.
  let countDropped: (count: number) => void = () => undefined;
  const observer = new ObserverId(
    () => store.catalog.listServices({ type: 'identity' }),
    () => clock.now().getTime(),
  );
  const auditLog = new AuditLog(
    { store, clock },
    {
      retentionDays: conf.audit.retention_days,
      onError: (error, what) => logger.warn({ err: error }, what),
    },
  );
  const notifier = buildNotifier(conf, {
    logger,
    observerId: () => observer.current(),
    onDropped: (count) => countDropped(count),
    record: (event, cadf) => auditLog.record(event, cadf),
  });
  void observer.refresh();
  const stopPurging = purgeAuditEventsHourly(auditLog);
  const ctx: ServiceContext = {
    store: storeWithUserInactivity(store, inactivity),
    clock,
    audit: new AuditTrail(notifier, clock),
    defaultDomainId: conf.identity.default_domain_id,
    invalidateTokenCache: () => {
      forgetAfterWrite();
      void announceChange();
    },
    rolesChanged: () => {
      roleCache.forget();
      ctx.invalidateTokenCache();
    },
    // Catalog writes keep the validated tokens here (a token body renders the catalog apart); the other nodes
    // learn only that something changed and drop everything, as for any change.
    catalogChanged: () => {
      catalog?.forgetCached();
      endpointFilter?.forgetCached();
      void announceChange();
    },
  };
  const hashingGate = passwordHashingGateFrom(conf, logger, options.processes ?? 1);
  const passwords = passwordPolicyFrom(conf, hashingGate);
  const metrics = conf.metrics.enabled
    ? new ServerMetrics({
        revocationEventCount: () => store.revoke.count(),
        keyRepositoryLastRotatedAt: () =>
          readKeyRepositoryStatus(keyRepositoryOnDisk(keyRepositories.token)).lastRotatedAt,
        now: () => clock.now(),
        poolStats: database.poolStats,
        passwordHashing: () => ({
          running: hashingGate.running,
          queued: hashingGate.queued,
          rejected: hashingGate.rejected,
        }),
      })
    : undefined;
  if (metrics) countDropped = (count) => metrics.notificationDropped(count);
  const provider =
    options.tokenProvider ??
    new FernetTokenProvider({
      keyRepository: keyRepositories.token,
      onWarning: (message) => logger.warn(message),
      methods: [...conf.auth.methods],
      defaultDomainId: conf.identity.default_domain_id,
    });
  const urlSafeNames = { project: conf.resource.project_name_url_safe, domain: conf.resource.domain_name_url_safe };
  const resource = new ResourceService(ctx, conf.DEFAULT.max_project_tree_depth, urlSafeNames);
  const identity = new IdentityService(ctx, passwords, inactivity);
  const roles = new RoleService(ctx, [...conf.assignment.prohibited_implied_role]);
  const assignments = new AssignmentService(ctx, roleCache);
  const roleAssignments = new RoleAssignmentQuery(ctx);
  catalog = new CatalogService(
    ctx,
    conf.cache.enabled && conf.catalog.caching ? (conf.catalog.cache_time ?? conf.cache.expiration_time) : 0,
  );
  // One provider over [credential] key_repository: it seals credential blobs and generated application
  // credential secrets alike, so `credential migrate` / `rotate` cover both.
  const credentialProvider = new FernetCredentialProvider({
    keyRepository: keyRepositories.credential,
    clock,
    onWarning: (message) => logger.warn(message),
  });
  const applicationCredentials = new ApplicationCredentialService(
    ctx,
    assignments,
    passwords,
    credentialProvider,
    conf.application_credential.user_limit,
  );
  const credentials = new CredentialService(ctx, credentialProvider, conf.credential.user_limit);
  const policies = new PolicyService(ctx);
  const trusts = new TrustService(ctx, assignments);
  // OAuth1 consumer and token secrets are sealed with the credential key repository, as credential blobs are.
  const oauth1 = new OAuth1Service(ctx, assignments, credentialProvider, {
    requestTokenSeconds: conf.oauth1.request_token_duration,
    accessTokenSeconds: conf.oauth1.access_token_duration,
  });
  const ec2Credentials = new Ec2CredentialService(credentials);
  endpointFilter = new EndpointFilterService(ctx, catalog, resource);
  const domainConfigs = new DomainConfigService(ctx, {
    identityListLimit: conf.identity.list_limit ?? null,
    passwordRegex: conf.security_compliance.password_regex ?? null,
    passwordRegexDescription: conf.security_compliance.password_regex_description ?? null,
  });
  const revoke = new RevokeService(ctx, conf.token.expiration + conf.revoke.expiration_buffer, metrics);
  tokens = new TokenService(ctx, provider, assignments, revoke, roleCache, {
    expirationSeconds: conf.token.expiration,
    allowExpiredWindowSeconds: conf.token.allow_expired_window,
    cacheOnIssue: conf.token.cache_on_issue,
    cacheSize: 10_000,
    cacheSeconds: tokenCacheSeconds,
    events: metrics,
    maxTokenSize: conf.DEFAULT.max_token_size,
    adminProject: adminProjectFrom(conf.resource),
  });
  const signIns = new SignInLog(ctx, {
    keepPerUser: 100,
    onWriteError: (error) => logger.warn({ err: error }, 'sign-in activity not recorded'),
  });
  const recoveryCodes = new RecoveryCodes(credentialProvider);
  const secondFactors = new SecondFactors(
    ctx,
    credentials,
    new FernetReceiptProvider({
      keyRepository: keyRepositories.receipt,
      methods: [...conf.auth.methods],
      onWarning: (message) => logger.warn(message),
    }),
    new MfaRules(conf.auth.methods),
    { totpPreviousWindows: conf.totp.included_previous_windows, receiptSeconds: conf.receipt.expiration },
    recoveryCodes,
  );
  const authenticator = new Authenticator(
    ctx,
    tokens,
    assignments,
    applicationCredentials,
    passwords,
    {
      methods: [...conf.auth.methods],
      allowRescopeScopedToken: conf.token.allow_rescope_scoped_token,
      urlSafeNames,
      // Cut to max_password_length: under strict_password_check a longer decoy would stop the server starting.
      decoyHash: await passwords.hash('decoy password for unknown users'.slice(0, conf.identity.max_password_length)),
    },
    signIns,
    secondFactors,
    oauth1,
  );
  const mfa = new SelfServiceMfa(ctx, credentialProvider, secondFactors, recoveryCodes, passwords, conf.auth.methods);
  const profiles = new ProfileService(ctx, identity, assignments);
  const policyFile = conf.oslo_policy.policy_file;
  const scopeOptions = {
    enforceScope: conf.oslo_policy.enforce_scope,
    onScopeMismatch: (action: string) =>
      logger.warn(
        `policy ${action}: the token's scope is not among the rule's scope_types ([oslo_policy] enforce_scope = false lets it through)`,
      ),
  };
  const policy =
    policyFile && existsSync(policyFile)
      ? PolicyEnforcer.fromFile(policyFile, defaultPolicyRules, scopeOptions)
      : new PolicyEnforcer({ defaults: defaultPolicyRules, ...scopeOptions });
  await changeFeed.listen(forgetCaches);
  await workerLink?.listen(forgetCaches);
  if (workerLink && metrics) {
    workerLink.serveMetrics(() => metrics.registry.getMetricsAsJSON());
    metrics.aggregateAcrossProcesses = () => workerLink.clusterMetrics();
  }
  const stopWatching = await watchForeignChanges(store, conf.cache.invalidation_poll_interval, forgetCaches, logger);
  const keyRefreshTimer =
    keyRepositories.inDatabase.length > 0
      ? setInterval(() => {
          for (const repository of keyRepositories.inDatabase) repository.refresh().catch(() => undefined);
        }, KEY_REFRESH_SECONDS * 1000).unref()
      : undefined;
  const rotateKeys = async (
    which: 'token' | 'credential' | 'receipt',
    maxActiveKeys: number,
  ): Promise<RotationResult> => {
    const repository = keyRepositories[which];
    if (repository instanceof WatchedKeyDirectory) {
      const result = rotateFernetKeys(repository.dir, { maxActiveKeys });
      // At once here; the other processes read the directory again when their watcher sees the change.
      repository.reload();
      return result;
    }
    const result = await repository.rotate(maxActiveKeys);
    forgetCaches();
    await announceChange();
    return result;
  };
  return {
    conf,
    database,
    policy,
    clock,
    healthChecks: buildHealthChecks(conf, database, clock, keyRepositoryOnDisk(keyRepositories.token)),
    keyRepositories: {
      token: keyRepositories.token,
      credential: keyRepositories.credential,
      receipt: keyRepositories.receipt,
      rotate: rotateKeys,
    },
    metrics,
    logger,
    notifier,
    workerId: workerLink?.workerId,
    changesSettled: () => workerLink?.settled(),
    services: {
      defaultDomainId: conf.identity.default_domain_id,
      resource,
      identity,
      roles,
      assignments,
      roleAssignments,
      catalog,
      applicationCredentials,
      credentials,
      policies,
      revoke,
      tokens,
      authenticator,
      passwords,
      trusts,
      oauth1,
      ec2Credentials,
      endpointFilter,
      domainConfigs,
      profiles,
      mfa,
      signIns,
      auditLog,
    },
    close: async () => {
      stopWatching();
      clearInterval(keyRefreshTimer);
      keyRepositories.close();
      await changeFeed.close();
      await workerLink?.close();
      // Sign-in writes run after their responses; let them land before the database goes away.
      stopPurging();
      await signIns.flush();
      await auditLog.flush();
      await notifier.close();
      await database.close();
    },
  };
}

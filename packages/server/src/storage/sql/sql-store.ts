import type { Kysely } from 'kysely';
import type { Store } from '../../services/store.ts';
import type { DialectKind } from '../dialect-kind.ts';
import type { Database } from '../tables.ts';
import { ApplicationCredentialSql } from './application-credential-sql.ts';
import { AssignmentSql } from './assignment-sql.ts';
import { CatalogSql } from './catalog-sql.ts';
import { CredentialSql } from './credential-sql.ts';
import { IdentitySql } from './identity-sql.ts';
import { PolicySql } from './policy-sql.ts';
import { ResourceSql } from './resource-sql.ts';
import { RevokeSql } from './revoke-sql.ts';
import { TrustSql } from './trust-sql.ts';
import { OAuth1Sql } from './oauth1-sql.ts';
import { ChangeCounterSql } from './change-counter-sql.ts';
import { EndpointFilterSql } from './endpoint-filter-sql.ts';
import { DomainConfigSql } from './domain-config-sql.ts';
import { SecondFactorSql } from './second-factor-sql.ts';
import { SignInSql } from './sign-in-sql.ts';
import { retryOnConflict } from './transaction-retry.ts';
import { runInsideTransaction } from '../transaction-scope.ts';
import { AuditEventSql } from './audit-event-sql.ts';
import { TokenScopeSql } from './token-scope-sql.ts';

/** Every storage port over one Kysely handle (a pool, or a transaction). */
export class SqlStore implements Store {
  readonly resource: ResourceSql;
  readonly identity: IdentitySql;
  readonly assignment: AssignmentSql;
  readonly catalog: CatalogSql;
  readonly applicationCredentials: ApplicationCredentialSql;
  readonly revoke: RevokeSql;
  readonly credentials: CredentialSql;
  readonly policy: PolicySql;
  readonly trusts: TrustSql;
  readonly oauth1: OAuth1Sql;
  readonly changes: ChangeCounterSql;
  readonly endpointFilter: EndpointFilterSql;
  readonly domainConfig: DomainConfigSql;
  readonly signIns: SignInSql;
  readonly secondFactors: SecondFactorSql;
  readonly auditEvents: AuditEventSql;
  readonly tokenScope: TokenScopeSql;

  /** dialect: the SQL a few queries differ in (text matching); the Kysely dialect itself is not public. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectKind,
    private readonly inTransaction = false,
  ) {
    this.resource = new ResourceSql(db, dialect);
    this.identity = new IdentitySql(db, dialect);
    this.assignment = new AssignmentSql(db, dialect);
    this.catalog = new CatalogSql(db);
    this.applicationCredentials = new ApplicationCredentialSql(db);
    this.revoke = new RevokeSql(db);
    this.credentials = new CredentialSql(db);
    this.policy = new PolicySql(db);
    this.trusts = new TrustSql(db);
    this.oauth1 = new OAuth1Sql(db);
    this.changes = new ChangeCounterSql(db);
    this.endpointFilter = new EndpointFilterSql(db);
    this.domainConfig = new DomainConfigSql(db);
    this.signIns = new SignInSql(db);
    this.secondFactors = new SecondFactorSql(db);
    this.auditEvents = new AuditEventSql(db);
    this.tokenScope = new TokenScopeSql(db);
  }

  /** A deadlock or serialization failure runs the whole transaction again (`fn` must not act outside the store). */
  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return retryOnConflict(() =>
      this.db.transaction().execute((trx) => runInsideTransaction(() => fn(new SqlStore(trx, this.dialect, true)))),
    );
  }
}

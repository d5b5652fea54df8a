import type { ApplicationCredentialDriver } from './application-credential/application-credential-driver.ts';
import type { AssignmentDriver } from './assignment/assignment-driver.ts';
import type { CatalogDriver } from './catalog/catalog-driver.ts';
import type { ChangeCounterDriver } from './change-counter-driver.ts';
import type { CredentialDriver } from './credential/credential-driver.ts';
import type { EndpointFilterDriver } from './catalog/endpoint-filter-driver.ts';
import type { DomainConfigDriver } from './resource/domain-config-driver.ts';
import type { IdentityDriver } from './identity/identity-driver.ts';
import type { PolicyDriver } from './policy/policy-driver.ts';
import type { ResourceDriver } from './resource/resource-driver.ts';
import type { RevokeDriver } from './revoke/revoke-driver.ts';
import type { SecondFactorDriver } from './auth/second-factor-driver.ts';
import type { SignInDriver } from './auth/sign-in-driver.ts';
import type { AuditEventDriver } from './audit/audit-event-driver.ts';
import type { TrustDriver } from './trust/trust-driver.ts';
import type { OAuth1Driver } from './oauth1/oauth1-driver.ts';
import type { TokenScopeDriver } from './auth/token-scope-driver.ts';

/** Every storage port, bound to one connection or one transaction. */
export interface Store {
  resource: ResourceDriver;
  identity: IdentityDriver;
  assignment: AssignmentDriver;
  catalog: CatalogDriver;
  applicationCredentials: ApplicationCredentialDriver;
  revoke: RevokeDriver;
  credentials: CredentialDriver;
  policy: PolicyDriver;
  trusts: TrustDriver;
  oauth1: OAuth1Driver;
  changes: ChangeCounterDriver;
  endpointFilter: EndpointFilterDriver;
  domainConfig: DomainConfigDriver;
  signIns: SignInDriver;
  secondFactors: SecondFactorDriver;
  auditEvents: AuditEventDriver;
  /** The few joined reads the token paths are made of. */
  tokenScope: TokenScopeDriver;
  /** Runs fn atomically: if it throws, none of its writes persist. Nested calls join the outer transaction. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}

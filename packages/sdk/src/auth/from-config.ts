import type { AuthOptions, CloudConfig } from '../config/cloud-config.ts';
import { ConfigError } from '../errors.ts';
import {
  ApplicationCredentialAuth,
  MultiFactorAuth,
  PasswordAuth,
  StaticTokenAuth,
  TokenAuth,
  type AuthPlugin,
  type DomainRef,
  type Scope,
} from './plugins.ts';

/**
 * The scope requested by a cloud's auth settings, as keystoneauth derives it: project (id, or name + project domain),
 * domain, `system_scope`, or trust. Names without a domain use `default_domain` (openstackclient's
 * `--os-default-domain`, default `default`).
 *
 * @throws {ConfigError} if several scopes are given (e.g. both a project and a domain).
 * @example
 * ```ts
 * scopeFromAuth({ project_name: 'demo', project_domain_name: 'Default' }); // { project: { name: 'demo', domain: { name: 'Default' } } }
 * ```
 */
export function scopeFromAuth(auth: AuthOptions, defaultDomain = 'default'): Scope | undefined {
  const scopes: Scope[] = [];
  const domainOf = (id?: string, name?: string): DomainRef =>
    id
      ? { id }
      : name
        ? { name }
        : auth.default_domain_id
          ? { id: auth.default_domain_id }
          : auth.default_domain_name
            ? { name: auth.default_domain_name }
            : { id: defaultDomain };
  if (auth.project_id) scopes.push({ project: { id: auth.project_id } });
  else if (auth.project_name)
    scopes.push({
      project: { name: auth.project_name, domain: domainOf(auth.project_domain_id, auth.project_domain_name) },
    });
  if (auth.domain_id) scopes.push({ domain: { id: auth.domain_id } });
  else if (auth.domain_name) scopes.push({ domain: { name: auth.domain_name } });
  if (auth.system_scope) scopes.push({ system: { all: true } });
  if (auth.trust_id) scopes.push({ trust: { id: auth.trust_id } });
  if (scopes.length > 1) {
    throw new ConfigError(
      'Authentication cannot be scoped to multiple targets: set only one of project (OS_PROJECT_ID/OS_PROJECT_NAME), domain (OS_DOMAIN_ID/OS_DOMAIN_NAME), system (OS_SYSTEM_SCOPE) or trust (OS_TRUST_ID).',
    );
  }
  return scopes[0];
}

/** keystoneauth's `auth_methods` (a list in clouds.yaml, comma-separated in OS_AUTH_METHODS): plugin names to methods. */
function authMethods(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => name.replace(/^v3/, ''));
}

/**
 * Builds the auth plugin a resolved cloud config asks for.
 *
 * @example
 * ```ts
 * const auth = authFromConfig(loadCloudConfig({ cloud: 'dev' }));
 * ```
 */
export function authFromConfig(config: CloudConfig): AuthPlugin {
  const a = config.auth;
  const defaultDomainId = a.default_domain_id ?? config.default_domain;
  switch (config.auth_type) {
    case 'password':
      return new PasswordAuth({
        authUrl: a.auth_url ?? '',
        username: a.username,
        userId: a.user_id,
        password: a.password ?? '',
        userDomainId: a.user_domain_id,
        userDomainName: a.user_domain_name,
        defaultDomainId,
        scope: scopeFromAuth(a, config.default_domain),
        passcode: a.passcode,
      });
    case 'v3multifactor':
      return new MultiFactorAuth({
        authUrl: a.auth_url ?? '',
        methods: authMethods(a.auth_methods),
        username: a.username,
        userId: a.user_id,
        password: a.password ?? '',
        userDomainId: a.user_domain_id,
        userDomainName: a.user_domain_name,
        defaultDomainId,
        scope: scopeFromAuth(a, config.default_domain),
        passcode: a.passcode,
      });
    case 'token':
      return new TokenAuth({
        authUrl: a.auth_url ?? '',
        token: a.token ?? '',
        scope: scopeFromAuth(a, config.default_domain),
      });
    case 'v3applicationcredential':
      return new ApplicationCredentialAuth({
        authUrl: a.auth_url ?? '',
        secret: a.application_credential_secret ?? '',
        id: a.application_credential_id,
        name: a.application_credential_name,
        userId: a.user_id,
        username: a.username,
        userDomainId: a.user_domain_id,
        userDomainName: a.user_domain_name,
        defaultDomainId,
      });
    case 'admin_token':
      return new StaticTokenAuth({ endpoint: a.endpoint ?? a.auth_url ?? '', token: a.token ?? '' });
  }
}

/** What the OpenRC and clouds.yaml generators take, and the checks and normalisation they share. */
import { ConfigError } from '../errors.ts';

/**
 * The credentials a generated OpenRC or clouds.yaml file describes. Secrets: a password is never written (the file
 * asks for it, or leaves it to secure.yaml); an application credential's secret is written only when given here
 * (e.g. on the one-time panel right after the credential was created). Empty strings count as absent.
 *
 * @example
 * ```ts
 * const options: CredentialFileOptions = {
 *   kind: 'password', cloudName: 'xloud', authUrl: 'https://identity.example.com/v3', regionName: 'RegionOne',
 *   username: 'alice', userDomainName: 'Default', projectId: 'a1b2…', projectName: 'demo', projectDomainName: 'Default',
 * };
 * ```
 */
export interface CredentialFileOptions {
  kind: 'password' | 'application_credential';
  /** The cloud's name in clouds.yaml (`--os-cloud NAME`). */
  cloudName: string;
  /** The Identity v3 URL, e.g. `https://identity.example.com/v3`. */
  authUrl: string;
  regionName?: string;
  /** Endpoint interface (default `public`). */
  interface?: string;
  username?: string;
  userId?: string;
  userDomainName?: string;
  userDomainId?: string;
  /** Project scope (password). */
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  /** Domain scope (password), instead of a project. */
  domainId?: string;
  domainName?: string;
  applicationCredentialId?: string;
  /** An application credential by name needs its user too (`userId`, or `username` with a user domain). */
  applicationCredentialName?: string;
  /** Written into the file only when given. */
  applicationCredentialSecret?: string;
}

/** One setting of a generated file: its clouds.yaml key (under `auth` or at the top level) and its OS_* variable. */
export interface Setting {
  key: string;
  env: string;
  value: string;
  auth: boolean;
}

const present = (v: string | undefined): v is string => typeof v === 'string' && v !== '';

/**
 * The settings to write, in file order, after checking that they describe a usable credential.
 *
 * @throws {ConfigError} (with `missing`) when something needed is absent, or both a project and a domain are given.
 */
export function settingsOf(o: CredentialFileOptions): Setting[] {
  const missing: string[] = [];
  if (!present(o.authUrl)) missing.push('auth_url');
  if (!present(o.cloudName)) missing.push('cloud_name');
  const out: Setting[] = [];
  const add = (key: string, env: string, value: string | undefined, auth = true) => {
    if (present(value)) out.push({ key, env, value, auth });
  };
  add('auth_url', 'OS_AUTH_URL', o.authUrl);
  const user = () => {
    add('username', 'OS_USERNAME', o.username);
    add('user_id', 'OS_USER_ID', o.userId);
    add('user_domain_name', 'OS_USER_DOMAIN_NAME', o.userDomainName);
    add('user_domain_id', 'OS_USER_DOMAIN_ID', o.userDomainId);
  };
  if (o.kind === 'application_credential') {
    if (present(o.applicationCredentialId)) {
      add('application_credential_id', 'OS_APPLICATION_CREDENTIAL_ID', o.applicationCredentialId);
    } else if (present(o.applicationCredentialName)) {
      if (!present(o.userId) && !present(o.username)) missing.push('user_id');
      add('application_credential_name', 'OS_APPLICATION_CREDENTIAL_NAME', o.applicationCredentialName);
      user();
    } else {
      missing.push('application_credential_id');
    }
    add('application_credential_secret', 'OS_APPLICATION_CREDENTIAL_SECRET', o.applicationCredentialSecret);
  } else if (o.kind === 'password') {
    if (!present(o.username) && !present(o.userId)) missing.push('username');
    user();
    const project = present(o.projectId) || present(o.projectName);
    const domain = present(o.domainId) || present(o.domainName);
    if (project && domain) throw new ConfigError('A credential file is scoped to a project or to a domain, not both.');
    add('project_id', 'OS_PROJECT_ID', o.projectId);
    add('project_name', 'OS_PROJECT_NAME', o.projectName);
    if (project) {
      add('project_domain_id', 'OS_PROJECT_DOMAIN_ID', o.projectDomainId);
      add('project_domain_name', 'OS_PROJECT_DOMAIN_NAME', o.projectDomainName);
    }
    add('domain_id', 'OS_DOMAIN_ID', o.domainId);
    add('domain_name', 'OS_DOMAIN_NAME', o.domainName);
  } else {
    throw new ConfigError(
      `Unknown credential kind ${JSON.stringify((o as { kind?: unknown }).kind)}: expected 'password' or 'application_credential'.`,
    );
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Cannot write a ${o.kind === 'password' ? 'password' : 'application credential'} file without ${missing.join(', ')}.`,
      { missing },
    );
  }
  add('region_name', 'OS_REGION_NAME', o.regionName, false);
  add('interface', 'OS_INTERFACE', present(o.interface) ? o.interface : 'public', false);
  return out;
}

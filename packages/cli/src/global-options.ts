/**
 * openstackclient's global options: `--os-cloud`, one `--os-*` flag per `OS_*` variable, `--insecure`, `--timeout`,
 * `--debug`. Values are handed to the SDK's config loader as overrides, so flags beat `OS_*` variables, which beat
 * clouds.yaml (openstackclient's precedence).
 */
import type { Command } from 'commander';

/** `--os-<key>` flags and the clouds.yaml key each one overrides. */
export const OS_FLAGS: { key: string; metavar: string; help: string; secret?: boolean }[] = [
  { key: 'auth_url', metavar: '<auth-url>', help: 'Authentication URL (Env: OS_AUTH_URL)' },
  {
    key: 'auth_type',
    metavar: '<auth-type>',
    help: 'Authentication type: password, token, v3applicationcredential, v3multifactor (Env: OS_AUTH_TYPE)',
  },
  { key: 'username', metavar: '<auth-username>', help: 'Username (Env: OS_USERNAME)' },
  { key: 'user_id', metavar: '<auth-user-id>', help: 'User ID (Env: OS_USER_ID)' },
  { key: 'password', metavar: '<auth-password>', help: "User's password (Env: OS_PASSWORD)", secret: true },
  {
    key: 'user_domain_name',
    metavar: '<auth-user-domain-name>',
    help: "User's domain name (Env: OS_USER_DOMAIN_NAME)",
  },
  { key: 'user_domain_id', metavar: '<auth-user-domain-id>', help: "User's domain ID (Env: OS_USER_DOMAIN_ID)" },
  { key: 'project_name', metavar: '<auth-project-name>', help: 'Project name to scope to (Env: OS_PROJECT_NAME)' },
  { key: 'project_id', metavar: '<auth-project-id>', help: 'Project ID to scope to (Env: OS_PROJECT_ID)' },
  {
    key: 'project_domain_name',
    metavar: '<auth-project-domain-name>',
    help: 'Domain name of the project (Env: OS_PROJECT_DOMAIN_NAME)',
  },
  {
    key: 'project_domain_id',
    metavar: '<auth-project-domain-id>',
    help: 'Domain ID of the project (Env: OS_PROJECT_DOMAIN_ID)',
  },
  { key: 'domain_name', metavar: '<auth-domain-name>', help: 'Domain name to scope to (Env: OS_DOMAIN_NAME)' },
  { key: 'domain_id', metavar: '<auth-domain-id>', help: 'Domain ID to scope to (Env: OS_DOMAIN_ID)' },
  { key: 'system_scope', metavar: '<auth-system-scope>', help: 'Scope to the system: all (Env: OS_SYSTEM_SCOPE)' },
  { key: 'token', metavar: '<auth-token>', help: 'Existing token (Env: OS_TOKEN)', secret: true },
  { key: 'trust_id', metavar: '<auth-trust-id>', help: 'Trust ID (Env: OS_TRUST_ID)' },
  {
    key: 'application_credential_id',
    metavar: '<auth-application-credential-id>',
    help: 'Application credential ID (Env: OS_APPLICATION_CREDENTIAL_ID)',
  },
  {
    key: 'application_credential_name',
    metavar: '<auth-application-credential-name>',
    help: 'Application credential name (Env: OS_APPLICATION_CREDENTIAL_NAME)',
  },
  {
    key: 'application_credential_secret',
    metavar: '<auth-application-credential-secret>',
    help: 'Application credential secret (Env: OS_APPLICATION_CREDENTIAL_SECRET)',
    secret: true,
  },
  {
    key: 'endpoint',
    metavar: '<endpoint>',
    help: 'Identity endpoint to use with --os-token and auth type admin_token (Env: OS_ENDPOINT)',
  },
  {
    key: 'passcode',
    metavar: '<passcode>',
    help: 'TOTP passcode or recovery code, for users who sign in with a second factor (Env: OS_PASSCODE)',
    secret: true,
  },
  {
    key: 'auth_methods',
    metavar: '<auth-methods>',
    help: 'Methods for auth type v3multifactor, comma-separated: v3password,v3totp (Env: OS_AUTH_METHODS)',
  },
  { key: 'region_name', metavar: '<auth-region-name>', help: 'Authentication region name (Env: OS_REGION_NAME)' },
  {
    key: 'interface',
    metavar: '<interface>',
    help: 'Select an interface type: public, internal, admin (Env: OS_INTERFACE)',
  },
  {
    key: 'identity_api_version',
    metavar: '<identity-api-version>',
    help: 'Identity API version, 3 (Env: OS_IDENTITY_API_VERSION)',
  },
  { key: 'cacert', metavar: '<ca-bundle-file>', help: 'CA certificate bundle file (Env: OS_CACERT)' },
  { key: 'cert', metavar: '<certificate-file>', help: 'Client certificate bundle file (Env: OS_CERT)' },
  { key: 'key', metavar: '<key-file>', help: 'Client certificate key file (Env: OS_KEY)' },
  {
    key: 'default_domain',
    metavar: '<auth-domain>',
    help: 'Default domain ID, default=default (Env: OS_DEFAULT_DOMAIN)',
  },
];

/** commander's attribute name for `--os-<key>`: `osProjectName`. */
const attrOf = (key: string): string => `os${key.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;

export interface GlobalOptions {
  osCloud?: string;
  insecure?: boolean;
  verify?: boolean;
  timeout?: string;
  debug?: boolean;
  verbose?: number;
  quiet?: boolean;
  [attr: string]: unknown;
}

/** Adds the global options to the root command. */
export function addGlobalOptions(program: Command): void {
  program.option('--os-cloud <cloud-config-name>', 'Cloud name in clouds.yaml (Env: OS_CLOUD)');
  for (const f of OS_FLAGS) program.option(`--os-${f.key.replace(/_/g, '-')} ${f.metavar}`, f.help);
  program
    .option('--insecure', 'Disable server certificate verification (Env: OS_INSECURE)')
    .option('--verify', 'Verify server certificate (default)')
    .option('--timeout <seconds>', 'Set API call timeout in seconds')
    .option('--debug', 'Show requests and responses (tokens and secrets masked) and error details')
    .option('-v, --verbose', 'Increase verbosity of output', (_v: string, prev: number) => prev + 1, 0)
    .option('-q, --quiet', 'Suppress output except warnings and errors');
}

/** The `--os-*` flags given, as flat clouds.yaml-style overrides for the SDK's config loader. */
export function overridesFrom(global: GlobalOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of OS_FLAGS) {
    const v = global[attrOf(f.key)];
    if (typeof v === 'string' && v !== '') out[f.key] = v;
  }
  if (global.insecure) out.insecure = true;
  if (global.verify) out.insecure = false;
  if (global.timeout) out.api_timeout = global.timeout;
  return out;
}

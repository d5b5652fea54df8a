/**
 * The clouds.yaml file, written without a YAML library: the shape is fixed (one cloud, string values, one integer),
 * and every string is a double-quoted ASCII scalar (see `yamlQuote`), so any name or id reads back exactly.
 */
import { settingsOf, type CredentialFileOptions } from './credentials.ts';
import { commentSafe, shellQuote, yamlQuote } from './quote.ts';

/**
 * A clouds.yaml file with one cloud for the given credentials, for the `xloud` CLI, `@xloud/sdk`, and OpenStack's
 * own tools (openstacksdk, the `openstack` command). Password credentials: `auth_url`, the user (`username` +
 * `user_domain_name`/`user_domain_id`, or `user_id`) and the scope (`project_id`/`project_name` +
 * `project_domain_*`, or `domain_id`/`domain_name`); the password is never written: the header says to put it in
 * secure.yaml next to the file or to run `xloud configure`. Application credentials: `auth_type:
 * v3applicationcredential` with `auth: { auth_url, application_credential_id, application_credential_secret? }`;
 * the secret only when given, else the header points to secure.yaml. Then `region_name`, `interface` and
 * `identity_api_version: 3`. Note: openstacksdk applies Python's `str.format` to a cloud's top-level values (its name,
 * `region_name`, `interface`), so a cloud name or region containing `{` or `}` works with xloud and this SDK but not
 * with OpenStack's own tools; names and values under `auth` may contain anything.
 *
 * @throws {ConfigError} when the options do not describe a usable credential (see {@link CredentialFileOptions}).
 * @example
 * ```ts
 * const yaml = renderCloudsYaml({ kind: 'application_credential', cloudName: 'ci', authUrl: 'https://id.example.com/v3',
 *   applicationCredentialId: '6cb5…', applicationCredentialSecret: secretShownOnce, regionName: 'RegionOne' });
 * // clouds:\n  "ci":\n    auth_type: "v3applicationcredential"\n    auth:\n      auth_url: "https://id.example.com/v3" …
 * ```
 */
export function renderCloudsYaml(options: CredentialFileOptions): string {
  const settings = settingsOf(options);
  const appCred = options.kind === 'application_credential';
  const name = yamlQuote(options.cloudName);
  const secretKey = appCred ? 'application_credential_secret' : 'password';
  const secretGiven = settings.some((s) => s.key === 'application_credential_secret');
  const shown = commentSafe(options.cloudName);

  const lines = [
    '# This is a clouds.yaml file, which can be used by the xloud CLI, the Xloud SDK and',
    '# OpenStack tools as a source of configuration on how to connect to a cloud.',
    '# Put it in ~/.config/xloud/clouds.yaml (or ~/.config/openstack/clouds.yaml).',
  ];
  if (secretGiven) {
    lines.push("# It contains the application credential's secret: keep it private (chmod 600).");
  } else {
    lines.push(
      appCred
        ? '# The application credential secret is not included (it was shown only once, when the credential was'
        : '# Your password is not included. Put it in secure.yaml next to this file (chmod 600):',
    );
    if (appCred) lines.push('# created). Put it in secure.yaml next to this file (chmod 600):');
    lines.push('#   clouds:', `#     ${name}:`, '#       auth:', `#         ${secretKey}: "..."`);
    lines.push(shown ? `# or run: xloud configure --cloud ${shellQuote(shown)}` : '# or run: xloud configure');
  }
  if (shown)
    lines.push(`# Use it with: xloud --os-cloud ${shellQuote(shown)} token issue  (or OS_CLOUD=${shellQuote(shown)})`);

  lines.push('clouds:', `  ${name}:`);
  if (appCred) lines.push(`    auth_type: ${yamlQuote('v3applicationcredential')}`);
  lines.push('    auth:');
  for (const s of settings.filter((x) => x.auth)) lines.push(`      ${s.key}: ${yamlQuote(s.value)}`);
  for (const s of settings.filter((x) => !x.auth)) lines.push(`    ${s.key}: ${yamlQuote(s.value)}`);
  lines.push('    identity_api_version: 3');
  return `${lines.join('\n')}\n`;
}

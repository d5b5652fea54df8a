/**
 * The OpenRC file (a shell script to `source`), as Horizon offers it for download, without its injection hazards:
 * every value is a single-quoted shell word, every OS_* variable of another credential is unset first, and the
 * password (or an application credential's secret that was not given) is asked for when the file is sourced.
 */
import { settingsOf, type CredentialFileOptions } from './credentials.ts';
import { shellQuote } from './quote.ts';

/** Everything an earlier OpenRC or clouds.yaml selection may have left in the shell that would change the meaning. */
const CLEARED = [
  'OS_CLOUD',
  'OS_AUTH_TYPE',
  'OS_AUTH_URL',
  'OS_TOKEN',
  'OS_PASSWORD',
  'OS_USERNAME',
  'OS_USER_ID',
  'OS_USER_DOMAIN_NAME',
  'OS_USER_DOMAIN_ID',
  'OS_PROJECT_ID',
  'OS_PROJECT_NAME',
  'OS_PROJECT_DOMAIN_ID',
  'OS_PROJECT_DOMAIN_NAME',
  'OS_DOMAIN_ID',
  'OS_DOMAIN_NAME',
  'OS_SYSTEM_SCOPE',
  'OS_TRUST_ID',
  'OS_TENANT_ID',
  'OS_TENANT_NAME',
  'OS_APPLICATION_CREDENTIAL_ID',
  'OS_APPLICATION_CREDENTIAL_NAME',
  'OS_APPLICATION_CREDENTIAL_SECRET',
  'OS_REGION_NAME',
  'OS_INTERFACE',
  'OS_ENDPOINT_TYPE',
];

function wrap(words: string[], first: string, indent: string, width = 112): string[] {
  const lines: string[] = [];
  let line = first;
  for (const w of words) {
    if (line.length + 1 + w.length > width) {
      lines.push(`${line} \\`);
      line = `${indent}${w}`;
    } else line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}

/** Lines that read a secret from the terminal (not echoed) into `variable`, tolerating a last line without newline. */
function prompt(variable: string, format: string, args: string[]): string[] {
  const input = `${variable}_INPUT`;
  return [
    `printf ${shellQuote(format)} ${args.map((a) => `"$${a}"`).join(' ')} >&2`,
    `IFS= read -sr ${input} || [ -n "$${input}" ]`,
    "if [ -t 0 ]; then printf '\\n' >&2; fi",
    `export ${variable}="$${input}"`,
    `unset ${input}`,
  ];
}

/**
 * An OpenRC file for the given credentials (bash; also zsh). Sourcing it sets `OS_AUTH_URL`, the user, the scope,
 * `OS_REGION_NAME`, `OS_INTERFACE` and `OS_IDENTITY_API_VERSION=3` for the `xloud` and `openstack` commands, after
 * unsetting any other `OS_*` credential variables. A password is never in the file: sourcing it asks for the
 * password (read silently with `read -sr`). An application credential's secret is written only when given (the
 * one-time panel after creation); otherwise it is asked for the same way. Every value is a single-quoted shell
 * word, so names such as `$(rm -rf ~)` or ones containing quotes or newlines are inert.
 *
 * @throws {ConfigError} when the options do not describe a usable credential (see {@link CredentialFileOptions}).
 * @example
 * ```ts
 * const script = renderOpenrc({ kind: 'password', cloudName: 'xloud', authUrl: 'https://id.example.com/v3',
 *   username: 'alice', userDomainName: 'Default', projectName: 'demo', projectDomainName: 'Default' });
 * // export OS_USERNAME='alice' … then: Please enter your OpenStack Password for project demo as user alice:
 * ```
 */
export function renderOpenrc(options: CredentialFileOptions): string {
  const settings = settingsOf(options);
  const appCred = options.kind === 'application_credential';
  const has = (env: string) => settings.some((s) => s.env === env);
  const secretGiven = has('OS_APPLICATION_CREDENTIAL_SECRET');
  const lines = [
    '#!/usr/bin/env bash',
    '# OpenRC file for Xloud Identity (OpenStack Identity v3). Source it into your shell, do not run it:',
    '#   . ./openrc.sh',
  ];
  if (!appCred) {
    lines.push(
      '# The xloud and openstack commands then use these OS_* variables. Your password is not stored in this file:',
      '# you are asked for it each time you source it.',
    );
  } else if (secretGiven) {
    lines.push(
      '# The xloud and openstack commands then use these OS_* variables to log in with an application credential.',
      "# This file contains the application credential's secret: keep it private (chmod 600).",
    );
  } else {
    lines.push(
      '# The xloud and openstack commands then use these OS_* variables to log in with an application credential.',
      '# Its secret is not stored in this file (it was shown only once, when the credential was created): you are',
      '# asked for it each time you source it.',
    );
  }
  lines.push(...wrap(CLEARED, 'unset', '  '));
  lines.push(`export OS_AUTH_TYPE=${appCred ? "'v3applicationcredential'" : "'password'"}`);
  lines.push("export OS_IDENTITY_API_VERSION='3'");
  for (const s of settings) lines.push(`export ${s.env}=${shellQuote(s.value)}`);
  if (!appCred) {
    const args: string[] = [];
    let format = 'Please enter your OpenStack Password';
    if (has('OS_PROJECT_NAME') || has('OS_PROJECT_ID')) {
      format += ' for project %s';
      args.push(has('OS_PROJECT_NAME') ? 'OS_PROJECT_NAME' : 'OS_PROJECT_ID');
    } else if (has('OS_DOMAIN_NAME') || has('OS_DOMAIN_ID')) {
      format += ' for domain %s';
      args.push(has('OS_DOMAIN_NAME') ? 'OS_DOMAIN_NAME' : 'OS_DOMAIN_ID');
    }
    format += ' as user %s: ';
    args.push(has('OS_USERNAME') ? 'OS_USERNAME' : 'OS_USER_ID');
    lines.push(...prompt('OS_PASSWORD', format, args));
  } else if (!secretGiven) {
    const which = has('OS_APPLICATION_CREDENTIAL_ID')
      ? 'OS_APPLICATION_CREDENTIAL_ID'
      : 'OS_APPLICATION_CREDENTIAL_NAME';
    lines.push(
      ...prompt('OS_APPLICATION_CREDENTIAL_SECRET', 'Please enter the secret of application credential %s: ', [which]),
    );
  }
  return `${lines.join('\n')}\n`;
}

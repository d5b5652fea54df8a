/**
 * `xloud openrc` and `xloud clouds-yaml`: the files a dashboard offers for download, for the current credentials.
 * Secrets are never written into them: the OpenRC file prompts for the password (or application credential secret)
 * when sourced, and clouds.yaml leaves it to secure.yaml.
 */
import type { Rec } from '../api.ts';
import type { CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';

/** A double-quoted shell word. */
const sh = (v: string | undefined): string => `"${(v ?? '').replace(/(["\\$`])/g, '\\$1')}"`;

interface Current {
  authType: string;
  authUrl: string;
  username?: string;
  userDomainName?: string;
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  appCredId?: string;
  appCredName?: string;
  region?: string;
  interface: string;
  cloudName?: string;
}

async function current(ctx: Context): Promise<Current> {
  const config = ctx.config();
  const access = await ctx.access();
  const token = access.data as Rec;
  const identity = (access.catalog as Rec[]).find((s) => s.type === 'identity');
  const ep = (identity?.endpoints as Rec[] | undefined)?.find(
    (e) => e.interface === 'public' && (!config.region_name || e.region_id === config.region_name || e.region === config.region_name),
  );
  const authUrl = String(ep?.url ?? config.auth.auth_url ?? '').replace(/\/+$/, '');
  const appCred = config.auth_type === 'v3applicationcredential';
  return {
    authType: appCred ? 'v3applicationcredential' : 'password',
    authUrl,
    username: token.user?.name,
    userDomainName: token.user?.domain?.name,
    projectId: token.project?.id,
    projectName: token.project?.name,
    projectDomainId: token.project?.domain?.id,
    projectDomainName: token.project?.domain?.name,
    appCredId: token.application_credential?.id ?? config.auth.application_credential_id,
    appCredName: token.application_credential?.name,
    region: config.region_name ?? ep?.region_id ?? undefined,
    interface: config.interface ?? 'public',
    cloudName: config.name,
  };
}

export function renderOpenrc(c: Current): string {
  if (c.authType === 'v3applicationcredential') {
    return [
      '#!/usr/bin/env bash',
      '# OpenRC for an Xloud application credential. Source it: . ./app-cred-openrc.sh',
      `export OS_AUTH_TYPE=v3applicationcredential`,
      `export OS_AUTH_URL=${sh(c.authUrl)}`,
      'export OS_IDENTITY_API_VERSION=3',
      `export OS_REGION_NAME=${sh(c.region)}`,
      '# Don\'t leave a blank variable, unset it if it was empty',
      'if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi',
      `export OS_INTERFACE=${c.interface}`,
      `export OS_APPLICATION_CREDENTIAL_ID=${sh(c.appCredId)}`,
      '# The secret was shown only once, when the application credential was created.',
      'echo "Please enter the secret of application credential $OS_APPLICATION_CREDENTIAL_ID: "',
      'read -sr OS_APPLICATION_CREDENTIAL_SECRET_INPUT',
      'export OS_APPLICATION_CREDENTIAL_SECRET=$OS_APPLICATION_CREDENTIAL_SECRET_INPUT',
      'unset OS_PASSWORD OS_USERNAME OS_PROJECT_NAME OS_PROJECT_ID OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_ID OS_PROJECT_DOMAIN_NAME',
      '',
    ].join('\n');
  }
  return [
    '#!/usr/bin/env bash',
    '# To use an Xloud cloud you need to authenticate against the Identity',
    '# service, which returns a **Token** and **Service Catalog**. Source this file',
    '# (. ./openrc.sh) and the xloud and openstack commands pick these variables up.',
    `export OS_AUTH_URL=${sh(c.authUrl)}`,
    '# With the addition of Keystone we have standardized on the term **project**',
    '# as the entity that owns the resources.',
    `export OS_PROJECT_ID=${sh(c.projectId)}`,
    `export OS_PROJECT_NAME=${sh(c.projectName)}`,
    `export OS_USER_DOMAIN_NAME=${sh(c.userDomainName)}`,
    'if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi',
    `export OS_PROJECT_DOMAIN_ID=${sh(c.projectDomainId)}`,
    'if [ -z "$OS_PROJECT_DOMAIN_ID" ]; then unset OS_PROJECT_DOMAIN_ID; fi',
    '# unset v2.0 items in case set',
    'unset OS_TENANT_ID',
    'unset OS_TENANT_NAME',
    '# In addition to the owning entity (project), the entity performing the',
    '# action is the **user**.',
    `export OS_USERNAME=${sh(c.username)}`,
    '# With Keystone you pass the keystone password.',
    'echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "',
    'read -sr OS_PASSWORD_INPUT',
    'export OS_PASSWORD=$OS_PASSWORD_INPUT',
    '# If your configuration has multiple regions, we set that information here.',
    '# OS_REGION_NAME is optional and only valid in certain environments.',
    `export OS_REGION_NAME=${sh(c.region)}`,
    "# Don't leave a blank variable, unset it if it was empty",
    'if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi',
    `export OS_INTERFACE=${c.interface}`,
    'export OS_IDENTITY_API_VERSION=3',
    '',
  ].join('\n');
}

export async function renderCloudsYaml(c: Current, name: string): Promise<string> {
  const { stringify } = await import('yaml');
  const auth: Rec = { auth_url: c.authUrl };
  const cloud: Rec = { auth };
  if (c.authType === 'v3applicationcredential') {
    auth.application_credential_id = c.appCredId;
    cloud.auth_type = 'v3applicationcredential';
  } else {
    auth.username = c.username;
    if (c.projectId) auth.project_id = c.projectId;
    if (c.projectName) auth.project_name = c.projectName;
    auth.user_domain_name = c.userDomainName;
    if (c.projectDomainName) auth.project_domain_name = c.projectDomainName;
  }
  if (c.region) cloud.region_name = c.region;
  cloud.interface = c.interface;
  cloud.identity_api_version = 3;
  const secretKey = c.authType === 'v3applicationcredential' ? 'application_credential_secret' : 'password';
  const header = [
    '# This is a clouds.yaml file, which can be used by the xloud CLI, the Xloud SDK and',
    '# OpenStack tools as a source of configuration on how to connect to a cloud.',
    '# Put it in ~/.config/xloud/clouds.yaml (or ~/.config/openstack/clouds.yaml).',
    `# Secrets are not included: add ${secretKey} for this cloud to secure.yaml next to it`,
    `# (mode 0600), or run: xloud configure --cloud ${name}`,
    `# Use it with OS_CLOUD=${name} or --os-cloud=${name}.`,
  ].join('\n');
  return `${header}\n${stringify({ clouds: { [name]: cloud } }, { indentSeq: false })}`;
}

export const downloadCommands: CommandSpec[] = [
  {
    path: ['openrc'],
    kind: 'plain',
    description: 'Print an OpenRC file for the current credentials (prompts for the secret when sourced)',
    async run(ctx) {
      ctx.print(renderOpenrc(await current(ctx)));
    },
  },
  {
    path: ['clouds-yaml'],
    kind: 'plain',
    description: 'Print a clouds.yaml entry for the current credentials (without secrets)',
    options: [{ flags: '--cloud-name <name>', description: 'Name of the cloud entry (default: the current cloud, or xloud)' }],
    async run(ctx, o) {
      const c = await current(ctx);
      ctx.print(await renderCloudsYaml(c, o.cloudName ?? c.cloudName ?? 'xloud'));
    },
  },
];

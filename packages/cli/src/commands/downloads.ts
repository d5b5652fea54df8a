/**
 * `xloud openrc` and `xloud clouds-yaml`: the files a dashboard offers for download, for the current credentials,
 * rendered by the SDK's generators (`renderOpenrc`, `renderCloudsYaml` — the console uses the same ones). Secrets are
 * never written into them: the OpenRC file prompts for the password (or application credential secret) when
 * sourced, and clouds.yaml leaves it to secure.yaml.
 */
import type { CredentialFileOptions } from '@xloud/sdk';
import type { Rec } from '../api.ts';
import type { CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { sdk } from '../sdk.ts';

/**
 * Where a generated file should point: the token catalog's public identity endpoint (what the console offers too),
 * else the configured auth_url, with its region.
 */
export async function identityEndpointFor(
  ctx: Context,
): Promise<{ authUrl: string; regionName?: string; interface: string }> {
  const config = ctx.config();
  const access = await ctx.access();
  const identity = (access.catalog as Rec[]).find((s) => s.type === 'identity');
  const ep = (identity?.endpoints as Rec[] | undefined)?.find(
    (e) =>
      e.interface === 'public' &&
      (!config.region_name || e.region_id === config.region_name || e.region === config.region_name),
  );
  return {
    authUrl: String(ep?.url ?? config.auth.auth_url ?? '').replace(/\/+$/, ''),
    regionName: config.region_name ?? ep?.region_id ?? undefined,
    interface: config.interface ?? 'public',
  };
}

/** What the current credentials are, as the generators take it (the cloud name is the caller's choice). */
async function current(ctx: Context): Promise<Omit<CredentialFileOptions, 'cloudName'> & { configName?: string }> {
  const config = ctx.config();
  const token = (await ctx.access()).data as Rec;
  const common = { ...(await identityEndpointFor(ctx)), configName: config.name };
  if (config.auth_type === 'v3applicationcredential') {
    // The secret stays out even though this process knows it: the files are meant to be handed around.
    return {
      ...common,
      kind: 'application_credential',
      applicationCredentialId: token.application_credential?.id ?? config.auth.application_credential_id,
    };
  }
  return {
    ...common,
    kind: 'password',
    username: token.user?.name,
    userDomainName: token.user?.domain?.name,
    projectId: token.project?.id,
    projectName: token.project?.name,
    projectDomainId: token.project?.domain?.id,
    projectDomainName: token.project?.domain?.name,
    domainId: token.project ? undefined : token.domain?.id,
    domainName: token.project ? undefined : token.domain?.name,
  };
}

export const downloadCommands: CommandSpec[] = [
  {
    path: ['openrc'],
    kind: 'plain',
    description: 'Print an OpenRC file for the current credentials (prompts for the secret when sourced)',
    async run(ctx) {
      const { configName, ...c } = await current(ctx);
      ctx.print(sdk().renderOpenrc({ ...c, cloudName: configName ?? 'xloud' }));
    },
  },
  {
    path: ['clouds-yaml'],
    kind: 'plain',
    description: 'Print a clouds.yaml entry for the current credentials (without secrets)',
    options: [
      { flags: '--cloud-name <name>', description: 'Name of the cloud entry (default: the current cloud, or xloud)' },
    ],
    async run(ctx, o) {
      const { configName, ...c } = await current(ctx);
      ctx.print(sdk().renderCloudsYaml({ ...c, cloudName: o.cloudName ?? configName ?? 'xloud' }));
    },
  },
];

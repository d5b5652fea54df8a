/**
 * `application credential create --clouds-yaml FILE [--cloud NAME] --openrc FILE`: the console's one-time download,
 * from the terminal — the same SDK generators (`renderCloudsYaml`, `renderOpenrc`) fed with the new credential and
 * its secret, written mode 0600 because the secret is inside.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CredentialFileOptions } from '@xloud/sdk';
import type { Rec } from '../api.ts';
import { CommandError, type OptionSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { sdk } from '../sdk.ts';
import { identityEndpointFor } from './downloads.ts';

export const credentialFileOptions: OptionSpec[] = [
  {
    flags: '--clouds-yaml <file>',
    description: 'Also write a ready-to-use clouds.yaml with the new credential and its secret to <file> (mode 0600)',
  },
  { flags: '--cloud <name>', description: 'Cloud name in the --clouds-yaml file (default: the credential name)' },
  {
    flags: '--openrc <file>',
    description: 'Also write an OpenRC file with the new credential and its secret to <file> (mode 0600)',
  },
];

interface Targets {
  cloudsYaml?: string;
  openrc?: string;
}

/** The files asked for, resolved; checked before the credential is created so a bad path costs nothing. */
export function credentialFileTargets(
  ctx: Context,
  o: { cloudsYaml?: string; openrc?: string; cloud?: string },
): Targets {
  if (o.cloud !== undefined && !o.cloudsYaml)
    throw new CommandError('--cloud names the cloud of the --clouds-yaml file: give --clouds-yaml too.', 2);
  const targets: Targets = {};
  for (const key of ['cloudsYaml', 'openrc'] as const) {
    const file = o[key];
    if (!file) continue;
    const path = resolve(ctx.io.cwd ?? process.cwd(), file);
    if (existsSync(path))
      throw new CommandError(`${path} already exists: give a new file name (it would hold the credential's secret).`);
    targets[key] = path;
  }
  if (targets.cloudsYaml && targets.cloudsYaml === targets.openrc)
    throw new CommandError('--clouds-yaml and --openrc need two different files.', 2);
  return targets;
}

/** Writes the files for a just-created credential (whose `secret` the server returned once). */
export async function writeCredentialFiles(
  ctx: Context,
  targets: Targets,
  credential: Rec,
  cloudName?: string,
): Promise<void> {
  if (!targets.cloudsYaml && !targets.openrc) return;
  const options: CredentialFileOptions = {
    kind: 'application_credential',
    cloudName: cloudName ?? String(credential.name),
    ...(await identityEndpointFor(ctx)),
    applicationCredentialId: String(credential.id),
    applicationCredentialSecret: String(credential.secret ?? ''),
  };
  const write = (path: string, text: string) => writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  if (targets.cloudsYaml) {
    write(targets.cloudsYaml, sdk().renderCloudsYaml(options));
    ctx.info(
      `Wrote ${targets.cloudsYaml} (mode 0600, contains the secret): OS_CLIENT_CONFIG_FILE=${targets.cloudsYaml} xloud --os-cloud '${options.cloudName}' token issue`,
    );
  }
  if (targets.openrc) {
    write(targets.openrc, sdk().renderOpenrc(options));
    ctx.info(`Wrote ${targets.openrc} (mode 0600, contains the secret): . ${targets.openrc} && xloud token issue`);
  }
}

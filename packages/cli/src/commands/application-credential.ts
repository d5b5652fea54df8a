/** `application credential create|delete|list|show` (identity/v3/application_credential.py). */
import { readFileSync } from 'node:fs';
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findUser, tokenResource } from '../resolve.ts';
import { forEachItem, messageOf, userDomainOption } from './common.ts';
import { credentialFileOptions, credentialFileTargets, writeCredentialFiles } from './credential-files.ts';
import { dropUndefined } from './project.ts';

/** osc prints the role names joined by spaces. */
function appCredShow(ac: Rec) {
  const roles = Array.isArray(ac.roles) ? (ac.roles as Rec[]).map((r) => r.name).join(' ') : ac.roles;
  return sortedShow({ ...ac, roles });
}

/** `YYYY-mm-ddTHH:MM:SS` (naive, as UTC) → keystoneclient's `isotime(subsecond=True)`. */
export function parseExpiration(value: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
  if (
    !m ||
    !d ||
    Number.isNaN(d.getTime()) ||
    d.getUTCMonth() !== +m[2] - 1 ||
    d.getUTCDate() !== +m[3] ||
    +m[4] > 23 ||
    +m[5] > 59 ||
    +m[6] > 59
  ) {
    throw new CommandError(`time data '${value}' does not match format '%Y-%m-%dT%H:%M:%S'`);
  }
  return `${d.toISOString().slice(0, 19)}.000000Z`;
}

async function findAppCred(ctx: Parameters<CommandSpec['run']>[0], nameOrId: string): Promise<Rec> {
  return ctx.api().find('application_credentials', nameOrId, {}, 'applicationcredential');
}

export const applicationCredentialCommands: CommandSpec[] = [
  {
    path: ['application', 'credential', 'create'],
    kind: 'show',
    description: 'Create new application credential',
    args: ['<name>'],
    options: [
      {
        flags: '--secret <secret>',
        description: 'Secret to use for authentication (if not provided, one will be generated)',
      },
      {
        flags: '--role <role>',
        description: 'Roles to authorize (name or ID) (repeat option to set multiple values)',
        repeat: true,
      },
      {
        flags: '--expiration <expiration>',
        description:
          'Sets an expiration date for the application credential, format of YYYY-mm-ddTHH:MM:SS (if not provided, the application credential will not expire)',
      },
      { flags: '--description <description>', description: 'Application credential description' },
      {
        flags: '--unrestricted',
        description:
          'Enable application credential to create and delete other application credentials and trusts (this is potentially dangerous behavior and is disabled by default)',
      },
      {
        flags: '--restricted',
        description:
          'Prohibit application credential from creating and deleting other application credentials and trusts (this is the default behavior)',
      },
      {
        flags: '--access-rules <access-rules>',
        description:
          'Either a string or file path containing a JSON-formatted list of access rules, each containing a request method, path, and service',
      },
      ...credentialFileOptions,
    ],
    exclusive: [['unrestricted', 'restricted']],
    async run(ctx, o, a) {
      const files = credentialFileTargets(ctx, o);
      const roles: Rec[] = [];
      for (const r of o.role as string[]) {
        const id = await tokenResource(ctx, 'roles', r);
        roles.push(id !== r || /^[0-9a-f]{32}$/.test(r) ? { id } : { name: r });
      }
      const expiresAt = o.expiration ? parseExpiration(o.expiration) : undefined;
      let accessRules: unknown;
      if (o.accessRules) {
        try {
          accessRules = JSON.parse(o.accessRules);
        } catch {
          try {
            accessRules = JSON.parse(readFileSync(o.accessRules, 'utf8'));
          } catch {
            throw new CommandError('Access rules is not valid JSON string or file does not exist.');
          }
        }
      }
      const body = dropUndefined({
        name: a.name,
        secret: o.secret,
        description: o.description,
        expires_at: expiresAt,
        roles: roles.length ? roles : undefined,
        unrestricted: o.restricted ? false : Boolean(o.unrestricted),
        access_rules: accessRules,
      });
      const ac = await ctx.api().create('application_credentials', body);
      await writeCredentialFiles(ctx, files, ac, o.cloud);
      return appCredShow(ac);
    },
  },
  {
    path: ['application', 'credential', 'delete'],
    kind: 'plain',
    description: 'Delete application credentials(s)',
    args: ['<application-credential...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.applicationCredential,
        async (x) => api.delete('application_credentials', (await findAppCred(ctx, x)).id),
        (x, e) => `Failed to delete application credential with name or ID '${x}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} application credentials failed to delete.`,
      );
    },
  },
  {
    path: ['application', 'credential', 'list'],
    kind: 'list',
    description: 'List application credentials',
    options: [
      { flags: '--user <user>', description: 'User whose application credentials to list (name or ID)' },
      userDomainOption,
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const userId = o.user ? (await findUser(api, o.user, o.userDomain)).id : (await ctx.access()).userId;
      const data = await api.list(
        'application_credentials',
        {},
        `/users/${encodeURIComponent(userId)}/application_credentials`,
      );
      const columns = ['ID', 'Name', 'Project ID', 'Description', 'Expires At'];
      return { columns, rows: data.map((ac) => itemProperties(ac, columns)) };
    },
  },
  {
    path: ['application', 'credential', 'show'],
    kind: 'show',
    description: 'Display application credential details',
    args: ['<application-credential>'],
    async run(ctx, _o, a) {
      return appCredShow(await findAppCred(ctx, a.applicationCredential));
    },
  },
];

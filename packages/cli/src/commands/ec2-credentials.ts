/** `ec2 credentials create|delete|list|show` (openstackclient's identity/v3/ec2creds.py). */
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { findDomain } from '../resolve.ts';
import { forEachItem, messageOf, projectDomainOption, userDomainOption } from './common.ts';

/** osc's `_determine_ec2_user`: `--user` (within `--user-domain`), else the authenticated user. */
async function ec2UserId(ctx: Context, o: Rec): Promise<string> {
  const api = ctx.api();
  const domainId = o.userDomain ? (await findDomain(api, o.userDomain)).id : undefined;
  if (o.user) return (await api.find('users', o.user, domainId ? { domain_id: domainId } : {})).id as string;
  return (await ctx.access()).userId;
}

/** osc renames `tenant_id` to `project_id` and keeps the links. */
function ec2Show(credential: Rec) {
  const { tenant_id, ...rest } = credential;
  return sortedShow(tenant_id === undefined ? rest : { ...rest, project_id: tenant_id }, []);
}

const userOption = (description: string) => ({
  flags: '--user <user>',
  description,
});

export const ec2CredentialCommands: CommandSpec[] = [
  {
    path: ['ec2', 'credentials', 'create'],
    kind: 'show',
    description: 'Create EC2 credentials',
    options: [
      {
        flags: '--project <project>',
        description: 'Create credentials in project (name or ID; default: current authenticated project)',
      },
      userOption('Create credentials for user (name or ID; default: current authenticated user)'),
      userDomainOption,
      projectDomainOption,
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const userId = await ec2UserId(ctx, o);
      let projectId: string | undefined;
      if (o.project) {
        const domainId = o.projectDomain ? (await findDomain(api, o.projectDomain)).id : undefined;
        projectId = (await api.find('projects', o.project, domainId ? { domain_id: domainId } : {})).id as string;
      } else {
        projectId = (await ctx.access()).projectId;
        if (!projectId) throw new CommandError('The current token is not scoped to a project: give --project.');
      }
      return ec2Show(
        await api.identity.ec2Credentials.create(projectId, {
          user_id: userId,
        }),
      );
    },
  },
  {
    path: ['ec2', 'credentials', 'delete'],
    kind: 'plain',
    description: 'Delete EC2 credentials',
    args: ['<access-key...>'],
    options: [userOption('Delete credentials for user (name or ID)'), userDomainOption],
    async run(ctx, o, a) {
      const userId = await ec2UserId(ctx, o);
      await forEachItem(
        ctx,
        a.accessKey,
        (key) => ctx.api().identity.ec2Credentials.delete(key, { user_id: userId }),
        (key, e) => `Failed to delete EC2 credentials with access key '${key}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} EC2 keys failed to delete.`,
      );
    },
  },
  {
    path: ['ec2', 'credentials', 'list'],
    kind: 'list',
    description: 'List EC2 credentials',
    options: [userOption('Filter list by user (name or ID)'), userDomainOption],
    async run(ctx, o) {
      const userId = await ec2UserId(ctx, o);
      const data = await ctx.api().identity.ec2Credentials.list({ user_id: userId });
      return {
        columns: ['Access', 'Secret', 'Project ID', 'User ID'],
        rows: data.map((c) =>
          itemProperties(
            c,
            ['Access', 'Secret', 'Project ID', 'User ID'],
            ['access', 'secret', 'tenant_id', 'user_id'],
          ),
        ),
      };
    },
  },
  {
    path: ['ec2', 'credentials', 'show'],
    kind: 'show',
    description: 'Display EC2 credentials details',
    args: ['<access-key>'],
    options: [userOption('Show credentials for user (name or ID)'), userDomainOption],
    async run(ctx, o, a) {
      const userId = await ec2UserId(ctx, o);
      return ec2Show(await ctx.api().identity.ec2Credentials.get(a.accessKey, { user_id: userId }));
    },
  },
];

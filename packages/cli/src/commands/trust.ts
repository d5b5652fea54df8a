/** `trust create|delete|list|show` (openstackclient's identity/v3/trust.py). */
import { isForbidden, type Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findProject, findRole, findUser, tokenResource } from '../resolve.ts';
import { parseExpiration } from './application-credential.ts';
import { forEachItem, messageOf, projectDomainOption, requireOptions } from './common.ts';

/** osc drops the links and prints the role names joined by spaces. */
function trustShow(trust: Rec) {
  const roles = ((trust.roles ?? []) as Rec[]).map((r) => r.name).join(' ');
  return sortedShow({ ...trust, roles }, ['links', 'roles_links']);
}

const findTrust = (ctx: Parameters<CommandSpec['run']>[0], id: string) => ctx.api().find('trusts', id);

export const trustCommands: CommandSpec[] = [
  {
    path: ['trust', 'create'],
    kind: 'show',
    description: 'Create new trust',
    args: ['<trustor-user>', '<trustee-user>'],
    options: [
      {
        flags: '--project <project>',
        description: 'Project being delegated (name or ID) (required)',
      },
      {
        flags: '--role <role>',
        description: 'Roles to authorize (name or ID) (repeat option to set multiple values, required)',
        repeat: true,
      },
      {
        flags: '--impersonate',
        description: 'Tokens generated from the trust will represent <trustor> (defaults to False)',
      },
      {
        flags: '--expiration <expiration>',
        description: 'Sets an expiration date for the trust (format of YYYY-mm-ddTHH:MM:SS)',
      },
      projectDomainOption,
      {
        flags: '--trustor-domain <trustor-domain>',
        description: 'Domain that contains <trustor> (name or ID)',
      },
      {
        flags: '--trustee-domain <trustee-domain>',
        description: 'Domain that contains <trustee> (name or ID)',
      },
    ],
    async run(ctx, o, a) {
      requireOptions(['trust', 'create'], o, [
        ['project', '--project'],
        ['role', '--role'],
      ]);
      const api = ctx.api();
      // the caller's own name resolves from the token: a trustor who may not list users can still name themself
      const trustorId = (
        await findUser(api, await tokenResource(ctx, 'user', a.trustorUser, o.trustorDomain), o.trustorDomain)
      ).id;
      const trusteeId = (await findUser(api, a.trusteeUser, o.trusteeDomain)).id;
      const projectId = (
        await findProject(api, await tokenResource(ctx, 'project', o.project, o.projectDomain), o.projectDomain)
      ).id;
      const roles: Array<{ id: string } | { name: string }> = [];
      for (const role of o.role as string[]) {
        const fromToken = await tokenResource(ctx, 'roles', role);
        if (fromToken !== role) {
          roles.push({ id: fromToken });
          continue;
        }
        try {
          roles.push({ id: (await findRole(api, role)).id });
        } catch (e) {
          // a trustor may not look roles up: osc sends the name as an ID (which fails); Keystone takes it as a name
          if (!isForbidden(e)) throw e;
          roles.push({ name: role });
        }
      }
      const trust = await api.identity.trusts.create({
        trustor_user_id: trustorId,
        trustee_user_id: trusteeId,
        project_id: projectId,
        impersonation: Boolean(o.impersonate),
        roles,
        ...(o.expiration ? { expires_at: parseExpiration(o.expiration) } : {}),
      });
      return trustShow(trust);
    },
  },
  {
    path: ['trust', 'delete'],
    kind: 'plain',
    description: 'Delete trust(s)',
    args: ['<trust...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.trust,
        async (t) => api.delete('trusts', (await findTrust(ctx, t)).id),
        (t, e) => `Failed to delete trust with name or ID '${t}': ${messageOf(e)}`,
        (errors, total) => `${errors} of ${total} trusts failed to delete.`,
      );
    },
  },
  {
    path: ['trust', 'list'],
    kind: 'list',
    description: 'List trusts',
    options: [
      {
        flags: '--trustor <trustor-user>',
        description: 'Trustor user to filter (name or ID)',
      },
      {
        flags: '--trustor-domain <trustor-domain>',
        description: 'Domain that contains <trustor> (name or ID)',
      },
      {
        flags: '--trustee <trustee-user>',
        description: 'Trustee user to filter (name or ID)',
      },
      {
        flags: '--trustee-domain <trustee-domain>',
        description: 'Domain that contains <trustee> (name or ID)',
      },
      {
        flags: '--auth-user',
        description: 'Only list trusts related to the authenticated user',
      },
    ],
    exclusive: [
      ['trustor', 'authUser'],
      ['trustee', 'authUser'],
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const filters: Rec = {};
      if (o.authUser) {
        // trusts the user gave and trusts the user received: two filtered lists, as newer openstackclient does
        const me = (await ctx.access()).userId;
        const given = await api.identity.trusts.list({ trustor_user_id: me });
        const received = await api.identity.trusts.list({
          trustee_user_id: me,
        });
        return trustRows([...given, ...received.filter((t) => !given.some((g) => g.id === t.id))]);
      }
      if (o.trustor) filters.trustor_user_id = (await findUser(api, o.trustor, o.trustorDomain)).id;
      if (o.trustee) filters.trustee_user_id = (await findUser(api, o.trustee, o.trusteeDomain)).id;
      return trustRows(await api.identity.trusts.list(filters));
    },
  },
  {
    path: ['trust', 'show'],
    kind: 'show',
    description: 'Display trust details',
    args: ['<trust>'],
    async run(ctx, _o, a) {
      return trustShow(await findTrust(ctx, a.trust));
    },
  },
];

function trustRows(trusts: Rec[]) {
  const columns = ['ID', 'Expires At', 'Impersonation', 'Project ID', 'Trustee User ID', 'Trustor User ID'];
  return { columns, rows: trusts.map((t) => itemProperties(t, columns)) };
}

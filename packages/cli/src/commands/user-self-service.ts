/**
 * The Xloud user extensions (OS-XLOUD, see docs/console.md): `user profile set`, `user sign-in list` and
 * `user revoke tokens`. USER is a name or ID and defaults to the current user, so a user without admin rights can
 * manage their own account.
 */
import type { UserProfile } from '@xloud/sdk';
import type { CommandSpec, OptionSpec } from '../command.ts';
import type { Context } from '../context.ts';
import { attrName } from '../program.ts';
import { findProject, findUser, tokenResource } from '../resolve.ts';
import { projectDomainOption } from './common.ts';

const domainOption: OptionSpec = { flags: '--domain <domain>', description: 'Domain owning <user> (name or ID)' };

/** The user's ID: the current user when `user` is not given; the token's own user by name without a lookup. */
async function userIdOf(ctx: Context, user: string | undefined, domain?: string): Promise<string> {
  if (!user) return (await ctx.access()).userId;
  const name = await tokenResource(ctx, 'user', user, domain);
  return (await findUser(ctx.api(), name, domain)).id as string;
}

/** An option's value for the profile: absent → not sent; an empty string → null (removes the field). */
const field = (v: unknown): string | null | undefined => (v === undefined ? undefined : v === '' ? null : String(v));

const PROFILE_OPTIONS: Array<[string, keyof UserProfile, string]> = [
  ['--email <email-address>', 'email', 'Set email address'],
  ['--first-name <first-name>', 'first_name', 'Set first name'],
  ['--last-name <last-name>', 'last_name', 'Set last name'],
  ['--phone <phone>', 'phone', 'Set phone number'],
  ['--job-title <job-title>', 'job_title', 'Set job title'],
  ['--department <department>', 'department', 'Set department'],
  ['--description <description>', 'description', 'Set description'],
];

export const userSelfServiceCommands: CommandSpec[] = [
  {
    path: ['user', 'profile', 'set'],
    kind: 'plain',
    description:
      'Set profile fields of a user (default: the current user; Xloud extension). An empty value removes a field.',
    args: ['[user]'],
    options: [
      ...PROFILE_OPTIONS.map(([flags, , description]) => ({ flags, description })),
      { flags: '--default-project <project>', description: 'Set default project (name or ID)' },
      projectDomainOption,
      domainOption,
    ],
    async run(ctx, o, a) {
      const profile: UserProfile = {};
      for (const [flags, key] of PROFILE_OPTIONS) {
        const value = field(o[attrName(flags)]);
        if (value !== undefined) profile[key] = value;
      }
      if (o.defaultProject !== undefined) {
        profile.default_project_id =
          o.defaultProject === ''
            ? null
            : ((
                await findProject(
                  ctx.api(),
                  await tokenResource(ctx, 'project', o.defaultProject, o.projectDomain),
                  o.projectDomain,
                )
              ).id as string);
      }
      if (Object.keys(profile).length === 0) return; // like openstackclient's set commands: nothing asked, nothing sent
      const userId = await userIdOf(ctx, a.user, o.domain);
      await ctx.api().identity.users.updateProfile(userId, profile);
    },
  },
  {
    path: ['user', 'sign-in', 'list'],
    kind: 'list',
    description:
      "List a user's most recent sign-in attempts, newest first (default: the current user; Xloud extension)",
    args: ['[user]'],
    options: [
      { flags: '--limit <limit>', description: 'Maximum number of sign-ins to list (1-100, default 20)', int: true },
      domainOption,
    ],
    async run(ctx, o, a) {
      const userId = await userIdOf(ctx, a.user, o.domain);
      const signIns = await ctx.api().identity.users.listSignIns(userId, { limit: o.limit });
      const columns = ['Time', 'Method', 'Success', 'Source Address', 'User Agent'];
      return {
        columns,
        rows: signIns.map((s) => [s.time, s.method, s.success, s.source_address ?? '', s.user_agent ?? '']),
      };
    },
  },
  {
    path: ['user', 'revoke', 'tokens'],
    kind: 'plain',
    description:
      'Revoke every token of a user issued until now: sign out everywhere (default: the current user; Xloud extension)',
    args: ['[user]'],
    options: [domainOption],
    async run(ctx, o, a) {
      const userId = await userIdOf(ctx, a.user, o.domain);
      await ctx.api().identity.users.revokeTokens(userId);
    },
  },
];

/** `user create|delete|list|set|show` and `user password set` (openstackclient's identity/v3/user.py). */
import type { Rec } from '../api.ts';
import { itemProperties, sortedShow, type CommandSpec, type OptionSpec } from '../command.ts';
import { getPassword } from '../prompt.ts';
import { findDomain, findGroup, findProject, tokenResource } from '../resolve.ts';
import { deleteFailure, deleteSummary, enableDisable, forEachItem, projectDomainOption } from './common.ts';
import { dropUndefined } from './project.ts';

const userOptions: OptionSpec[] = [
  {
    flags: '--ignore-lockout-failure-attempts',
    description: 'Opt into ignoring the number of times a user has authenticated and locking out the user as a result',
  },
  {
    flags: '--no-ignore-lockout-failure-attempts',
    description:
      'Opt out of ignoring the number of times a user has authenticated and locking out the user as a result',
  },
  {
    flags: '--ignore-password-expiry',
    description: 'Opt into allowing user to continue using passwords that may be expired',
  },
  {
    flags: '--no-ignore-password-expiry',
    description: 'Opt out of allowing user to continue using passwords that may be expired',
  },
  {
    flags: '--ignore-change-password-upon-first-use',
    description: 'Opt into ignoring the user to change their password during first time login in keystone',
  },
  {
    flags: '--no-ignore-change-password-upon-first-use',
    description: 'Opt out of ignoring the user to change their password during first time login in keystone',
  },
  {
    flags: '--enable-lock-password',
    description: 'Disables the ability for a user to change its password through self-service APIs',
  },
  {
    flags: '--disable-lock-password',
    description: 'Enables the ability for a user to change its password through self-service APIs',
  },
  {
    flags: '--enable-multi-factor-auth',
    description: 'Enables the MFA (Multi Factor Auth); refused by Xloud Identity until it enforces MFA',
  },
  { flags: '--disable-multi-factor-auth', description: 'Disables the MFA (Multi Factor Auth)' },
  {
    flags: '--multi-factor-auth-rule <rule>',
    description:
      'Set multi-factor auth rules, e.g. "password,totp". May be provided multiple times to set different rule combinations. Refused by Xloud Identity until it enforces MFA.',
    repeat: true,
  },
];

const userExclusive = [
  ['enable', 'disable'],
  ['enableLockPassword', 'disableLockPassword'],
  ['enableMultiFactorAuth', 'disableMultiFactorAuth'],
];

function userOptionsOf(o: Rec): Rec {
  const options: Rec = {};
  if (typeof o.ignoreLockoutFailureAttempts === 'boolean')
    options.ignore_lockout_failure_attempts = o.ignoreLockoutFailureAttempts;
  if (typeof o.ignorePasswordExpiry === 'boolean') options.ignore_password_expiry = o.ignorePasswordExpiry;
  if (typeof o.ignoreChangePasswordUponFirstUse === 'boolean')
    options.ignore_change_password_upon_first_use = o.ignoreChangePasswordUponFirstUse;
  if (o.enableLockPassword) options.lock_password = true;
  if (o.disableLockPassword) options.lock_password = false;
  if (o.enableMultiFactorAuth) options.multi_factor_auth_enabled = true;
  if (o.disableMultiFactorAuth) options.multi_factor_auth_enabled = false;
  if (o.multiFactorAuthRule?.length)
    options.multi_factor_auth_rules = (o.multiFactorAuthRule as string[]).map((r) => r.split(','));
  return options;
}

const NO_PASSWORD = 'No password was supplied, authentication will fail when a user does not have a password.';

export const userCommands: CommandSpec[] = [
  {
    path: ['user', 'create'],
    kind: 'show',
    description: 'Create new user',
    args: ['<name>'],
    options: [
      { flags: '--domain <domain>', description: 'Default domain (name or ID)' },
      { flags: '--project <project>', description: 'Default project (name or ID)' },
      projectDomainOption,
      { flags: '--password <password>', description: 'Set user password' },
      { flags: '--password-prompt', description: 'Prompt interactively for password' },
      { flags: '--email <email-address>', description: 'Set user email address' },
      { flags: '--description <description>', description: 'User description' },
      ...userOptions,
      ...enableDisable('user', ' (default)'),
      { flags: '--or-show', description: 'Return existing user' },
    ],
    exclusive: userExclusive,
    async run(ctx, o, a) {
      const api = ctx.api();
      const projectId = o.project ? (await findProject(api, o.project, o.projectDomain)).id : undefined;
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      let password: string | undefined = o.password;
      if (o.passwordPrompt) password = await getPassword(ctx.io);
      if (!password) ctx.warn(NO_PASSWORD);
      let user: Rec;
      try {
        user = await api.create(
          'users',
          dropUndefined({
            name: a.name,
            domain_id: domainId,
            default_project_id: projectId,
            password,
            email: o.email,
            description: o.description,
            enabled: !o.disable,
            options: userOptionsOf(o),
          }),
        );
      } catch (e) {
        if (!(o.orShow && (e as { code?: string }).code === 'ERR_CONFLICT')) throw e;
        user = await api.find('users', a.name, domainId ? { domain_id: domainId } : {});
        ctx.info(`Returning existing user ${user.name}`);
      }
      return sortedShow(user);
    },
  },
  {
    path: ['user', 'delete'],
    kind: 'plain',
    description: 'Delete user(s)',
    args: ['<user...>'],
    options: [{ flags: '--domain <domain>', description: 'Domain owning <user> (name or ID)' }],
    async run(ctx, o, a) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      await forEachItem(
        ctx,
        a.user,
        async (u) => api.delete('users', (await api.find('users', u, domainId ? { domain_id: domainId } : {})).id),
        deleteFailure('user'),
        deleteSummary('users'),
      );
    },
  },
  {
    path: ['user', 'list'],
    kind: 'list',
    description: 'List users',
    options: [
      { flags: '--domain <domain>', description: 'Filter users by <domain> (name or ID)' },
      { flags: '--group <group>', description: 'Filter users by <group> membership (name or ID)' },
      { flags: '--project <project>', description: 'Filter users by <project> (name or ID)' },
      { flags: '--long', description: 'List additional fields in output' },
    ],
    exclusive: [['group', 'project']],
    async run(ctx, o) {
      const api = ctx.api();
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      let data: Rec[];
      if (o.project) {
        const project = await api.find('projects', o.project, domainId ? { domain_id: domainId } : {});
        const raw = await api.listPath('/role_assignments', 'role_assignments', { 'scope.project.id': project.id });
        const ids = [...new Set(raw.filter((r) => r.user).map((r) => r.user.id as string))];
        data = [];
        for (const id of ids) data.push(await api.get('users', id));
      } else if (o.group) {
        const group = await findGroup(api, o.group, o.domain);
        data = await api.list(
          'users',
          domainId ? { domain_id: domainId } : {},
          `/groups/${encodeURIComponent(group.id)}/users`,
        );
      } else {
        data = await api.list('users', domainId ? { domain_id: domainId } : {});
      }
      if (o.long) {
        const attrs = ['id', 'name', 'default_project_id', 'domain_id', 'description', 'email', 'enabled'];
        const columns = ['ID', 'Name', 'Project', 'Domain', 'Description', 'Email', 'Enabled'];
        return { columns, rows: data.map((u) => itemProperties(u, columns, attrs)) };
      }
      const columns = ['ID', 'Name'];
      return { columns, rows: data.map((u) => itemProperties(u, columns)) };
    },
  },
  {
    path: ['user', 'set'],
    kind: 'plain',
    description: 'Set user properties',
    args: ['<user>'],
    options: [
      { flags: '--name <name>', description: 'Set user name' },
      {
        flags: '--domain <domain>',
        description:
          'Domain the user belongs to (name or ID). This can be used in case collisions between user names exist.',
      },
      { flags: '--project <project>', description: 'Set default project (name or ID)' },
      projectDomainOption,
      { flags: '--password <password>', description: 'Set user password' },
      { flags: '--password-prompt', description: 'Prompt interactively for password' },
      { flags: '--email <email-address>', description: 'Set user email address' },
      { flags: '--description <description>', description: 'Set user description' },
      ...userOptions,
      ...enableDisable('user', ' (default)'),
    ],
    exclusive: userExclusive,
    async run(ctx, o, a) {
      const api = ctx.api();
      let password: string | undefined = o.password;
      if (o.passwordPrompt) password = await getPassword(ctx.io);
      if (password === '') ctx.warn(NO_PASSWORD);
      const name = await tokenResource(ctx, 'user', a.user, o.domain);
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      const user = await api.find('users', domainId ? name : a.user, domainId ? { domain_id: domainId } : {});
      const body: Rec = {};
      if (o.name) body.name = o.name;
      if (o.email) body.email = o.email;
      if (password) body.password = password;
      if (o.description) body.description = o.description;
      if (o.project) body.default_project_id = (await findProject(api, o.project, o.projectDomain)).id;
      body.enabled = user.enabled;
      if (o.enable) body.enabled = true;
      if (o.disable) body.enabled = false;
      const options = userOptionsOf(o);
      if (Object.keys(options).length) body.options = options;
      await api.update('users', user.id, dropUndefined(body));
    },
  },
  {
    path: ['user', 'password', 'set'],
    kind: 'plain',
    description: 'Change current user password',
    options: [
      { flags: '--password <new-password>', description: 'New user password' },
      { flags: '--original-password <original-password>', description: 'Original user password' },
    ],
    async run(ctx, o) {
      const current: string = o.originalPassword ?? (await getPassword(ctx.io, 'Current Password:', false));
      const password: string = o.password ?? (await getPassword(ctx.io, 'New Password:'));
      if (password === '') ctx.warn(NO_PASSWORD);
      const userId = (await ctx.access()).userId;
      await ctx.api().identity.users.changePassword(userId, { original_password: current, password });
    },
  },
  {
    path: ['user', 'show'],
    kind: 'show',
    description: 'Display user details',
    args: ['<user>'],
    options: [{ flags: '--domain <domain>', description: 'Domain owning <user> (name or ID)' }],
    async run(ctx, o, a) {
      const api = ctx.api();
      const name = await tokenResource(ctx, 'user', a.user, o.domain);
      const domainId = o.domain ? (await findDomain(api, o.domain)).id : undefined;
      return sortedShow(await api.find('users', name, domainId ? { domain_id: domainId } : {}));
    },
  },
];

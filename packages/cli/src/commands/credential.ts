/** `credential create|delete|list|set|show` (openstackclient's identity/v3/credential.py). */
import type { Rec } from '../api.ts';
import { CommandError, itemProperties, sortedShow, type CommandSpec } from '../command.ts';
import { findById, findUser } from '../resolve.ts';
import { deleteFailure, forEachItem, userDomainOption } from './common.ts';
import { dropUndefined } from './project.ts';

export const credentialCommands: CommandSpec[] = [
  {
    path: ['credential', 'create'],
    kind: 'show',
    description: 'Create new credential',
    args: ['<user>', '<data>'],
    options: [
      { flags: '--type <type>', description: 'New credential type: cert, ec2, totp and so on', default: 'cert' },
      { flags: '--project <project>', description: 'Project which limits the scope of the credential (name or ID)' },
    ],
    async run(ctx, o, a) {
      const api = ctx.api();
      const userId = (await api.find('users', a.user)).id;
      const projectId = o.project ? (await api.find('projects', o.project)).id : undefined;
      const credential = await api.create(
        'credentials',
        dropUndefined({ user_id: userId, type: o.type, blob: a.data, project_id: projectId }),
      );
      return sortedShow(credential);
    },
  },
  {
    path: ['credential', 'delete'],
    kind: 'plain',
    description: 'Delete credential(s)',
    args: ['<credential-id...>'],
    async run(ctx, _o, a) {
      const api = ctx.api();
      await forEachItem(
        ctx,
        a.credentialId,
        (id) => api.delete('credentials', id),
        deleteFailure('credentials', 'ID'),
        (errors, total) => `${errors} of ${total} credential failed to delete.`,
      );
    },
  },
  {
    path: ['credential', 'list'],
    kind: 'list',
    description: 'List credentials',
    options: [
      { flags: '--user <user>', description: 'Filter credentials by <user> (name or ID)' },
      userDomainOption,
      { flags: '--type <type>', description: 'Filter credentials by type: cert, ec2, totp and so on' },
    ],
    async run(ctx, o) {
      const api = ctx.api();
      const query: Rec = {};
      if (o.user) query.user_id = (await findUser(api, o.user, o.userDomain)).id;
      if (o.type) query.type = o.type;
      const data = await api.list('credentials', query);
      return {
        columns: ['ID', 'Type', 'User ID', 'Data', 'Project ID'],
        rows: data.map((c) => itemProperties(c, ['ID', 'Type', 'User ID', 'Blob', 'Project ID'])),
      };
    },
  },
  {
    path: ['credential', 'set'],
    kind: 'plain',
    description: 'Set credential properties',
    args: ['<credential-id>'],
    options: [
      { flags: '--user <user>', description: 'User that owns the credential (name or ID) (required)' },
      { flags: '--type <type>', description: 'New credential type: cert, ec2, totp and so on (required)' },
      { flags: '--data <data>', description: 'New credential data (required)' },
      { flags: '--project <project>', description: 'Project which limits the scope of the credential (name or ID)' },
    ],
    async run(ctx, o, a) {
      const missing = ['user', 'type', 'data'].filter((k) => !o[k]).map((k) => `--${k}`);
      if (missing.length) {
        throw new CommandError(`the following arguments are required: ${missing.join(', ')}`, 2);
      }
      const api = ctx.api();
      const userId = (await api.find('users', o.user)).id;
      const projectId = o.project ? (await api.find('projects', o.project)).id : undefined;
      await api.update(
        'credentials',
        a.credentialId,
        dropUndefined({ user_id: userId, type: o.type, blob: o.data, project_id: projectId }),
      );
    },
  },
  {
    path: ['credential', 'show'],
    kind: 'show',
    description: 'Display credential details',
    args: ['<credential-id>'],
    async run(ctx, _o, a) {
      return sortedShow(await findById(ctx.api(), 'credentials', a.credentialId));
    },
  },
];

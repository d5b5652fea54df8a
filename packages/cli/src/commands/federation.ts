/**
 * `federation domain list` and `federation project list` (openstackclient's identity/v3/unscoped_saml.py): the
 * domains and projects the current token's user may scope to. The rest of openstackclient's federation commands
 * (identity providers, mappings, protocols, service providers) manage APIs Xloud Identity does not serve.
 */
import { itemProperties, type CommandSpec } from '../command.ts';

export const federationCommands: CommandSpec[] = [
  {
    path: ['federation', 'domain', 'list'],
    kind: 'list',
    description: 'List accessible domains',
    async run(ctx) {
      const columns = ['ID', 'Enabled', 'Name', 'Description'];
      return {
        columns,
        rows: (await ctx.api().identity.auth.domains()).map((d) => itemProperties(d, columns)),
      };
    },
  },
  {
    path: ['federation', 'project', 'list'],
    kind: 'list',
    description: 'List accessible projects',
    async run(ctx) {
      const columns = ['ID', 'Domain ID', 'Enabled', 'Name'];
      return {
        columns,
        rows: (await ctx.api().identity.auth.projects()).map((p) => itemProperties(p, columns)),
      };
    },
  },
];

/**
 * `token issue|revoke`, `catalog list|show`, `versions show` (identity/v3/token.py, catalog.py, common/versions.py),
 * and xloud's `token oauth2`.
 */
import type { Rec } from '../api.ts';
import { CommandError, sortedShow, type CommandSpec } from '../command.ts';
import { Formattable } from '../output/formatters.ts';
import { sdk } from '../sdk.ts';

/** `%Y-%m-%dT%H:%M:%S%z` of a UTC time, as osc prints token expiry. */
function pyUtcTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+0000`;
}

/** The catalog's endpoints column: region, then `interface: url`, per endpoint. */
export function endpointsColumn(endpoints: Rec[]): Formattable {
  return new Formattable(endpoints, (v) => {
    const eps = v as Rec[];
    if (!eps?.length) return '';
    return eps.map((ep) => `${ep.region_id || ep.region || '<none>'}\n  ${ep.interface}: ${ep.url}\n`).join('');
  });
}

const STATUS: Record<string, string> = {
  stable: 'CURRENT',
  current: 'CURRENT',
  supported: 'SUPPORTED',
  deprecated: 'DEPRECATED',
  experimental: 'EXPERIMENTAL',
};

/** keystoneauth's version normalisation: `v3.14` → `3.14`. */
const versionNumber = (id: string): string => id.replace(/^v/i, '');

export const tokenCommands: CommandSpec[] = [
  {
    path: ['token', 'issue'],
    kind: 'show',
    description: 'Issue new token',
    async run(ctx) {
      const access = await ctx.access();
      const data: Rec = { id: access.token, expires: pyUtcTime(access.expiresAt) };
      if (access.projectId) data.project_id = access.projectId;
      data.user_id = access.userId;
      if (access.domainId) data.domain_id = access.domainId;
      if (access.system) data.system = 'all';
      return sortedShow(data);
    },
  },
  {
    path: ['token', 'oauth2'],
    kind: 'show',
    description:
      'Get an OAuth 2.0 access token for the configured application credential (OS-OAUTH2 client credentials grant)',
    async run(ctx) {
      const config = ctx.config();
      const id = config.auth.application_credential_id;
      const secret = config.auth.application_credential_secret;
      if (config.auth_type !== 'v3applicationcredential' || !id || !secret)
        throw new CommandError(
          'token oauth2 needs an application credential by id: --os-auth-type v3applicationcredential, --os-application-credential-id and --os-application-credential-secret (or OS_* / clouds.yaml)',
        );
      const session = ctx.session();
      const v3 = session.endpointOverride ?? (await session.auth.getIdentityUrl(session.http));
      const token = await sdk().oauth2ClientCredentialsToken(
        v3,
        { clientId: id, clientSecret: secret },
        {
          http: session.http,
        },
      );
      return sortedShow({ ...token });
    },
  },
  {
    path: ['token', 'revoke'],
    kind: 'plain',
    description: 'Revoke existing token',
    args: ['<token>'],
    async run(ctx, _o, a) {
      await ctx.api().identity.tokens.revoke(a.token);
    },
  },
  {
    path: ['catalog', 'list'],
    kind: 'list',
    description: 'List services in the service catalog',
    async run(ctx) {
      const catalog = (await ctx.access()).catalog as Rec[];
      return {
        columns: ['Name', 'Type', 'Endpoints'],
        rows: catalog.map((s) => [s.name ?? '', s.type ?? '', endpointsColumn(s.endpoints ?? [])]),
      };
    },
  },
  {
    path: ['catalog', 'show'],
    kind: 'show',
    description: 'Display service catalog details',
    args: ['<service>'],
    async run(ctx, _o, a) {
      const catalog = (await ctx.access()).catalog as Rec[];
      const service = catalog.find((s) => s.name === a.service || s.type === a.service);
      if (!service) throw new CommandError(`service ${a.service} not found`);
      return sortedShow({ ...service, endpoints: endpointsColumn(service.endpoints ?? []) });
    },
  },
  {
    path: ['versions', 'show'],
    kind: 'list',
    description: 'Show available versions of services',
    options: [
      { flags: '--all-interfaces', description: 'Show values for all interfaces' },
      { flags: '--interface <interface>', description: 'Show versions for a specific interface.', default: 'public' },
      { flags: '--region-name <region_name>', description: 'Show versions for a specific region.' },
      { flags: '--service <service>', description: 'Show versions for a specific service.' },
      {
        flags: '--status <status>',
        description:
          'Show versions for a specific status. Valid values are: SUPPORTED, CURRENT, DEPRECATED, EXPERIMENTAL',
      },
    ],
    async run(ctx, o) {
      const access = await ctx.access();
      const catalog = access.catalog as Rec[];
      const projectId = access.projectId;
      const status = o.status ? String(o.status).toUpperCase() : undefined;
      const rows: unknown[][] = [];
      const seen = new Map<string, Rec[]>();
      for (const service of catalog) {
        if (o.service && service.type !== o.service && service.name !== o.service) continue;
        for (const ep of (service.endpoints ?? []) as Rec[]) {
          if (!o.allInterfaces && ep.interface !== o.interface) continue;
          const region = ep.region_id ?? ep.region ?? null;
          if (o.regionName && region !== o.regionName) continue;
          let versions = seen.get(ep.url);
          if (!versions) {
            // like keystoneauth, an endpoint whose discovery fails is left out (shown with --debug)
            // like keystoneauth, an endpoint whose discovery fails gets the version in its URL (shown with --debug)
            versions = await discover(ctx, ep.url).catch((e: unknown) => {
              if (ctx.global.debug)
                ctx.warn(`Failed attempt at discovery on ${ep.url}: ${e instanceof Error ? e.message : String(e)}`);
              return [inferVersion(ep.url, projectId)];
            });
            seen.set(ep.url, versions);
          }
          for (const v of versions) {
            const st = STATUS[String(v.status).toLowerCase()] ?? String(v.status).toUpperCase();
            if (status && st !== status) continue;
            const self = (v.links as Rec[] | undefined)?.find((l) => l.rel === 'self')?.href ?? ep.url;
            rows.push([
              region,
              service.type,
              v.id === null ? null : versionNumber(String(v.id)),
              st,
              self,
              v.min_version || null,
              v.version || null,
            ]);
          }
        }
      }
      return {
        columns: [
          'Region Name',
          'Service Type',
          'Version',
          'Status',
          'Endpoint',
          'Min Microversion',
          'Max Microversion',
        ],
        rows,
      };
    },
  },
];

/** keystoneauth's `_infer_version_data`: the version in the URL (`…/v1` → 1.0), status CURRENT. */
function inferVersion(url: string, projectId?: string): Rec {
  let base = url.replace(/\/+$/, '');
  if (projectId && base.endsWith(projectId)) base = base.slice(0, base.lastIndexOf('/'));
  let version: string | null = null;
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    path = '';
  }
  for (const part of path.split('/').reverse()) {
    const m = /^v(\d+)(?:\.(\d+))?$/.exec(part);
    if (m) {
      version = `v${m[1]}.${m[2] ?? '0'}`;
      break;
    }
  }
  return { id: version, status: 'CURRENT', links: [{ rel: 'self', href: `${base}/` }] };
}

/** The version documents an endpoint advertises (`{version}` or `{versions: {values}}`). */
async function discover(ctx: Parameters<CommandSpec['run']>[0], url: string): Promise<Rec[]> {
  const body = (await ctx.session().request<Rec>(url, { authenticated: false })).body;
  if (body?.version) return [body.version];
  const values = body?.versions?.values ?? body?.versions;
  return Array.isArray(values) ? values : [];
}

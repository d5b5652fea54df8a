/**
 * `xloud whoami`: what the authentication troubleshooting guide asks a user to find out, in one command — who the
 * token is for, what it is scoped to, its roles (and which of them are implied by another), when it expires, how it
 * was obtained, and which auth URL, identity endpoint, region and interface the CLI is using.
 */
import type { AccessInfo } from '@xloud/sdk';
import type { Rec } from '../api.ts';
import type { CommandSpec, ShowResult } from '../command.ts';
import type { Context } from '../context.ts';
import { Formattable } from '../output/formatters.ts';
import { sdk } from '../sdk.ts';

interface RoleLine {
  id: string;
  name: string;
  /** Names of the token's other roles whose inference rules imply this one. */
  implied_by?: string[];
}

/**
 * The token's roles (Keystone already includes the implied ones), each marked with the roles implying it when the
 * inference rules are readable (`identity:list_role_inference_rules`, admin or system reader by default).
 */
async function rolesOf(ctx: Context, access: AccessInfo): Promise<{ roles: RoleLine[]; inferences: string }> {
  const roles: RoleLine[] = access.roles.map((r) => ({ id: r.id, name: r.name ?? r.id }));
  let rules: Rec[];
  try {
    rules = (await ctx.session().request<{ role_inferences?: Rec[] }>('/role_inferences')).body?.role_inferences ?? [];
  } catch (e) {
    if (
      sdk().isXloudError(e) &&
      (e.code === 'ERR_FORBIDDEN' || e.code === 'ERR_NOT_FOUND' || e.code === 'ERR_UNAUTHORIZED')
    ) {
      return {
        roles,
        inferences: `not readable with this token (${e.code === 'ERR_FORBIDDEN' ? 'identity:list_role_inference_rules is not allowed' : e.message}): implied roles are listed but not marked`,
      };
    }
    throw e;
  }
  const inToken = new Map(roles.map((r) => [r.id, r]));
  for (const rule of rules) {
    const prior = inToken.get(String(rule.prior_role?.id));
    if (!prior) continue;
    for (const implied of (rule.implies ?? []) as Rec[]) {
      const role = inToken.get(String(implied.id));
      if (role && role !== prior) role.implied_by = [...(role.implied_by ?? []), prior.name];
    }
  }
  // the roles given directly (or implied by nothing in this token) first
  roles.sort((a, b) => Number(Boolean(a.implied_by)) - Number(Boolean(b.implied_by)));
  return { roles, inferences: 'read from /v3/role_inferences' };
}

const rolesColumn = (roles: RoleLine[]) =>
  new Formattable(roles, () =>
    roles.map((r) => (r.implied_by ? `${r.name} (implied by ${r.implied_by.join(', ')})` : r.name)).join(', '),
  );

/** The catalog region of the identity endpoint in use (when the configuration names none). */
function regionOf(access: AccessInfo, endpoint: string): string | undefined {
  const bare = (u: string) => u.replace(/\/+$/, '').replace(/\/v3$/, '');
  for (const service of access.catalog) {
    if (service.type !== 'identity') continue;
    const match = service.endpoints.find((e) => bare(e.url) === bare(endpoint));
    if (match) return match.region_id ?? match.region ?? undefined;
  }
  return undefined;
}

function scopeOf(access: AccessInfo): string {
  const t = access.data;
  if (t.project) return 'project';
  if (t.domain) return 'domain';
  if (t.system) return 'system';
  return 'unscoped';
}

export const whoamiCommand: CommandSpec = {
  path: ['whoami'],
  kind: 'show',
  description:
    'Show who the current credentials authenticate as: user, scope, roles (implied ones marked), expiry, auth URL, region and interface',
  async run(ctx): Promise<ShowResult> {
    const config = ctx.config();
    const access = await ctx.access();
    const t = access.data as Rec;
    const { roles, inferences } = await rolesOf(ctx, access);
    const identityEndpoint = await ctx.session().getEndpoint();
    const fields: [string, unknown][] = [
      ['user', t.user?.name],
      ['user_id', t.user?.id],
      ['user_domain', t.user?.domain?.name],
      ['user_domain_id', t.user?.domain?.id],
      ['scope', scopeOf(access)],
    ];
    if (t.project) {
      fields.push(
        ['project', t.project.name],
        ['project_id', t.project.id],
        ['project_domain', t.project.domain?.name],
        ['project_domain_id', t.project.domain?.id],
      );
    }
    if (t.domain) fields.push(['domain', t.domain.name], ['domain_id', t.domain.id]);
    if (t.system)
      fields.push([
        'system',
        Object.keys(t.system)
          .filter((k) => t.system[k])
          .join(', '),
      ]);
    fields.push(['roles', rolesColumn(roles)], ['role_inferences', inferences]);
    if (t['OS-TRUST:trust']) fields.push(['trust_id', t['OS-TRUST:trust'].id]);
    if (t.application_credential)
      fields.push(
        ['application_credential', t.application_credential.name],
        ['application_credential_id', t.application_credential.id],
      );
    fields.push(
      ['expires_at', t.expires_at],
      ['issued_at', t.issued_at],
      ['methods', (access.methods ?? []).join(', ')],
      ['auth_type', config.auth_type],
      ['auth_url', config.auth.auth_url ?? config.auth.endpoint ?? ''],
      ['identity_endpoint', identityEndpoint],
      ['region_name', config.region_name ?? regionOf(access, identityEndpoint) ?? ''],
      ['interface', config.interface],
      ['cloud', config.name ?? ''],
      ['config_file', config.config_file ?? ''],
    );
    return { columns: fields.map(([k]) => k), values: fields.map(([, v]) => v ?? '') };
  },
};

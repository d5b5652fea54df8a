import { ROOT_DOMAIN_SENTINEL } from '../../services/resource/resource-driver.ts';
import { GLOBAL_ROLE_SENTINEL } from '../tables.ts';
import {
  flag,
  integer,
  isoFromMicroseconds,
  isoTime,
  jsonObject,
  type KeystoneRow,
  optionalText,
  optionValue,
  text,
} from './keystone-source.ts';

/**
 * Keystone's rows turned into ours, table by table. Pure: no database here, so every rule of the mapping is in
 * one place and the write step only upserts.
 */
export type Row = Record<string, string | number | null>;

export interface KeystoneTables {
  [table: string]: KeystoneRow[];
}

export interface MappedTable {
  table: string;
  /** Primary key columns: the upsert's conflict target. */
  keys: string[];
  rows: Row[];
}

export interface Mapping {
  tables: MappedTable[];
  /** Users whose password history is replaced by the imported one. */
  historyUsers: string[];
  history: Row[];
  revocations: Row[];
  skipped: Record<string, { count: number; reason: string }>;
}

const USER_OPTION_NAMES: Record<string, string> = {
  '1000': 'ignore_change_password_upon_first_use',
  '1001': 'ignore_password_expiry',
  '1002': 'ignore_lockout_failure_attempts',
  '1003': 'lock_password',
  '1004': 'ignore_user_inactivity',
  MFAR: 'multi_factor_auth_rules',
  MFAE: 'multi_factor_auth_enabled',
};
const RESOURCE_OPTION_NAMES: Record<string, string> = { IMMU: 'immutable' };

const flagNumber = (value: unknown, whenNull: boolean): number => (flag(value, whenNull) ? 1 : 0);
const json = (value: Record<string, unknown>): string => JSON.stringify(value);
const group = <T>(rows: KeystoneRow[], key: string, value: (row: KeystoneRow) => T): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = text(row[key]);
    out.set(k, [...(out.get(k) ?? []), value(row)]);
  }
  return out;
};
const without = (object: Record<string, unknown>, ...names: string[]): Record<string, unknown> => {
  const copy = { ...object };
  for (const name of names) delete copy[name];
  return copy;
};

export function mapKeystone(k: KeystoneTables, now: Date): Mapping {
  const nowIso = now.toISOString();
  const skipped: Mapping['skipped'] = {};
  const skip = (kind: string, reason: string) => {
    skipped[kind] = { count: (skipped[kind]?.count ?? 0) + 1, reason };
  };
  const tables: MappedTable[] = [];
  const add = (table: string, keys: string[], rows: Row[]) => tables.push({ table, keys, rows });

  // Domains and projects, parents before children (domains first).
  const projects = [...(k.project ?? [])].sort(
    (a, b) => Number(flag(b.is_domain, false)) - Number(flag(a.is_domain, false)),
  );
  add(
    'project',
    ['id'],
    projects.map((p) => ({
      id: text(p.id),
      name: text(p.name),
      domain_id: text(p.domain_id) || ROOT_DOMAIN_SENTINEL,
      parent_id: optionalText(p.parent_id),
      is_domain: flagNumber(p.is_domain, false),
      enabled: flagNumber(p.enabled, true),
      description: optionalText(p.description),
      extra: json(jsonObject(p.extra)),
    })),
  );
  for (const o of k.project_option ?? [])
    skip(
      'project option',
      `project options (${RESOURCE_OPTION_NAMES[text(o.option_id)] ?? text(o.option_id)}) are not stored by Xloud`,
    );
  add(
    'project_tag',
    ['project_id', 'name'],
    (k.project_tag ?? []).map((t) => ({ project_id: text(t.project_id), name: text(t.name) })),
  );

  // Users: Keystone splits them over user, local_user, password and user_option.
  const localUsers = new Map((k.local_user ?? []).map((l) => [text(l.user_id), l]));
  const passwords = group(k.password ?? [], 'local_user_id', (p) => p);
  const options = group(k.user_option ?? [], 'user_id', (o) => o);
  const users: Row[] = [];
  const history: Row[] = [];
  const historyUsers: string[] = [];
  for (const u of k.user ?? []) {
    const id = text(u.id);
    const local = localUsers.get(id);
    if (!local) {
      skip('user', 'federated and LDAP-backed users (no local_user row) belong to external identity, not imported');
      continue;
    }
    const userOptions: Record<string, unknown> = {};
    for (const o of options.get(id) ?? []) {
      const name = USER_OPTION_NAMES[text(o.option_id)];
      if (name) userOptions[name] = optionValue(o.option_value);
    }
    const rows = [...(passwords.get(text(local.id)) ?? [])].sort(
      (a, b) =>
        (integer(a.created_at_int) ?? 0) - (integer(b.created_at_int) ?? 0) ||
        (integer(a.id) ?? 0) - (integer(b.id) ?? 0),
    );
    const current = rows.at(-1);
    const extra = jsonObject(u.extra);
    const createdAt = isoTime(u.created_at) ?? nowIso;
    users.push({
      id,
      domain_id: text(u.domain_id),
      name: text(local.name),
      enabled: flagNumber(u.enabled, true),
      default_project_id: optionalText(u.default_project_id),
      description: typeof extra.description === 'string' ? extra.description : null,
      email: typeof extra.email === 'string' ? extra.email : null,
      extra: json(without(extra, 'description', 'email')),
      options: json(userOptions),
      password_hash: current ? optionalText(current.password_hash) : null,
      password_created_at: current
        ? (isoFromMicroseconds(current.created_at_int) ?? isoTime(current.created_at))
        : null,
      password_expires_at: current
        ? (isoFromMicroseconds(current.expires_at_int) ?? isoTime(current.expires_at))
        : null,
      created_at: createdAt,
      last_active_at: isoTime(u.last_active_at),
      failed_auth_count: integer(local.failed_auth_count) ?? 0,
      failed_auth_at: isoTime(local.failed_auth_at),
    });
    historyUsers.push(id);
    for (const p of rows) {
      const hash = optionalText(p.password_hash);
      if (hash)
        history.push({
          user_id: id,
          password_hash: hash,
          created_at: isoFromMicroseconds(p.created_at_int) ?? isoTime(p.created_at) ?? createdAt,
        });
    }
  }
  add('identity_user', ['id'], users);
  const importedUsers = new Set(users.map((u) => String(u.id)));

  add(
    'identity_group',
    ['id'],
    (k.group ?? []).map((g) => ({
      id: text(g.id),
      domain_id: text(g.domain_id),
      name: text(g.name),
      description: optionalText(g.description),
      extra: json(jsonObject(g.extra)),
    })),
  );
  add(
    'group_membership',
    ['user_id', 'group_id'],
    (k.user_group_membership ?? [])
      .filter((m) => importedUsers.has(text(m.user_id)))
      .map((m) => ({ user_id: text(m.user_id), group_id: text(m.group_id) })),
  );
  for (const _ of k.expiring_user_group_membership ?? [])
    skip('expiring group membership', 'memberships granted by a federated mapping expire with it; not imported');

  // Roles, their options and inference rules.
  const roleOptions = group(k.role_option ?? [], 'role_id', (o) => o);
  add(
    'role',
    ['id'],
    (k.role ?? []).map((r) => {
      const opts: Record<string, unknown> = {};
      for (const o of roleOptions.get(text(r.id)) ?? []) {
        const name = RESOURCE_OPTION_NAMES[text(o.option_id)];
        if (name) opts[name] = optionValue(o.option_value);
      }
      return {
        id: text(r.id),
        name: text(r.name),
        domain_id: text(r.domain_id) || GLOBAL_ROLE_SENTINEL,
        description: optionalText(r.description),
        options: json(opts),
        extra: json(jsonObject(r.extra)),
      };
    }),
  );
  add(
    'implied_role',
    ['prior_role_id', 'implied_role_id'],
    (k.implied_role ?? []).map((i) => ({
      prior_role_id: text(i.prior_role_id),
      implied_role_id: text(i.implied_role_id),
    })),
  );
  const assignment = (a: KeystoneRow): Row => ({
    type: text(a.type),
    actor_id: text(a.actor_id),
    target_id: text(a.target_id),
    role_id: text(a.role_id),
    inherited: flagNumber(a.inherited, false),
  });
  add(
    'assignment',
    ['type', 'actor_id', 'target_id', 'role_id', 'inherited'],
    [...(k.assignment ?? []), ...(k.system_assignment ?? [])].map(assignment),
  );

  // Catalog.
  add(
    'region',
    ['id'],
    (k.region ?? []).map((r) => ({
      id: text(r.id),
      description: text(r.description),
      parent_region_id: optionalText(r.parent_region_id),
      extra: json(jsonObject(r.extra)),
    })),
  );
  add(
    'service',
    ['id'],
    (k.service ?? []).map((s) => ({
      id: text(s.id),
      type: text(s.type),
      enabled: flagNumber(s.enabled, true),
      extra: json(jsonObject(s.extra)),
    })),
  );
  add(
    'endpoint',
    ['id'],
    (k.endpoint ?? []).map((e) => ({
      id: text(e.id),
      interface: text(e.interface),
      service_id: text(e.service_id),
      url: text(e.url),
      region_id: optionalText(e.region_id),
      enabled: flagNumber(e.enabled, true),
      extra: json(jsonObject(e.extra)),
    })),
  );
  add(
    'endpoint_group',
    ['id'],
    (k.endpoint_group ?? []).map((g) => ({
      id: text(g.id),
      name: text(g.name),
      description: optionalText(g.description),
      filters: text(g.filters) || '{}',
    })),
  );
  add(
    'project_endpoint',
    ['endpoint_id', 'project_id'],
    (k.project_endpoint ?? []).map((p) => ({ endpoint_id: text(p.endpoint_id), project_id: text(p.project_id) })),
  );
  add(
    'project_endpoint_group',
    ['endpoint_group_id', 'project_id'],
    (k.project_endpoint_group ?? []).map((p) => ({
      endpoint_group_id: text(p.endpoint_group_id),
      project_id: text(p.project_id),
    })),
  );

  // Application credentials, keyed by Keystone's internal integer id in its join tables.
  const credentialIds = new Map((k.application_credential ?? []).map((c) => [text(c.internal_id), text(c.id)]));
  add(
    'application_credential',
    ['id'],
    (k.application_credential ?? []).map((c) => ({
      id: text(c.id),
      name: text(c.name),
      secret_hash: text(c.secret_hash),
      description: optionalText(c.description),
      user_id: text(c.user_id),
      project_id: optionalText(c.project_id),
      system: optionalText(c.system),
      expires_at: isoFromMicroseconds(c.expires_at),
      unrestricted: c.unrestricted === null || c.unrestricted === undefined ? null : flagNumber(c.unrestricted, false),
      created_at: nowIso,
    })),
  );
  add(
    'application_credential_role',
    ['application_credential_id', 'role_id'],
    (k.application_credential_role ?? [])
      .filter((r) => credentialIds.has(text(r.application_credential_id)))
      .map((r) => ({
        application_credential_id: credentialIds.get(text(r.application_credential_id))!,
        role_id: text(r.role_id),
      })),
  );
  const accessRuleIds = new Map((k.access_rule ?? []).map((r) => [text(r.id), `keystone-${text(r.id)}`]));
  add(
    'access_rule',
    ['id'],
    (k.access_rule ?? []).map((r) => ({
      id: accessRuleIds.get(text(r.id))!,
      external_id: text(r.external_id),
      user_id: text(r.user_id),
      service: text(r.service),
      path: text(r.path),
      method: text(r.method),
    })),
  );
  add(
    'application_credential_access_rule',
    ['application_credential_id', 'access_rule_id'],
    (k.application_credential_access_rule ?? [])
      .filter((r) => credentialIds.has(text(r.application_credential_id)) && accessRuleIds.has(text(r.access_rule_id)))
      .map((r) => ({
        application_credential_id: credentialIds.get(text(r.application_credential_id))!,
        access_rule_id: accessRuleIds.get(text(r.access_rule_id))!,
      })),
  );

  // Credentials stay encrypted: the same Fernet credential keys (--credential-keys) decrypt them here.
  add(
    'credential',
    ['id'],
    (k.credential ?? []).map((c) => ({
      id: text(c.id),
      user_id: text(c.user_id),
      project_id: optionalText(c.project_id),
      type: text(c.type),
      blob: text(c.encrypted_blob),
      extra: json(jsonObject(c.extra)),
      key_hash: optionalText(c.key_hash),
    })),
  );

  // Trusts (deleted ones are history, not grants).
  const liveTrusts = (k.trust ?? []).filter((t) => {
    if (t.deleted_at === null || t.deleted_at === undefined) return true;
    skip('trust', 'deleted trusts are not imported');
    return false;
  });
  add(
    'trust',
    ['id'],
    liveTrusts.map((t) => {
      const extra = jsonObject(t.extra);
      return {
        id: text(t.id),
        trustor_user_id: text(t.trustor_user_id),
        trustee_user_id: text(t.trustee_user_id),
        project_id: optionalText(t.project_id),
        impersonation: flagNumber(t.impersonation, false),
        expires_at: isoFromMicroseconds(t.expires_at_int) ?? isoTime(t.expires_at),
        remaining_uses: integer(t.remaining_uses),
        allow_redelegation: flagNumber(extra.allow_redelegation, false),
        redelegated_trust_id: optionalText(t.redelegated_trust_id),
        redelegation_count: integer(t.redelegation_count),
        created_at: nowIso,
        extra: json(without(extra, 'allow_redelegation')),
      };
    }),
  );
  const liveTrustIds = new Set(liveTrusts.map((t) => text(t.id)));
  add(
    'trust_role',
    ['trust_id', 'role_id'],
    (k.trust_role ?? [])
      .filter((r) => liveTrustIds.has(text(r.trust_id)))
      .map((r) => ({ trust_id: text(r.trust_id), role_id: text(r.role_id) })),
  );

  const revocations = (k.revocation_event ?? []).map((e) => ({
    domain_id: optionalText(e.domain_id),
    project_id: optionalText(e.project_id),
    user_id: optionalText(e.user_id),
    role_id: optionalText(e.role_id),
    trust_id: optionalText(e.trust_id),
    consumer_id: optionalText(e.consumer_id),
    access_token_id: optionalText(e.access_token_id),
    issued_before: isoTime(e.issued_before) ?? nowIso,
    expires_at: isoTime(e.expires_at),
    revoked_at: isoTime(e.revoked_at) ?? nowIso,
    audit_id: optionalText(e.audit_id),
    audit_chain_id: optionalText(e.audit_chain_id),
  }));

  return { tables, historyUsers, history, revocations, skipped };
}

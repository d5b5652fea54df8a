/**
 * What the policy engine knows about the caller: the flattened view of a
 * validated token, mirroring oslo.context's `to_policy_values()` plus Keystone's
 * `token` entry (the rendered token body, used by checks such as
 * `token.domain.id:%(target.domain.id)s`).
 */
export interface PolicyCredentials {
  user_id: string;
  user_domain_id?: string;
  project_id?: string;
  project_domain_id?: string;
  domain_id?: string;
  system_scope?: 'all';
  /** Role names, effective ones included (implied roles already expanded). */
  roles: string[];
  is_admin?: boolean;
  is_admin_project?: boolean;
  token?: { user_id?: string; [k: string]: unknown };
  [k: string]: unknown;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Json, overlay: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const existing = merged[key];
    merged[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

/**
 * The parts of Keystone's rendered token body that default rules read
 * (`token.user.id`, `token.domain.id`, `token.project.domain.id`, ...), derived
 * from the flat credential fields so callers need not render a token body.
 */
function tokenViewFromFlatFields(creds: PolicyCredentials): Json {
  const view: Json = {
    user_id: creds.user_id,
    user: { id: creds.user_id, ...(creds.user_domain_id ? { domain: { id: creds.user_domain_id } } : {}) },
  };
  if (creds.system_scope) view.system = { [creds.system_scope]: true };
  if (creds.domain_id) view.domain = { id: creds.domain_id };
  if (creds.project_id) {
    view.project = {
      id: creds.project_id,
      ...(creds.project_domain_id ? { domain: { id: creds.project_domain_id } } : {}),
    };
  }
  return view;
}

/**
 * Keys oslo.context's `to_policy_values()` always provides, with their values
 * when the token does not set them. They matter: `not domain_id:None` is true
 * for a project-scoped token only because `domain_id` is present and None.
 */
const OSLO_CONTEXT_DEFAULTS: Json = {
  user_domain_id: null,
  system_scope: null,
  domain_id: null,
  project_id: null,
  project_domain_id: null,
  is_admin_project: true,
  service_user_id: null,
  service_user_domain_id: null,
  service_project_id: null,
  service_project_domain_id: null,
  service_roles: [],
};

/**
 * The credential dictionary rules are evaluated against, shaped like what
 * Keystone hands oslo.policy: oslo.context's keys (unset ones as None) plus
 * `token`, completed from the flat fields. Anything the caller put in
 * `creds.token` wins, so a real rendered token body is never overridden.
 */
export function effectiveCredentials(creds: PolicyCredentials): Json {
  const given = Object.fromEntries(Object.entries(creds).filter(([, value]) => value !== undefined));
  const explicitToken = isPlainObject(creds.token) ? creds.token : {};
  return { ...OSLO_CONTEXT_DEFAULTS, ...given, token: deepMerge(tokenViewFromFlatFields(creds), explicitToken) };
}

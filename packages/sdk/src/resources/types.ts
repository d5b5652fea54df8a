/**
 * Identity v3 resources as they travel on the wire (snake_case): the resources are the response schemas of
 * @xloud/identity-schemas, imported as types only, so the SDK gains no runtime dependency. Resources that keep
 * Keystone's "extra" attributes (users, projects, …) have an index signature for them.
 */

import type * as Schemas from '@xloud/identity-schemas';
import type { CollectionLinks } from '@xloud/identity-schemas';
import type { Filters } from './collection.ts';

/**
 * Keystone's `links` block on a collection (a resource's own has only `self`).
 *
 * @example
 * ```ts
 * const next = (body.links as Links).next; // null on the last page
 * ```
 */
export type Links = CollectionLinks;

/**
 * A domain.
 *
 * @example
 * ```ts
 * const d: Domain = await identity.domains.get('default');
 * ```
 */
export type Domain = Schemas.Domain;

/**
 * A project.
 *
 * @example
 * ```ts
 * const p: Project = await identity.projects.find('demo');
 * console.log(p.id, p.domain_id, p.tags);
 * ```
 */
export type Project = Schemas.Project;

/**
 * A user (never includes the password).
 *
 * @example
 * ```ts
 * const u: User = await identity.users.get(userId);
 * console.log(u.name, u.enabled, u.password_expires_at);
 * ```
 */
export type User = Schemas.User;

/**
 * A group.
 *
 * @example
 * ```ts
 * const g: Group = await identity.groups.create({ name: 'admins' });
 * ```
 */
export type Group = Schemas.Group;

/**
 * A role (global when `domain_id` is null).
 *
 * @example
 * ```ts
 * const r: Role = await identity.roles.find('member');
 * ```
 */
export type Role = Schemas.Role;

/**
 * One row of GET /v3/role_assignments.
 *
 * @example
 * ```ts
 * for (const a of await identity.roleAssignments.list({ include_names: true })) console.log(a.role.name, a.user?.name ?? a.group?.name, a.scope);
 * ```
 */
export type RoleAssignment = Schemas.RoleAssignment;

/**
 * An access rule of an application credential.
 *
 * @example
 * ```ts
 * const rule: AccessRule = { id, service: 'compute', method: 'GET', path: '/v2.1/servers' };
 * ```
 */
export type AccessRule = Schemas.AccessRule;

/**
 * An application credential as listed and shown; {@link ApplicationCredentialWithSecret} is the creation response.
 *
 * @example
 * ```ts
 * const c: ApplicationCredential = await identity.applicationCredentials.find('ci');
 * console.log(c.expires_at, c.roles.map((r) => r.name));
 * ```
 */
export type ApplicationCredential = Schemas.ApplicationCredential;

/**
 * The creation response of an application credential: the only time its `secret` is shown.
 *
 * @example
 * ```ts
 * const c: ApplicationCredentialWithSecret = await identity.applicationCredentials.create({ name: 'ci' });
 * save(c.id, c.secret);
 * ```
 */
export type ApplicationCredentialWithSecret = Schemas.ApplicationCredentialWithSecret;

/**
 * A region.
 *
 * @example
 * ```ts
 * const r: Region = await identity.regions.create({ id: 'RegionTwo' });
 * ```
 */
export type Region = Schemas.Region;

/**
 * A catalog service.
 *
 * @example
 * ```ts
 * const s: Service = await identity.services.find('identity');
 * ```
 */
export type Service = Schemas.Service;

/**
 * A catalog endpoint.
 *
 * @example
 * ```ts
 * const eps: Endpoint[] = await identity.endpoints.list({ interface: 'public' });
 * ```
 */
export type Endpoint = Schemas.Endpoint;

/**
 * A credential (EC2 keys, TOTP seeds, certificates): `blob` holds the secret material.
 *
 * @example
 * ```ts
 * const c: Credential = await identity.credentials.get(credentialId);
 * console.log(c.type); // e.g. 'ec2' or 'totp'
 * ```
 */
export type Credential = Schemas.Credential;

/**
 * Attributes accepted when creating a domain.
 *
 * @example
 * ```ts
 * await identity.domains.create({ name: 'acme', description: 'ACME Inc.' } satisfies DomainCreate);
 * ```
 */
export type DomainCreate = {
  name: string;
  description?: string;
  enabled?: boolean;
  tags?: string[];
  id?: string;
} & Record<string, unknown>;
/**
 * Attributes accepted when creating a project.
 *
 * @example
 * ```ts
 * await identity.projects.create({ name: 'web', domain_id: 'default', tags: ['prod'] } satisfies ProjectCreate);
 * ```
 */
export type ProjectCreate = {
  name: string;
  domain_id?: string | null;
  parent_id?: string | null;
  description?: string;
  enabled?: boolean;
  is_domain?: boolean;
  tags?: string[];
} & Record<string, unknown>;
/**
 * Attributes accepted when creating a user.
 *
 * @example
 * ```ts
 * await identity.users.create({ name: 'alice', password: 's3cret', domain_id: 'default', email: 'alice@example.com' } satisfies UserCreate);
 * ```
 */
export type UserCreate = Schemas.UserCreate['user'] & Record<string, unknown>;
/**
 * Attributes accepted when creating a group.
 *
 * @example
 * ```ts
 * await identity.groups.create({ name: 'devs', domain_id: 'default' } satisfies GroupCreate);
 * ```
 */
export type GroupCreate = { name: string; domain_id?: string; description?: string } & Record<string, unknown>;
/**
 * Attributes accepted when creating a role.
 *
 * @example
 * ```ts
 * await identity.roles.create({ name: 'auditor' } satisfies RoleCreate);
 * ```
 */
export type RoleCreate = {
  name: string;
  domain_id?: string | null;
  description?: string;
  options?: Record<string, unknown>;
} & Record<string, unknown>;
/**
 * Attributes accepted when creating a region.
 *
 * @example
 * ```ts
 * await identity.regions.create({ id: 'RegionTwo', parent_region_id: 'RegionOne' } satisfies RegionCreate);
 * ```
 */
export type RegionCreate = { id?: string; description?: string; parent_region_id?: string | null } & Record<
  string,
  unknown
>;
/**
 * Attributes accepted when creating a service.
 *
 * @example
 * ```ts
 * await identity.services.create({ type: 'compute', name: 'nova' } satisfies ServiceCreate);
 * ```
 */
export type ServiceCreate = { type: string; name?: string; description?: string; enabled?: boolean } & Record<
  string,
  unknown
>;
/**
 * Attributes accepted when creating an endpoint.
 *
 * @example
 * ```ts
 * await identity.endpoints.create({ service_id, interface: 'public', url: 'https://nova.example/v2.1', region_id: 'RegionOne' } satisfies EndpointCreate);
 * ```
 */
export type EndpointCreate = {
  service_id: string;
  interface: 'public' | 'internal' | 'admin';
  url: string;
  region_id?: string | null;
  enabled?: boolean;
} & Record<string, unknown>;
/**
 * Attributes accepted when creating a credential.
 *
 * @example
 * ```ts
 * await identity.credentials.create({ user_id, type: 'ec2', blob: JSON.stringify({ access, secret }), project_id } satisfies CredentialCreate);
 * ```
 */
export type CredentialCreate = { user_id: string; type: string; blob: string; project_id?: string | null } & Record<
  string,
  unknown
>;
/**
 * Attributes accepted when creating an application credential.
 *
 * @example
 * ```ts
 * await identity.applicationCredentials.create({ name: 'ci', roles: [{ name: 'reader' }], expires_at: '2030-01-01T00:00:00' } satisfies ApplicationCredentialCreate);
 * ```
 */
export type ApplicationCredentialCreate = {
  name: string;
  description?: string | null;
  secret?: string | null;
  expires_at?: string | null;
  roles?: Array<{ id: string } | { name: string; domain_id?: string | null }>;
  unrestricted?: boolean;
  /** Each rule by `id` (one the user already has), or by `service`, `method` and `path`. */
  access_rules?: Array<Partial<AccessRule>>;
};

/**
 * Keystone's inexact filters on string attributes: `name__contains` (part of the name, case as written),
 * `name__icontains` (ignoring the case of ASCII letters), and the same with `startswith` / `endswith`. The value is
 * plain text (`%` and `_` are not wildcards on Xloud Identity); repeated filters must all match; they combine with
 * `limit` and `marker`, and `links.next` keeps them.
 *
 * @example
 * ```ts
 * const byName: TextFilters<'name'> = { name__icontains: 'ali' };
 * const { items } = await identity.users.page({ ...byName, domain_id: 'default', limit: 20 });
 * ```
 */
export type TextFilters<A extends string> = {
  /** A list of values sends the key once per value; every one must match. */
  [K in `${A}__${'contains' | 'icontains' | 'startswith' | 'istartswith' | 'endswith' | 'iendswith'}`]?:
    | string
    | string[];
};
/**
 * Query filters of GET /v3/domains (other keys pass through as query parameters).
 *
 * @example
 * ```ts
 * await identity.domains.list({ enabled: true } satisfies DomainFilters);
 * await identity.domains.list({ name__istartswith: 'acme' } satisfies DomainFilters);
 * ```
 */
export type DomainFilters = { name?: string; enabled?: boolean } & TextFilters<'name'> & Filters;
/**
 * Query filters of GET /v3/projects (tag filters are comma-separated lists, as Keystone takes them).
 *
 * @example
 * ```ts
 * await identity.projects.page({ domain_id: 'default', tags: 'prod,web', limit: 20 });
 * ```
 */
export type ProjectFilters = {
  domain_id?: string;
  name?: string;
  enabled?: boolean;
  is_domain?: boolean;
  parent_id?: string;
  tags?: string;
  'tags-any'?: string;
  'not-tags'?: string;
  'not-tags-any'?: string;
} & TextFilters<'name' | 'domain_id' | 'parent_id'> &
  Filters;
/**
 * Query filters of GET /v3/users.
 *
 * @example
 * ```ts
 * await identity.users.page({ domain_id: 'default', enabled: false, limit: 50 });
 * ```
 */
export type UserFilters = {
  domain_id?: string;
  name?: string;
  enabled?: boolean;
  password_expires_at?: string;
  idp_id?: string;
  protocol_id?: string;
  unique_id?: string;
} & TextFilters<'name' | 'domain_id'> &
  Filters;
/**
 * Query filters of GET /v3/groups.
 *
 * @example
 * ```ts
 * await identity.groups.list({ domain_id: 'default' } satisfies GroupFilters);
 * ```
 */
export type GroupFilters = { domain_id?: string; name?: string } & TextFilters<'name' | 'domain_id'> & Filters;
/**
 * Query filters of GET /v3/roles (`domain_id` lists a domain's own roles; without it, global roles).
 *
 * @example
 * ```ts
 * await identity.roles.list({ domain_id: 'default' } satisfies RoleFilters);
 * ```
 */
export type RoleFilters = { name?: string; domain_id?: string } & TextFilters<'name' | 'domain_id'> & Filters;

/**
 * Self-service profile fields of PATCH /v3/OS-XLOUD/users/{user_id}/profile. `email`, `description` and
 * `default_project_id` are the user's own attributes; the others are kept as extra attributes. `null` removes a
 * field. Lengths: names ≤ 64, phone ≤ 20, job title and department ≤ 128.
 *
 * @example
 * ```ts
 * await identity.users.updateProfile(me, { first_name: 'Ada', last_name: 'Lovelace', phone: null } satisfies UserProfile);
 * ```
 */
export interface UserProfile {
  email?: string | null;
  description?: string | null;
  default_project_id?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  phone?: string | null;
  job_title?: string | null;
  department?: string | null;
}

/**
 * One authentication attempt on a user (GET /v3/OS-XLOUD/users/{user_id}/sign-ins), newest first.
 *
 * @example
 * ```ts
 * const [last]: SignIn[] = await identity.users.listSignIns(me, { limit: 1 });
 * console.log(last.time, last.method, last.success ? 'ok' : 'failed', last.source_address);
 * ```
 */
export type SignIn = Schemas.SignIn;

/**
 * A user's two-factor state (GET /v3/users/{user_id}/OS-XLOUD/mfa).
 *
 * @example
 * ```ts
 * const s: MfaStatus = await identity.mfa.status(userId);
 * if (s.enabled && s.recovery_codes_remaining < 3) console.log('time to regenerate recovery codes');
 * ```
 */
export type MfaStatus = Schemas.MfaStatusResponse['mfa'];

/**
 * A started enrolment (POST /v3/users/{user_id}/OS-XLOUD/mfa/enrol): the base32 secret, its `otpauth://` URI for
 * an authenticator app, and when the enrolment expires unless verified.
 *
 * @example
 * ```ts
 * const e: MfaEnrolment = await identity.mfa.enrol(userId);
 * console.log(e.otpauth_uri);
 * ```
 */
export type MfaEnrolment = Schemas.MfaEnrolmentResponse['mfa_enrolment'];

/**
 * What proves the second factor to turn it off: a current passcode, or one unused recovery code.
 *
 * @example
 * ```ts
 * const proof: MfaDisableProof = { recoveryCode: 'k7qm-2xza-h9tp' };
 * await identity.mfa.disable(userId, proof);
 * ```
 */
export type MfaDisableProof = { passcode: string } | { recoveryCode: string };

/**
 * The answer for one action of POST /v3/OS-XLOUD/policy-check, for the caller's own token: whether it is allowed,
 * the policy's scope types, and what would allow it in words (`"reader on system"`, `"admin on domain"`, …).
 *
 * @example
 * ```ts
 * const decisions = await identity.xloud.policyCheck(['identity:list_users']);
 * const d: PolicyDecision = decisions['identity:list_users'];
 * if (!d.allowed) console.log(`needs one of: ${d.requires.join(', ')}`);
 * ```
 */
export type PolicyDecision = Schemas.PolicyCheckResult;

/**
 * Decisions of POST /v3/OS-XLOUD/policy-check, keyed by action.
 *
 * @example
 * ```ts
 * const result: PolicyCheck = await identity.xloud.policyCheck(['identity:create_user', 'identity:list_users']);
 * const canCreate = result['identity:create_user']?.allowed ?? false;
 * ```
 */
export type PolicyCheck = Record<string, PolicyDecision>;

/**
 * One event of the audit trail (GET /v3/OS-XLOUD/audit-events), newest first: a sign-in or a change to an
 * identity resource, with the CADF event Keystone-compatible notifications carry as `payload`.
 *
 * @example
 * ```ts
 * const [latest]: AuditEvent[] = await identity.xloud.listAuditEvents({ outcome: 'failure', limit: 1 });
 * console.log(latest.time, latest.action, latest.user_id, latest.target_type, latest.target_id);
 * ```
 */
export type AuditEvent = Schemas.AuditEvent;

/**
 * Filters of {@link AuditEvent} lists; all optional, all exact.
 *
 * @example
 * ```ts
 * const filters: AuditEventFilters = { userId, action: 'authenticate', outcome: 'failure', since: '2026-03-01', limit: 50 };
 * const events = await identity.xloud.listAuditEvents(filters);
 * ```
 */
export interface AuditEventFilters {
  /** The initiator's user id. */
  userId?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'pending';
  /** Inclusive ISO 8601 bounds. */
  since?: string;
  until?: string;
  /** Page size, 1–1000 (server default 100). */
  limit?: number;
  /** The id of the last event of the previous page. */
  marker?: string;
}

import { User } from '@xloud/identity-schemas';
import { toKeystoneResourceTime } from '../../clock.ts';
import type { RoleRecord } from '../../services/assignment/assignment-driver.ts';
import type { EndpointRecord, RegionRecord, ServiceRecord } from '../../services/catalog/catalog-driver.ts';
import type { GroupRecord, UserRecord } from '../../services/identity/identity-driver.ts';
import type { ProjectRecord } from '../../services/resource/resource-driver.ts';
import { camelCase } from '../../wire-case.ts';

/** Wire renderers: each builds the JSON a client sees from a record, listing fields explicitly (never spreads a row). */

type Json = Record<string, unknown>;

/** Extra attributes a client stored are echoed back, but never over a real field. */
const withExtra = (extra: Record<string, unknown>, body: Json): Json => ({ ...extra, ...body });

export function renderDomain(d: ProjectRecord, v3: string, tags: string[] = []): Json {
  return withExtra(d.extra, {
    id: d.id,
    name: d.name,
    description: d.description ?? '',
    enabled: d.enabled,
    tags,
    options: {},
    links: { self: `${v3}/domains/${d.id}` },
  });
}

export function renderProject(p: ProjectRecord & { tags?: string[] }, v3: string): Json {
  return withExtra(p.extra, {
    id: p.id,
    name: p.name,
    domain_id: p.isDomain ? null : p.domainId,
    description: p.description ?? '',
    enabled: p.enabled,
    parent_id: p.isDomain ? null : p.parentId,
    is_domain: p.isDomain,
    tags: p.tags ?? [],
    options: {},
    links: { self: `${v3}/projects/${p.id}` },
  });
}

/** The user's wire attributes in the response schema's order; those it marks optional are left out when unset. */
const USER_ATTRIBUTES = Object.keys(User.properties) as Array<keyof typeof User.properties>;
const OPTIONAL_USER_ATTRIBUTES = new Set<string>(
  USER_ATTRIBUTES.filter((name) => !(User.required as readonly string[]).includes(name)),
);

/** Driven by the User response schema: a stored attribute that the schema names is rendered, with no line here. */
export function renderUser(u: UserRecord, v3: string): Json {
  const derived: Json = {
    password_expires_at: toKeystoneResourceTime(u.passwordExpiresAt),
    links: { self: `${v3}/users/${u.id}` },
  };
  const record = u as unknown as Record<string, unknown>;
  const body: Json = {};
  for (const name of USER_ATTRIBUTES) {
    const value = name in derived ? derived[name] : record[camelCase(name)];
    if ((value === null || value === undefined) && OPTIONAL_USER_ATTRIBUTES.has(name)) continue;
    body[name] = value;
  }
  return withExtra(u.extra, body);
}

export function renderGroup(g: GroupRecord, v3: string): Json {
  return withExtra(g.extra, {
    id: g.id,
    name: g.name,
    domain_id: g.domainId,
    description: g.description ?? '',
    links: { self: `${v3}/groups/${g.id}` },
  });
}

/** Keystone shows `description` always, null when unset (its role model lists it among the attributes). */
export function renderRole(r: RoleRecord, v3: string): Json {
  return withExtra(r.extra, {
    id: r.id,
    name: r.name,
    domain_id: r.domainId,
    description: r.description,
    options: r.options,
    links: { self: `${v3}/roles/${r.id}` },
  });
}

export function renderRegion(r: RegionRecord, v3: string): Json {
  return withExtra(r.extra, {
    id: r.id,
    description: r.description,
    parent_region_id: r.parentRegionId,
    links: { self: `${v3}/regions/${r.id}` },
  });
}

/** `name` is an extra attribute; Keystone stores '' when a service is created without one (catalog/core.py). */
export function renderService(s: ServiceRecord, v3: string): Json {
  return withExtra(
    { name: '', ...s.extra },
    {
      id: s.id,
      type: s.type,
      enabled: s.enabled,
      links: { self: `${v3}/services/${s.id}` },
    },
  );
}

export function renderEndpoint(e: EndpointRecord, v3: string): Json {
  return withExtra(e.extra, {
    id: e.id,
    interface: e.interface,
    region_id: e.regionId,
    region: e.regionId,
    service_id: e.serviceId,
    url: e.url,
    enabled: e.enabled,
    links: { self: `${v3}/endpoints/${e.id}` },
  });
}

/** A collection with Keystone's links block (pagination links are null: lists are not truncated). */
/** A Keystone collection; with a list_limit, at most that many items and `"truncated": true` when there were more. */
export function collection(key: string, items: unknown[], selfUrl: string, listLimit?: number): Json {
  const body: Json = {
    [key]: listLimit === undefined ? items : items.slice(0, listLimit),
    links: { self: selfUrl, previous: null, next: null },
  };
  if (listLimit !== undefined && items.length > listLimit) body.truncated = true;
  return body;
}

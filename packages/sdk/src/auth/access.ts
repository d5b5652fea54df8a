import { EndpointNotFoundError } from '../errors.ts';

/**
 * A `{ id, name }` reference, as inside a token body.
 *
 * @example
 * ```ts
 * const roleNames = access.roles.map((r: NamedRef) => r.name);
 * ```
 */
export interface NamedRef {
  id: string;
  name?: string;
  [key: string]: unknown;
}

/**
 * One endpoint of a catalog entry.
 *
 * @example
 * ```ts
 * const publicUrls = entry.endpoints.filter((e: CatalogEndpoint) => e.interface === 'public').map((e) => e.url);
 * ```
 */
export interface CatalogEndpoint {
  id: string;
  interface: 'public' | 'internal' | 'admin';
  region: string | null;
  region_id: string | null;
  url: string;
  [key: string]: unknown;
}

/**
 * One service in a token's catalog (or GET /v3/auth/catalog).
 *
 * @example
 * ```ts
 * const identityEntry = access.catalog.find((entry: CatalogEntry) => entry.type === 'identity');
 * ```
 */
export interface CatalogEntry {
  id: string;
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
  [key: string]: unknown;
}

/**
 * The `token` object Keystone returns from POST/GET /v3/auth/tokens.
 *
 * @example
 * ```ts
 * const data: TokenData = (await session.getAccess()).data;
 * console.log(data.expires_at, data.project?.name, data.roles?.map((r) => r.name));
 * ```
 */
export interface TokenData {
  methods: string[];
  user: { id: string; name: string; domain: NamedRef; password_expires_at?: string | null; [key: string]: unknown };
  audit_ids: string[];
  expires_at: string;
  issued_at: string;
  project?: { id: string; name: string; domain: NamedRef; [key: string]: unknown };
  domain?: NamedRef;
  system?: { all: boolean };
  is_domain?: boolean;
  roles?: NamedRef[];
  catalog?: CatalogEntry[];
  application_credential?: { id: string; name: string; restricted: boolean; [key: string]: unknown };
  'OS-TRUST:trust'?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Parses Keystone's timestamps (`2026-03-19T10:00:00.000000Z`, with or without zone) as UTC.
 *
 * @example
 * ```ts
 * parseKeystoneTime('2026-03-19T10:00:00.000000Z').toISOString(); // '2026-03-19T10:00:00.000Z'
 * ```
 */
export function parseKeystoneTime(value: string): Date {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  // JavaScript's Date keeps milliseconds; drop the extra microsecond digits.
  return new Date(iso.replace(/(\.\d{3})\d+/, '$1'));
}

/**
 * A token and what Keystone said about it. `toJSON()` and `inspect` hide the token itself.
 *
 * @example
 * ```ts
 * const access = await session.getAccess();
 * console.log(access.userId, access.projectId, access.roleNames, access.expiresAt.toISOString());
 * ```
 */
export class AccessInfo {
  constructor(
    /** The token (the `X-Subject-Token` header). */
    readonly token: string,
    /** The raw `token` object of the response body. */
    readonly data: TokenData,
  ) {}

  get expiresAt(): Date {
    return parseKeystoneTime(this.data.expires_at);
  }
  get issuedAt(): Date {
    return parseKeystoneTime(this.data.issued_at);
  }
  get userId(): string {
    return this.data.user.id;
  }
  get userName(): string {
    return this.data.user.name;
  }
  get userDomainId(): string {
    return this.data.user.domain.id;
  }
  get projectId(): string | undefined {
    return this.data.project?.id;
  }
  get projectName(): string | undefined {
    return this.data.project?.name;
  }
  get projectDomainId(): string | undefined {
    return this.data.project?.domain.id;
  }
  get domainId(): string | undefined {
    return this.data.domain?.id;
  }
  get system(): boolean {
    return this.data.system?.all === true;
  }
  get roles(): NamedRef[] {
    return this.data.roles ?? [];
  }
  get roleNames(): string[] {
    return this.roles.map((r) => r.name ?? r.id);
  }
  get catalog(): CatalogEntry[] {
    return this.data.catalog ?? [];
  }
  get methods(): string[] {
    return this.data.methods;
  }
  get auditIds(): string[] {
    return this.data.audit_ids;
  }
  get isScoped(): boolean {
    return Boolean(this.data.project || this.data.domain || this.data.system);
  }

  /**
   * True when the token expires within `marginMs` of `nowMs`. The margin is capped at half the token's lifetime so
   * short-lived tokens are not refreshed on every request.
   */
  willExpireSoon(nowMs: number, marginMs: number): boolean {
    const expires = this.expiresAt.getTime();
    const lifetime = expires - this.issuedAt.getTime();
    const margin = lifetime > 0 ? Math.min(marginMs, lifetime / 2) : marginMs;
    return expires - nowMs <= margin;
  }

  toJSON(): Record<string, unknown> {
    return { token: '***', ...this.data };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AccessInfo { user: ${this.userName} (${this.userId}), project: ${this.projectId ?? '-'}, expires_at: ${this.data.expires_at}, token: *** }`;
  }
}

/**
 * What to look for in a catalog.
 *
 * @example
 * ```ts
 * const filter: EndpointFilter = { serviceType: 'compute', interface: 'internal', region: 'RegionOne' };
 * await session.getEndpoint(filter);
 * ```
 */
export interface EndpointFilter {
  serviceType: string;
  interface?: 'public' | 'internal' | 'admin' | string;
  region?: string;
  serviceName?: string;
}

/**
 * Finds an endpoint URL in a catalog by service type (and optional name), interface and region, as keystoneauth does.
 * Returns undefined when the catalog has no such service at all.
 *
 * @throws {EndpointNotFoundError} when the service exists but no endpoint matches the interface/region.
 * @example
 * ```ts
 * findEndpoint(access.catalog, { serviceType: 'identity', interface: 'public', region: 'RegionOne' });
 * ```
 */
export function findEndpoint(catalog: CatalogEntry[], filter: EndpointFilter): string | undefined {
  const iface = (filter.interface ?? 'public').replace(/URL$/, '');
  const services = catalog.filter(
    (s) => s.type === filter.serviceType && (!filter.serviceName || s.name === filter.serviceName),
  );
  if (services.length === 0) return undefined;
  for (const service of services) {
    const match = service.endpoints.find(
      (e) => e.interface === iface && (!filter.region || e.region_id === filter.region || e.region === filter.region),
    );
    if (match) return match.url;
  }
  const available = services
    .flatMap((s) => s.endpoints.map((e) => `${e.interface}@${e.region_id ?? e.region ?? '-'}`))
    .join(', ');
  throw new EndpointNotFoundError(
    `No ${iface} endpoint for service type ${filter.serviceType}${filter.region ? ` in region ${filter.region}` : ''} (catalog has: ${available || 'none'}).`,
    { serviceType: filter.serviceType, interface: iface, region: filter.region },
  );
}

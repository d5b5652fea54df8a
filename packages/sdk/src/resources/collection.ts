import { AmbiguousError, NotFoundError, ValidationError } from '../errors.ts';
import type { QueryValue, Session } from '../session.ts';

/**
 * Query filters for a list call; keys are Keystone's query parameters (e.g. `domain_id`, `name`, `limit`).
 *
 * @example
 * ```ts
 * const filters: Filters = { domain_id: 'default', enabled: true, limit: 100 };
 * await identity.projects.list(filters);
 * ```
 */
export type Filters = Record<string, QueryValue>;

/**
 * Per-call options.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * await identity.users.list({}, { signal: controller.signal } satisfies CallOptions);
 * ```
 */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Filters of {@link Collection.page}: the collection's filters plus Keystone's `limit` (page size; the server caps it
 * at 1000) and `marker` (the `nextMarker` of the previous page; omit it for the first page).
 *
 * @example
 * ```ts
 * const first = await identity.users.page({ domain_id: 'default', limit: 20 } satisfies PageFilters<UserFilters>);
 * ```
 */
export type PageFilters<F extends Filters = Filters> = F & { limit: number; marker?: string };

/**
 * One page of a collection. `nextMarker` is present when the server says there is a next page (`links.next`);
 * pass it as `marker` to get that page. `truncated` is Keystone's flag for a list cut at `[DEFAULT] list_limit`
 * (a collection the server does not page).
 *
 * @example
 * ```ts
 * const { items, nextMarker }: Page<Project> = await identity.projects.page({ limit: 50 });
 * const more = nextMarker ? await identity.projects.page({ limit: 50, marker: nextMarker }) : undefined;
 * ```
 */
export interface Page<T> {
  items: T[];
  nextMarker?: string;
  truncated?: boolean;
}

/**
 * How a collection is addressed on the wire.
 *
 * @example
 * ```ts
 * const spec: CollectionSpec = { path: '/projects', key: 'project', plural: 'projects', nameFilter: true };
 * ```
 */
export interface CollectionSpec {
  /** Collection path relative to the identity v3 URL, e.g. `/projects`. */
  path: string;
  /** Member key in request/response bodies, e.g. `project`. */
  key: string;
  /** Collection key in list responses, e.g. `projects`. */
  plural: string;
  /** Whether `?name=` filters this collection (used by `find`). */
  nameFilter?: boolean;
}

/**
 * The URL of the next page: our own URL with the query of the server's `links.next`. The link itself may name
 * another base: Keystone builds it from its public endpoint, which a proxy, a misconfigured `public_endpoint`, or the
 * console's backend-for-frontend (`/dashboard/api/v3/…` forwarding to `/v3/…`) makes differ from the URL we called.
 * The collection path is the same; only the query (the marker) moves.
 */
function nextPageUrl(currentUrl: string, next: string): string {
  const current = new URL(currentUrl);
  return `${current.origin}${current.pathname}${new URL(next, currentUrl).search}`;
}

/**
 * The `marker` of a `links.next` URL (Keystone-style limit/marker paging), if there is one.
 */
function markerOf(next: string | null | undefined, base: string): string | undefined {
  if (!next) return undefined;
  return new URL(next, base).searchParams.get('marker') ?? undefined;
}

/**
 * Iterates a Keystone list, following `links.next` (limit/marker pagination) until it is null.
 *
 * @example
 * ```ts
 * for await (const p of paginate<Project>(session, '/projects', 'projects', { limit: 50 })) console.log(p.name);
 * ```
 */
export async function* paginate<T>(
  session: Session,
  path: string,
  plural: string,
  filters?: Filters,
  options: CallOptions = {},
): AsyncGenerator<T> {
  let url = path;
  let query: Filters | undefined = filters;
  const seen = new Set<string>();
  for (;;) {
    const res = await session.request<Record<string, unknown>>(url, { query, signal: options.signal });
    const items = (res.body?.[plural] ?? []) as T[];
    for (const item of items) yield item;
    const next = (res.body?.links as { next?: string | null } | undefined)?.next;
    if (!next || items.length === 0) return;
    url = nextPageUrl(res.url, next);
    query = undefined;
    if (seen.has(url)) return;
    seen.add(url);
  }
}

/**
 * CRUD over one Keystone collection. Subclasses add the resource's extra operations.
 *
 * @example
 * ```ts
 * const projects = new Collection<Project, ProjectCreate>(session, { path: '/projects', key: 'project', plural: 'projects', nameFilter: true });
 * const demo = await projects.find('demo', { domain_id: 'default' });
 * ```
 */
export class Collection<T extends { id: string }, C = Partial<T>, U = Partial<T>, F extends Filters = Filters> {
  constructor(
    protected readonly session: Session,
    protected readonly spec: CollectionSpec,
  ) {}

  /** Path of the collection (overridable, e.g. per user). */
  protected collectionPath(): string | Promise<string> {
    return this.spec.path;
  }

  /** All matching items, every page fetched. */
  async list(filters?: F, options?: CallOptions): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this.iterate(filters, options)) out.push(item);
    return out;
  }

  /** Matching items one by one, fetching further pages on demand. */
  async *iterate(filters?: F, options?: CallOptions): AsyncGenerator<T> {
    yield* paginate<T>(this.session, await this.collectionPath(), this.spec.plural, filters, options);
  }

  /**
   * One page, for UIs that show a page at a time: GET with `limit` and `marker`; `nextMarker` comes from the
   * answer's `links.next`. Keystone pages domains, projects, users and groups (sorted by id); a collection the
   * server does not page (roles, regions, …) comes back whole, without `nextMarker`.
   *
   * @example
   * ```ts
   * let page = await identity.projects.page({ domain_id: 'default', limit: 25 });
   * while (page.nextMarker) page = await identity.projects.page({ domain_id: 'default', limit: 25, marker: page.nextMarker });
   * ```
   */
  async page(filters: PageFilters<F>, options?: CallOptions): Promise<Page<T>> {
    const res = await this.session.request<Record<string, unknown>>(await this.collectionPath(), {
      query: filters,
      signal: options?.signal,
    });
    const items = (res.body?.[this.spec.plural] ?? []) as T[];
    const nextMarker =
      items.length > 0 ? markerOf((res.body?.links as { next?: string | null } | undefined)?.next, res.url) : undefined;
    const page: Page<T> = { items };
    if (nextMarker !== undefined) page.nextMarker = nextMarker;
    if (res.body?.truncated === true) page.truncated = true;
    return page;
  }

  async get(id: string, options?: CallOptions): Promise<T> {
    const res = await this.session.request<Record<string, T>>(
      `${await this.collectionPath()}/${encodeURIComponent(id)}`,
      { signal: options?.signal },
    );
    return res.body[this.spec.key]!;
  }

  async create(attributes: C, options?: CallOptions): Promise<T> {
    const res = await this.session.request<Record<string, T>>(await this.collectionPath(), {
      method: 'POST',
      body: { [this.spec.key]: attributes },
      signal: options?.signal,
    });
    return res.body[this.spec.key]!;
  }

  async update(id: string, attributes: U, options?: CallOptions): Promise<T> {
    const res = await this.session.request<Record<string, T>>(
      `${await this.collectionPath()}/${encodeURIComponent(id)}`,
      {
        method: 'PATCH',
        body: { [this.spec.key]: attributes },
        signal: options?.signal,
      },
    );
    return res.body[this.spec.key]!;
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.session.request(`${await this.collectionPath()}/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }

  /**
   * openstackclient's find_resource: GET by id; if that is a 404, list by name (within `filters`, e.g. `domain_id`).
   *
   * @throws {NotFoundError} when nothing matches; {@link AmbiguousError} when several names match.
   */
  async find(nameOrId: string, filters: F | Filters = {}, options?: CallOptions): Promise<T> {
    try {
      return await this.get(nameOrId, options);
    } catch (err) {
      if (!(err instanceof NotFoundError || err instanceof ValidationError)) throw err;
    }
    const matches = this.spec.nameFilter
      ? await this.list({ ...filters, name: nameOrId } as F, options)
      : (await this.list(filters as F, options)).filter((r) => (r as { name?: unknown }).name === nameOrId);
    const exact = matches.filter((r) => (r as { name?: unknown }).name === nameOrId);
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1) throw new AmbiguousError(this.spec.key.replace(/_/g, ' '), nameOrId, exact.length);
    throw notFound(this.spec.key, nameOrId);
  }
}

/** openstackclient's wording for a failed name/id lookup. */
export function notFound(resource: string, nameOrId: string): NotFoundError {
  return new NotFoundError({
    status: 404,
    title: 'Not Found',
    keystoneMessage: `No ${resource.replace(/_/g, ' ')} with a name or ID of '${nameOrId}' exists.`,
    local: true,
  });
}

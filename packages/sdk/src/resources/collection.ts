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
 * Iterates a Keystone list, following `links.next` (limit/marker pagination) until it is null.
 *
 * @example
 * ```ts
 * for await (const p of paginate<Project>(session, '/projects', 'projects', { limit: 50 })) console.log(p.name);
 * ```
 */
export async function* paginate<T>(session: Session, path: string, plural: string, filters?: Filters, options: CallOptions = {}): AsyncGenerator<T> {
  let url = path;
  let query: Filters | undefined = filters;
  const seen = new Set<string>();
  for (;;) {
    const res = await session.request<Record<string, unknown>>(url, { query, signal: options.signal });
    const items = (res.body?.[plural] ?? []) as T[];
    for (const item of items) yield item;
    const next = (res.body?.links as { next?: string | null } | undefined)?.next;
    if (!next || items.length === 0) return;
    // Follow the server's link, but keep our endpoint: a proxy or a misconfigured public_endpoint may put another
    // host in it; the collection path is the same, only the query (marker) moves.
    const nextUrl = new URL(next, res.url);
    const current = new URL(res.url);
    url = nextUrl.origin === current.origin ? nextUrl.toString() : `${current.origin}${current.pathname}${nextUrl.search}`;
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
export class Collection<T extends { id: string }, C = Partial<T>, U = Partial<T>> {
  constructor(
    protected readonly session: Session,
    protected readonly spec: CollectionSpec,
  ) {}

  /** Path of the collection (overridable, e.g. per user). */
  protected collectionPath(): string | Promise<string> {
    return this.spec.path;
  }

  /** All matching items, every page fetched. */
  async list(filters?: Filters, options?: CallOptions): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this.iterate(filters, options)) out.push(item);
    return out;
  }

  /** Matching items one by one, fetching further pages on demand. */
  async *iterate(filters?: Filters, options?: CallOptions): AsyncGenerator<T> {
    yield* paginate<T>(this.session, await this.collectionPath(), this.spec.plural, filters, options);
  }

  async get(id: string, options?: CallOptions): Promise<T> {
    const res = await this.session.request<Record<string, T>>(`${await this.collectionPath()}/${encodeURIComponent(id)}`, { signal: options?.signal });
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
    const res = await this.session.request<Record<string, T>>(`${await this.collectionPath()}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: { [this.spec.key]: attributes },
      signal: options?.signal,
    });
    return res.body[this.spec.key]!;
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.session.request(`${await this.collectionPath()}/${encodeURIComponent(id)}`, { method: 'DELETE', signal: options?.signal });
  }

  /**
   * openstackclient's find_resource: GET by id; if that is a 404, list by name (within `filters`, e.g. `domain_id`).
   *
   * @throws {NotFoundError} when nothing matches; {@link AmbiguousError} when several names match.
   */
  async find(nameOrId: string, filters: Filters = {}, options?: CallOptions): Promise<T> {
    try {
      return await this.get(nameOrId, options);
    } catch (err) {
      if (!(err instanceof NotFoundError || err instanceof ValidationError)) throw err;
    }
    const matches = this.spec.nameFilter
      ? await this.list({ ...filters, name: nameOrId }, options)
      : (await this.list(filters, options)).filter((r) => (r as { name?: unknown }).name === nameOrId);
    const exact = matches.filter((r) => (r as { name?: unknown }).name === nameOrId);
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1) throw new AmbiguousError(this.spec.key.replace(/_/g, ' '), nameOrId, exact.length);
    throw notFound(this.spec.key, nameOrId);
  }
}

/** openstackclient's wording for a failed name/id lookup. */
export function notFound(resource: string, nameOrId: string): NotFoundError {
  return new NotFoundError({ status: 404, title: 'Not Found', keystoneMessage: `No ${resource.replace(/_/g, ' ')} with a name or ID of '${nameOrId}' exists.`, local: true });
}

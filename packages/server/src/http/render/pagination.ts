import { ValidationError } from '../../errors.ts';

/** Keystone's hard cap on a page ([DEFAULT] max_db_limit). */
const MAX_PAGE = 1000;

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ValidationError(`Invalid input for query parameter '${name}': expected a positive integer.`);
  return Math.min(n, MAX_PAGE);
}

/**
 * `limit` + `marker` pagination over a list sorted by id, as recent Keystone does for domains, projects,
 * users and groups: `links.next` carries the marker of the last item; `[DEFAULT] list_limit` truncates
 * unpaginated lists and says so with `"truncated": true`.
 */
export function paginated<T extends { id: string }>(
  key: string,
  records: T[],
  query: Record<string, unknown>,
  selfUrl: string,
  render: (record: T) => unknown,
  listLimit?: number,
): Record<string, unknown> {
  const limit = positiveInteger(query.limit, 'limit');
  const marker = typeof query.marker === 'string' ? query.marker : undefined;
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = marker === undefined ? sorted : sorted.filter((r) => r.id > marker);
  const pageSize = limit ?? listLimit;
  const page = pageSize === undefined ? after : after.slice(0, pageSize);
  const more = page.length < after.length;
  const body: Record<string, unknown> = {
    [key]: page.map(render),
    links: { self: selfUrl, previous: null, next: null as string | null },
  };
  if (more && limit !== undefined) {
    // Every filter of this request, a repeated one (`name__contains=a&name__contains=b`) with all its values.
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name === 'marker') continue;
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') params.append(name, v);
    }
    params.set('marker', page.at(-1)!.id);
    (body.links as Record<string, unknown>).next = `${selfUrl}?${params.toString()}`;
  } else if (more) {
    body.truncated = true;
  }
  return body;
}

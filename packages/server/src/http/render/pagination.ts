import { ValidationError } from '../../errors.ts';
import type { ListPage } from '../../services/list-page.ts';

/** Keystone's hard cap on a page ([DEFAULT] max_db_limit). */
const MAX_PAGE = 1000;

/** How many rows one follow-up read asks for at most, when a filter outside SQL dropped some of the first read's. */
const MAX_BATCH = 5000;

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ValidationError(`Invalid input for query parameter '${name}': expected a positive integer.`);
  return Math.min(n, MAX_PAGE);
}

/** Reads one page of a list from the storage, in id order after `after`. */
export type PageReader<T> = (page: ListPage) => Promise<T[]>;

/**
 * The first `wanted` records after `marker` that pass `keep` (all of them without `wanted`). The storage applies
 * the marker and the row limit in SQL; `keep` is for the few filters SQL cannot answer (a policy on each item, an
 * attribute inside the JSON `extra`): while it drops records, further pages are read after the last row read, so
 * a page is always filled when there are records enough, and a list never reads more of the table than it shows.
 */
async function readRecords<T extends { id: string }>(
  read: PageReader<T>,
  marker: string | undefined,
  wanted: number | undefined,
  keep: ((record: T) => boolean) | undefined,
): Promise<T[]> {
  if (wanted === undefined) {
    const all = await read({ after: marker });
    return keep ? all.filter(keep) : all;
  }
  const kept: T[] = [];
  let after = marker;
  let take = wanted;
  for (;;) {
    const batch = await read({ after, take });
    for (const record of batch) {
      if (keep && !keep(record)) continue;
      kept.push(record);
      if (kept.length === wanted) return kept;
    }
    if (batch.length < take) return kept;
    after = batch.at(-1)!.id;
    take = Math.min(take * 2, MAX_BATCH);
  }
}

/**
 * One page of `pageSize` records after `marker` (every record without a page size), and whether more follow: the
 * storage reads one row more than the page holds (`LIMIT pageSize + 1`), and that row tells.
 */
async function readPage<T extends { id: string }>(
  read: PageReader<T>,
  marker: string | undefined,
  pageSize: number | undefined,
  keep: ((record: T) => boolean) | undefined,
): Promise<{ page: T[]; more: boolean }> {
  const records = await readRecords(read, marker, pageSize === undefined ? undefined : pageSize + 1, keep);
  const more = pageSize !== undefined && records.length > pageSize;
  return { page: more ? records.slice(0, pageSize) : records, more };
}

/**
 * `limit` + `marker` pagination over a list sorted by id, as recent Keystone does for domains, projects,
 * users and groups: `links.next` carries the marker of the last item; `[DEFAULT] list_limit` truncates
 * unpaginated lists and says so with `"truncated": true`.
 */
export async function paginated<T extends { id: string }>(
  key: string,
  query: Record<string, unknown>,
  selfUrl: string,
  render: (record: T) => unknown,
  listLimit: number | undefined,
  read: PageReader<T>,
  keep?: (record: T) => boolean,
): Promise<Record<string, unknown>> {
  const limit = positiveInteger(query.limit, 'limit');
  const marker = typeof query.marker === 'string' ? query.marker : undefined;
  const { page, more } = await readPage(read, marker, limit ?? listLimit, keep);
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

/**
 * A list without limit/marker paging but cut to a list_limit (the catalog's), `"truncated": true` when there were
 * more.
 */
export async function limitedList<T extends { id: string }>(
  key: string,
  selfUrl: string,
  render: (record: T) => unknown,
  listLimit: number | undefined,
  read: PageReader<T>,
  keep?: (record: T) => boolean,
): Promise<Record<string, unknown>> {
  const { page, more } = await readPage(read, undefined, listLimit, keep);
  const body: Record<string, unknown> = {
    [key]: page.map(render),
    links: { self: selfUrl, previous: null, next: null },
  };
  if (more) body.truncated = true;
  return body;
}

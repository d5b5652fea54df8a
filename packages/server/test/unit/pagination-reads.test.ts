/**
 * What a list asks of the storage (http/render/pagination.ts): one read of `pageSize + 1` rows after the marker,
 * the page size capped at 1000, and, under a filter SQL does not answer, further reads after the last row read
 * until the page is full: never the whole table while a limit applies.
 */
import { describe, expect, it } from 'vitest';
import { limitedList, paginated } from '../../src/http/render/pagination.ts';
import type { ListPage } from '../../src/services/list-page.ts';

const rows = Array.from({ length: 3000 }, (_, i) => ({ id: `r${String(i).padStart(5, '0')}`, n: i }));

/** A table in id order; records every read it is asked for. */
function table() {
  const reads: ListPage[] = [];
  const read = async (page: ListPage) => {
    reads.push(page);
    const after = rows.filter((r) => page.after === undefined || r.id > page.after);
    return page.take === undefined ? after : after.slice(0, page.take);
  };
  return { reads, read };
}
const render = (r: { id: string }) => r.id;

describe('paginated reads', () => {
  it('reads pageSize + 1 rows after the marker, once', async () => {
    const { reads, read } = table();
    const body = await paginated('rows', { limit: '2', marker: 'r00010' }, '/rows', render, undefined, read);
    expect(reads).toEqual([{ after: 'r00010', take: 3 }]);
    expect(body.rows).toEqual(['r00011', 'r00012']);
    expect((body.links as { next: string }).next).toBe('/rows?limit=2&marker=r00012');
  });

  it('caps a limit above 1000 at 1000', async () => {
    const { reads, read } = table();
    const body = await paginated('rows', { limit: '5000' }, '/rows', render, undefined, read);
    expect(reads).toEqual([{ after: undefined, take: 1001 }]);
    expect(body.rows).toHaveLength(1000);
    expect((body.links as { next: string }).next).toBe('/rows?limit=5000&marker=r00999');
  });

  it('reads list_limit + 1 rows for an unpaginated list and says it was truncated', async () => {
    const { reads, read } = table();
    const body = await paginated('rows', {}, '/rows', render, 5, read);
    expect(reads).toEqual([{ after: undefined, take: 6 }]);
    expect(body.rows).toHaveLength(5);
    expect(body.truncated).toBe(true);
  });

  it('under a filter outside SQL, reads on after the last row read until the page is full', async () => {
    const { reads, read } = table();
    const everyHundredth = (r: { n: number }) => r.n % 100 === 0;
    const body = await paginated('rows', { limit: '3' }, '/rows', render, undefined, read, everyHundredth);
    expect(body.rows).toEqual(['r00000', 'r00100', 'r00200']);
    expect((body.links as { next: string }).next).toBe('/rows?limit=3&marker=r00200');
    // Growing reads, each after the last row of the one before; not the whole table.
    expect(reads[0]).toEqual({ after: undefined, take: 4 });
    for (let i = 1; i < reads.length; i += 1) expect(reads[i]!.take).toBeGreaterThanOrEqual(reads[i - 1]!.take!);
    expect(reads.reduce((sum, r) => sum + r.take!, 0)).toBeLessThan(rows.length);
  });

  it('stops at the end of the table when the filter leaves the page short', async () => {
    const { read } = table();
    const body = await paginated('rows', { limit: '3' }, '/rows', render, undefined, read, (r) => r.n === 2999);
    expect(body.rows).toEqual(['r02999']);
    expect((body.links as { next: null }).next).toBeNull();
  });

  it('limitedList: list_limit + 1 rows, truncated when there were more', async () => {
    const { reads, read } = table();
    const body = await limitedList('rows', '/rows', render, 2, read);
    expect(reads).toEqual([{ after: undefined, take: 3 }]);
    expect(body).toEqual({
      rows: ['r00000', 'r00001'],
      links: { self: '/rows', previous: null, next: null },
      truncated: true,
    });
    const all = await limitedList('rows', '/rows', render, undefined, table().read);
    expect(all.rows).toHaveLength(3000);
    expect(all.truncated).toBeUndefined();
  });
});

import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** One page of a server-paged list (the SDK's `Collection.page` answer). */
export interface ListPage<T> {
  items: T[];
  nextMarker?: string;
  truncated?: boolean;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

interface PagingState {
  key: string;
  /** The markers of the pages visited so far; the last one is the current page (undefined = the first page). */
  markers: Array<string | undefined>;
  size: number;
}

/**
 * Keystone's limit/marker paging with a marker stack: Next pushes the page's `nextMarker`, Previous pops. Nothing
 * but the current page is ever fetched, so a domain with 100,000 users stays as fast as one with ten. Changing
 * `resetKey` (the search, the domain) goes back to the first page.
 */
function useMarkerPaging(resetKey: string, initialSize: number = DEFAULT_PAGE_SIZE) {
  const [state, setState] = useState<PagingState>({ key: resetKey, markers: [undefined], size: initialSize });
  const current = state.key === resetKey ? state : { key: resetKey, markers: [undefined], size: state.size };
  if (current !== state) setState(current);
  return {
    marker: current.markers[current.markers.length - 1],
    pageNumber: current.markers.length,
    size: current.size,
    next: (nextMarker: string) => setState((s) => ({ ...s, markers: [...s.markers, nextMarker] })),
    previous: () => setState((s) => (s.markers.length > 1 ? { ...s, markers: s.markers.slice(0, -1) } : s)),
    setSize: (size: number) => setState((s) => ({ ...s, size, markers: [undefined] })),
    first: () => setState((s) => ({ ...s, markers: [undefined] })),
  };
}

export type MarkerPaging = ReturnType<typeof useMarkerPaging>;

/**
 * A server-paged list: the query for the current page (the previous page stays on screen while the next loads),
 * and its paging controls' state.
 */
export function usePagedList<T>(options: {
  queryKey: QueryKey;
  resetKey: string;
  fetchPage: (limit: number, marker: string | undefined) => Promise<ListPage<T>>;
  enabled?: boolean;
  pageSize?: number;
}) {
  const paging = useMarkerPaging(options.resetKey, options.pageSize);
  const query = useQuery({
    queryKey: [...options.queryKey, options.resetKey, paging.size, paging.marker ?? null],
    queryFn: () => options.fetchPage(paging.size, paging.marker),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  // The last rows of a later page were deleted: show the page before instead of an empty list.
  const emptied = query.isSuccess && !query.isPlaceholderData && query.data.items.length === 0 && paging.pageNumber > 1;
  useEffect(() => {
    if (emptied) paging.previous();
  }, [emptied, paging]);
  return { paging, query };
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

/**
 * Pages a list the server does not page (roles, role assignments, members): only one page of rows is rendered, so
 * a thousand rows never freeze the browser.
 */
export function useClientPages<T>(items: readonly T[], resetKey: string, initialSize: number = DEFAULT_PAGE_SIZE) {
  const [state, setState] = useState({ key: resetKey, page: 1, size: initialSize });
  const current = state.key === resetKey ? state : { key: resetKey, page: 1, size: state.size };
  if (current !== state) setState(current);
  const pages = Math.max(1, Math.ceil(items.length / current.size));
  const page = Math.min(current.page, pages);
  return {
    rows: items.slice((page - 1) * current.size, page * current.size),
    page,
    pages,
    size: current.size,
    total: items.length,
    setPage: (p: number) => setState((s) => ({ ...s, page: p })),
    setSize: (size: number) => setState((s) => ({ ...s, size, page: 1 })),
  };
}

export type ClientPages<T> = ReturnType<typeof useClientPages<T>>;
